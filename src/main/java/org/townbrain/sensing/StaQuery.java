package org.townbrain.sensing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SensorThings request: the resource path ({@code Things(1)/Datastreams}, ending maybe
 * in a property, {@code $value} or {@code $ref}) and the query options.
 */
final class StaQuery {

    static final int DEFAULT_TOP = 100;
    static final int MAX_TOP = 10_000;
    static final int MAX_EXPAND_DEPTH = 4;

    /** One step of a path: an entity set or navigation property, with an id when one is chosen. */
    record Step(StaModel.Type type, StaModel.Rel rel, Long id) {
    }

    /** The path: its entity steps, and what follows them. */
    record Path(List<Step> steps, String property, boolean value, boolean ref) {
        Step last() {
            return steps.getLast();
        }

        /** Whether the path names one entity (an id, or a single-valued navigation). */
        boolean single() {
            Step last = last();
            return last.id() != null || last.rel() != null && !last.rel().many();
        }
    }

    /** The query options of a collection, and of each expanded navigation property. */
    record Options(String filter, List<String> orderby, List<String> select, Map<String, Options> expand,
            Integer top, int skip, boolean count) {
        static Options none() {
            return new Options(null, List.of(), List.of(), Map.of(), null, 0, false);
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z]+)(?:\\((\\d+)\\))?");

