package org.townbrain.sensing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads for the SensorThings API: one SQL statement per collection (paths become nested
 * conditions, {@code $filter} and {@code $orderby} become SQL), one more per expanded collection
 * of each entity. Every statement carries the caller's jurisdiction.
 */
@Component
class StaReads {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScopeProvider scopes;

    StaReads(JdbcTemplate jdbc, ObjectMapper json, Clock clock, ScopeProvider scopes) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.scopes = scopes;
    }

    /** The towns the caller sees as a SQL list, or null for the whole county. */
    static String towns(Scope scope) {
        if (scope.wholeCounty()) {
            return null;
        }
        if (scope.townCodes().isEmpty()) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (String code : new TreeSet<>(scope.townCodes())) {
            if (!code.matches("\\d{1,12}")) {
                throw new IllegalStateException("not a division code");
            }
            out.append(out.isEmpty() ? "" : ",").append('\'').append(code).append('\'');
        }
        return out.toString();
    }

    String towns() {
        return towns(scopes.current());
    }

    /** The condition that alias {@code a} is the entity (or an entity of the collection) at step {@code i}. */
    static String condition(List<StaQuery.Step> steps, int i, String a, List<Object> params, String towns) {
        StaQuery.Step step = steps.get(i);
        StringBuilder c = new StringBuilder("true");
        if (step.id() != null) {
            c.append(" and ").append(a).append(".id = ?");
            params.add(step.id());
        }
        if (towns != null) {
            c.append(" and ").append(step.type().scope(a, towns));
        }
        if (i > 0) {
            StaQuery.Step parent = steps.get(i - 1);
            String p = "p" + i + a;
            StaModel.Rel rel = step.rel();
            if (rel.join() == null) {
                c.append(" and ").append(a).append('.').append(rel.childColumn()).append(" = (select ").append(p).append('.')
                        .append(rel.parentColumn()).append(" from ").append(parent.type().table()).append(' ').append(p)
                        .append(" where ").append(condition(steps, i - 1, p, params, towns)).append(')');
            } else {
                c.append(" and exists (select 1 from ").append(parent.type().table()).append(' ').append(p).append(" where ")
                        .append(rel.condition(p, a)).append(" and ").append(condition(steps, i - 1, p, params, towns)).append(')');
            }
        }
        return c.toString();
    }

    /** Whether the entity or single navigation target at the end of the steps exists (and is visible). */
    boolean exists(List<StaQuery.Step> steps) {
        List<Object> params = new ArrayList<>();
        String where = condition(steps, steps.size() - 1, "a", params, towns());
        Boolean found = jdbc.queryForObject("select exists (select 1 from " + steps.getLast().type().table() + " a where "
                + where + ")", Boolean.class, params.toArray());
        return Boolean.TRUE.equals(found);
    }

    /** A page of a collection: its entities, the count if asked for, whether there are more. */
    record Page(List<Map<String, Object>> entities, Long count, boolean more) {
    }

    Page collection(String base, List<StaQuery.Step> steps, StaQuery.Options options, int depth) {
        StaModel.Type type = steps.getLast().type();
        String towns = towns();
        List<Object> params = new ArrayList<>();
        String where = condition(steps, steps.size() - 1, "a", params, towns);
        if (options.filter() != null) {
            where += " and " + StaExpressions.filter(options.filter(), type, "a", params, clock.instant());
        }
        List<Object> countParams = List.copyOf(params);
        StringBuilder order = new StringBuilder();
        boolean timeLast = false;
        for (String term : options.orderby()) {
            String t = term.strip();
            String direction = "asc";
            String lower = t.toLowerCase();
            if (lower.endsWith(" desc") || lower.endsWith(" asc")) {
                direction = lower.endsWith(" desc") ? "desc" : "asc";
                t = t.substring(0, t.lastIndexOf(' ')).strip();
            }
            order.append(order.isEmpty() ? "" : ", ").append(StaExpressions.orderTerm(t, type, "a", params, clock.instant()))
                    .append(' ').append(direction).append(direction.equals("asc") ? " nulls first" : " nulls last");
            timeLast = t.equals("phenomenonTime") && type.singular().equals("Observation");
        }
        if (!timeLast) {
            order.append(order.isEmpty() ? "" : ", ").append("a.id");
        }
        int top = options.top() == null ? StaQuery.DEFAULT_TOP : options.top();
        String sql = "select " + columns(type, "a") + " from " + type.table() + " a where " + where + " order by " + order
                + " limit " + (top + 1) + " offset " + options.skip();
        try {
            List<Map<String, Object>> rows = jdbc.query(sql, (rs, n) -> row(rs, type), params.toArray());
            boolean more = rows.size() > top;
            if (more) {
                rows = new ArrayList<>(rows.subList(0, top));
            }
            Long count = null;
            if (options.count()) {
                count = jdbc.queryForObject("select count(*) from " + type.table() + " a where " + where, Long.class,
                        countParams.toArray());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                out.add(entity(base, type, row, options, depth));
            }
            return new Page(out, count, more);
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql2 && sql2.getSQLState() != null && sql2.getSQLState().startsWith("22")) {
                throw new StaException("the expression does not fit the data: " + sql2.getMessage().lines().findFirst().orElse(""));
            }
            throw e;
        }
    }

    /** One entity (or null): the last step has an id or is a single navigation. */
    Map<String, Object> one(String base, List<StaQuery.Step> steps, StaQuery.Options options) {
        StaModel.Type type = steps.getLast().type();
        List<Object> params = new ArrayList<>();
        String where = condition(steps, steps.size() - 1, "a", params, towns());
        List<Map<String, Object>> rows = jdbc.query("select " + columns(type, "a") + " from " + type.table() + " a where "
                + where + " limit 1", (rs, n) -> row(rs, type), params.toArray());
        return rows.isEmpty() ? null : entity(base, type, rows.getFirst(), options, 0);
    }

    private static String columns(StaModel.Type type, String a) {
        StringBuilder out = new StringBuilder(a + ".id");
        for (StaModel.Prop prop : type.props()) {
            out.append(", ").append(prop.on(a));
            if (prop.end() != null) {
                out.append(", ").append(prop.end().replace("{a}", a));
            }
        }
        return out.toString();
    }

    private Map<String, Object> row(ResultSet rs, StaModel.Type type) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("@iot.id", rs.getLong(1));
        int column = 2;
        for (StaModel.Prop prop : type.props()) {
            Object value = switch (prop.kind()) {
                case TEXT -> rs.getString(column);
                case NUMBER -> {
                    double d = rs.getDouble(column);
                    yield rs.wasNull() ? null : d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
                }
                case BOOL -> rs.getObject(column);
                case TIME -> time(rs.getTimestamp(column));
                case JSON -> {
                    String text = rs.getString(column);
                    yield text == null ? null : json.readValue(text, Object.class);
                }
                case INTERVAL -> {
                    String start = time(rs.getTimestamp(column));
                    column++;
                    String end = time(rs.getTimestamp(column));
                    yield start == null ? null : end == null ? start : start + "/" + end;
                }
            };
            row.put(prop.name(), value);
            column++;
        }
        return row;
    }

    private static String time(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private Map<String, Object> entity(String base, StaModel.Type type, Map<String, Object> row, StaQuery.Options options,
            int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        long id = (Long) row.get("@iot.id");
        String self = base + "/" + type.plural() + "(" + id + ")";
        List<String> select = options.select();
        boolean all = select.isEmpty();
        if (all || select.contains("id") || select.contains("@iot.id")) {
            out.put("@iot.id", id);
        }
        if (all || select.contains("@iot.selfLink") || select.contains("id")) {
            out.put("@iot.selfLink", self);
        }
        for (StaModel.Prop prop : type.props()) {
            if (all || select.contains(prop.name())) {
                Object value = row.get(prop.name());
                if (value != null || prop.required() || !all || prop.name().equals("resultTime")) {
                    out.put(prop.name(), value);
                }
            }
        }
        for (StaModel.Rel rel : type.rels()) {
            StaQuery.Options expanded = options.expand().get(rel.name());
            if (expanded != null) {
                if (depth >= StaQuery.MAX_EXPAND_DEPTH) {
                    throw new StaException("$expand goes at most " + StaQuery.MAX_EXPAND_DEPTH + " levels deep");
                }
                List<StaQuery.Step> steps = List.of(new StaQuery.Step(type, null, id),
                        new StaQuery.Step(StaModel.TYPES.get(rel.target()), rel, null));
                if (rel.many()) {
                    Page page = collection(base, steps, expanded, depth + 1);
                    if (page.count() != null) {
                        out.put(rel.name() + "@iot.count", page.count());
                    }
                    out.put(rel.name(), page.entities());
                    if (page.more()) {
                        int top = expanded.top() == null ? StaQuery.DEFAULT_TOP : expanded.top();
                        out.put(rel.name() + "@iot.nextLink", self + "/" + rel.name() + "?$top=" + top + "&$skip="
                                + (expanded.skip() + top));
                    }
                } else {
                    Page page = collection(base, steps, new StaQuery.Options(null, List.of(), expanded.select(),
                            expanded.expand(), 1, 0, false), depth + 1);
                    out.put(rel.name(), page.entities().isEmpty() ? null : page.entities().getFirst());
                }
            } else if (all || select.contains(rel.name())) {
                out.put(rel.name() + "@iot.navigationLink", self + "/" + rel.name());
            }
        }
        return out;
    }

    /** The link to the next page: this request with $skip moved on. */
    static String nextLink(String url, Map<String, String> parameters, StaQuery.Options options) {
        int top = options.top() == null ? StaQuery.DEFAULT_TOP : options.top();
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.put("$top", String.valueOf(top));
        next.put("$skip", String.valueOf(options.skip() + top));
        StringBuilder out = new StringBuilder(url);
        char sep = '?';
        for (Map.Entry<String, String> e : next.entrySet()) {
            out.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$").replace("%2C", ",")
                .replace("%28", "(").replace("%29", ")").replace("%27", "'").replace("%2F", "/");
    }
}