    static Path path(String rest) {
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        StaModel.Type current = null;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.equals("$value") || s.equals("$ref")) {
                throw new StaException("unexpected " + s + " in the path");
            }
            Matcher m = SEGMENT.matcher(s);
            if (!m.matches()) {
                if (s.matches("[A-Za-z]+\\(.*\\)")) {
                    throw new StaException(404, "no entity " + s + " (ids are numbers)");
                }
                throw new StaException(404, "no such resource: " + s);
            }
            String name = m.group(1);
            Long id = m.group(2) == null ? null : Long.valueOf(m.group(2));
            if (current == null) {
                StaModel.Type type = StaModel.TYPES.get(name);
                if (type == null) {
                    throw new StaException(404, "no entity set " + name);
                }
                steps.add(new Step(type, null, id));
                current = type;
            } else {
                Step previous = steps.getLast();
                if (previous.id() == null && (previous.rel() == null || previous.rel().many())) {
                    throw new StaException("choose one entity (with its id) before " + name);
                }
                StaModel.Rel rel = current.rel(name);
                if (rel == null) {
                    StaModel.Prop prop = current.prop(name);
                    if (prop == null && !name.equals("id")) {
                        throw new StaException(404, current.singular() + " has no property " + name);
                    }
                    if (id != null) {
                        throw new StaException(404, "a property has no id: " + s);
                    }
                    boolean value = false;
                    if (i + 1 < segments.size()) {
                        if (i + 2 == segments.size() && segments.get(i + 1).equals("$value")) {
                            value = true;
                        } else {
                            throw new StaException(404, "nothing follows a property but $value");
                        }
                    }
                    return new Path(steps, name, value, false);
                }
                if (id != null && !rel.many()) {
                    throw new StaException(404, name + " is a single entity: no id");
                }
                current = StaModel.TYPES.get(rel.target());
                steps.add(new Step(current, rel, id));
            }
            if (i + 2 == segments.size() && segments.get(i + 1).equals("$ref")) {
                return new Path(steps, null, false, true);
            }
        }
        return new Path(steps, null, false, false);
    }

    /** The options from the request parameters (already decoded). */
    static Options options(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (name.startsWith("$") && !List.of("$filter", "$orderby", "$select", "$expand", "$top", "$skip", "$count",
                    "$resultFormat").contains(name)) {
                throw new StaException("unknown query option " + name);
            }
        }
        return options(parameters.get("$filter"), parameters.get("$orderby"), parameters.get("$select"),
                parameters.get("$expand"), parameters.get("$top"), parameters.get("$skip"), parameters.get("$count"), 0);
    }

    private static Options options(String filter, String orderby, String select, String expand, String top, String skip,
            String count, int depth) {
        Integer t = null;
        if (top != null) {
            t = integer("$top", top);
            if (t > MAX_TOP) {
                throw new StaException("$top is at most " + MAX_TOP + "; page with @iot.nextLink");
            }
        }
        int s = skip == null ? 0 : integer("$skip", skip);
        boolean c;
        if (count == null || count.equals("false")) {
            c = false;
        } else if (count.equals("true")) {
            c = true;
        } else {
            throw new StaException("$count is true or false");
        }
        List<String> order = orderby == null ? List.of() : split(orderby, ',');
        List<String> sel = select == null ? List.of() : split(select, ',').stream().map(String::strip).toList();
        Map<String, Options> exp = expand == null ? Map.of() : expand(expand, depth + 1);
        return new Options(filter == null || filter.isBlank() ? null : filter, order, sel, exp, t, s, c);
    }

    private static int integer(String name, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StaException(name + " must be a whole number ≥ 0");
        }
    }

    /** {@code A/B($top=1),C($select=name;$expand=D)} as nested options. */
    private static Map<String, Options> expand(String text, int depth) {
        if (depth > MAX_EXPAND_DEPTH) {
            throw new StaException("$expand goes at most " + MAX_EXPAND_DEPTH + " levels deep");
        }
        Map<String, Options> out = new LinkedHashMap<>();
        for (String item : split(text, ',')) {
            item = item.strip();
            String name = item;
            String inner = null;
            int paren = item.indexOf('(');
            if (paren >= 0) {
                if (!item.endsWith(")")) {
                    throw new StaException("unbalanced parentheses in $expand: " + item);
                }
                name = item.substring(0, paren).strip();
                inner = item.substring(paren + 1, item.length() - 1);
            }
            if (name.isEmpty()) {
                throw new StaException("empty item in $expand");
            }
            String first = name;
            String restPath = null;
            int slash = name.indexOf('/');
            if (slash >= 0) {
                first = name.substring(0, slash);
                restPath = name.substring(slash + 1);
            }
            Options options;
            if (restPath != null) {
                String nested = restPath + (inner == null ? "" : "(" + inner + ")");
                Options existing = out.get(first);
                Map<String, Options> merged = new LinkedHashMap<>(existing == null ? Map.of() : existing.expand());
                merged.putAll(expand(nested, depth + 1));
                options = existing == null ? new Options(null, List.of(), List.of(), merged, null, 0, false)
                        : new Options(existing.filter(), existing.orderby(), existing.select(), merged, existing.top(),
                                existing.skip(), existing.count());
            } else if (inner != null) {
                Map<String, String> p = new LinkedHashMap<>();
                for (String option : split(inner, ';')) {
                    int eq = option.indexOf('=');
                    if (eq < 0) {
                        throw new StaException("bad option in $expand: " + option);
                    }
                    String key = option.substring(0, eq).strip();
                    if (!List.of("$filter", "$orderby", "$select", "$expand", "$top", "$skip", "$count").contains(key)) {
                        throw new StaException("unknown option " + key + " in $expand");
                    }
                    p.put(key, option.substring(eq + 1));
                }
                options = options(p.get("$filter"), p.get("$orderby"), p.get("$select"), p.get("$expand"), p.get("$top"),
                        p.get("$skip"), p.get("$count"), depth);
            } else {
                options = out.getOrDefault(first, Options.none());
            }
            out.put(first, options);
        }
        return out;
    }

    /** Splits at {@code separator} outside parentheses and quotes. */
    static List<String> split(String text, char separator) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth < 0) {
                    throw new StaException("unbalanced parentheses");
                }
            } else if (!quoted && depth == 0 && c == separator) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw new StaException("unbalanced parentheses or quotes");
        }
        out.add(text.substring(start));
        return out;
    }

    private StaQuery() {
    }
}
