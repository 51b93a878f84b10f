package org.townbrain.sensing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.townbrain.sensing.StaModel.Kind;

/**
 * The OData expression grammar SensorThings uses in {@code $filter} and {@code $orderby},
 * translated to SQL with bound parameters: comparison ({@code eq ne gt ge lt le}), logical
 * ({@code and or not}), arithmetic ({@code add sub mul div mod}), the string, date and math
 * functions, property paths through single-valued navigation ({@code Datastream/name}) and into
 * JSON ({@code properties/owner}). Anything else is a {@link StaException} (400), never SQL.
 */
final class StaExpressions {

    /** A translated expression: its SQL, what kind of value it has, and whether it is a literal. */
    record Sql(String sql, Kind kind, Object literal, boolean isLiteral) {
        static Sql of(String sql, Kind kind) {
            return new Sql(sql, kind, null, false);
        }
    }

    private final List<String> tokens;
    private final StaModel.Type type;
    private final String alias;
    private final List<Object> params;
    private final Instant now;
    private int pos;
    private int aliases;

    private StaExpressions(String text, StaModel.Type type, String alias, List<Object> params, Instant now) {
        this.tokens = tokenize(text);
        this.type = type;
        this.alias = alias;
        this.params = params;
        this.now = now;
    }

    /** The SQL condition for a {@code $filter} over {@code alias}, adding its parameters to {@code params}. */
    static String filter(String text, StaModel.Type type, String alias, List<Object> params, Instant now) {
        StaExpressions e = new StaExpressions(text, type, alias, params, now);
        Sql sql = e.expression();
        e.end();
        if (sql.kind() != Kind.BOOL) {
            throw new StaException("$filter must be a condition (a comparison or a function giving true or false)");
        }
        return sql.sql();
    }

    /** The SQL of one {@code $orderby} expression (without its direction). */
    static String orderTerm(String text, StaModel.Type type, String alias, List<Object> params, Instant now) {
        StaExpressions e = new StaExpressions(text, type, alias, params, now);
        Sql sql = e.expression();
        e.end();
        return sql.sql();
    }

    private void end() {
        if (pos < tokens.size()) {
            throw new StaException("unexpected '" + tokens.get(pos) + "' in expression");
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new StaException("expression ends too early");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String word) {
        if (word.equalsIgnoreCase(peek() == null ? "" : peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw new StaException("expected '" + word + "'" + (peek() == null ? " at the end" : " before '" + peek() + "'"));
        }
    }

    private Sql expression() {
        Sql left = and();
        while (accept("or")) {
            Sql right = and();
            left = Sql.of("(" + bool(left) + " or " + bool(right) + ")", Kind.BOOL);
        }
        return left;
    }

    private Sql and() {
        Sql left = not();
        while (accept("and")) {
            Sql right = not();
            left = Sql.of("(" + bool(left) + " and " + bool(right) + ")", Kind.BOOL);
        }
        return left;
    }

    private Sql not() {
        if (accept("not")) {
            return Sql.of("(not " + bool(not()) + ")", Kind.BOOL);
        }
        return comparison();
    }

    private static String bool(Sql sql) {
        if (sql.kind() != Kind.BOOL) {
            throw new StaException("'and', 'or' and 'not' need conditions");
        }
        return sql.sql();
    }

    private static final Map<String, String> COMPARISONS = Map.of("eq", "=", "ne", "<>", "gt", ">", "ge", ">=", "lt", "<", "le", "<=");

    private Sql comparison() {
        Sql left = additive();
        String op = peek() == null ? null : COMPARISONS.get(peek().toLowerCase());
        if (op == null) {
            return left;
        }
        pos++;
        Sql right = additive();
        if (left.kind() == Kind.NUMBER && right.kind() == Kind.NUMBER && left.isLiteral() && right.isLiteral()) {
            return Sql.of("(" + left.sql() + " " + op + " " + right.sql() + ")", Kind.BOOL);
        }
        if (right.isLiteral() && right.literal() == null || left.isLiteral() && left.literal() == null) {
            Sql other = right.isLiteral() && right.literal() == null ? left : right;
            if (op.equals("=")) {
                return Sql.of("(" + other.sql() + " is null)", Kind.BOOL);
            }
            if (op.equals("<>")) {
                return Sql.of("(" + other.sql() + " is not null)", Kind.BOOL);
            }
            throw new StaException("null can only be compared with eq or ne");
        }
        String[] sides = coerce(left, right);
        return Sql.of("(" + sides[0] + " " + op + " " + sides[1] + ")", Kind.BOOL);
    }

    /** Both sides as SQL of one kind: a string literal beside a number or a time is read as one. */
    private String[] coerce(Sql left, Sql right) {
        Kind kind = left.isLiteral() && left.kind() == Kind.TEXT ? right.kind() : left.kind();
        Kind other = kind == left.kind() ? right.kind() : left.kind();
        if (kind == Kind.NUMBER && other == Kind.TEXT && (left.isLiteral() || right.isLiteral())) {
            // a number compared with a string literal compares as text (result gt '3'), as the suite expects
            return new String[] {text(left), text(right)};
        }
        if (kind == Kind.TEXT && other == Kind.TEXT || kind == Kind.BOOL && other == Kind.BOOL) {
            return new String[] {left.sql(), right.sql()};
        }
        if (kind == Kind.JSON || other == Kind.JSON) {
            // a JSON member compared with a number compares numbers, with text compares text
            Kind scalar = kind == Kind.JSON ? other : kind;
            return new String[] {asKind(left, scalar), asKind(right, scalar)};
        }
        return new String[] {asKind(left, kind), asKind(right, kind)};
    }

    private String asKind(Sql sql, Kind kind) {
        if (sql.kind() == kind || kind == Kind.JSON) {
            return sql.sql();
        }
        if (sql.isLiteral() && sql.literal() instanceof String s) {
            int index = params.indexOf(s);
            switch (kind) {
                case NUMBER -> {
                    try {
                        replaceLast(s, Double.parseDouble(s));
                    } catch (NumberFormatException e) {
                        throw new StaException("'" + s + "' is not a number");
                    }
                    return "?";
                }
                case TIME, INTERVAL -> {
                    replaceLast(s, Timestamp.from(instant(s)));
                    return "?";
                }
                default -> {
                    return sql.sql();
                }
            }
        }
        return switch (kind) {
            case NUMBER -> "(" + sql.sql() + ")::double precision";
            case TEXT -> "(" + sql.sql() + ")::text";
            case TIME, INTERVAL -> "(" + sql.sql() + ")::timestamptz";
            default -> sql.sql();
        };
    }

    private void replaceLast(Object old, Object value) {
        int i = params.lastIndexOf(old);
        params.set(i, value);
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            throw new StaException("'" + s + "' is not a date and time like 2026-07-01T08:00:00Z");
        }
    }

    private static final Map<String, String> ARITHMETIC = Map.of("add", "+", "sub", "-", "mul", "*", "div", "/", "mod", "%");

    private Sql additive() {
        Sql left = multiplicative();
        while (peek() != null && (peek().equalsIgnoreCase("add") || peek().equalsIgnoreCase("sub"))) {
            String op = ARITHMETIC.get(next().toLowerCase());
            Sql right = multiplicative();
            left = Sql.of("(" + number(left) + " " + op + " " + number(right) + ")", Kind.NUMBER);
        }
        return left;
    }

    private Sql multiplicative() {
        Sql left = unary();
        while (peek() != null && (peek().equalsIgnoreCase("mul") || peek().equalsIgnoreCase("div") || peek().equalsIgnoreCase("mod"))) {
            String word = next().toLowerCase();
            Sql right = unary();
            String l = number(left);
            String r = number(right);
            left = word.equals("mod") ? Sql.of("mod((" + l + ")::numeric, (" + r + ")::numeric)::double precision", Kind.NUMBER)
                    : word.equals("div") ? Sql.of("(" + l + " / nullif(" + r + ", 0))", Kind.NUMBER)
                    : Sql.of("(" + l + " * " + r + ")", Kind.NUMBER);
        }
        return left;
    }

    private String number(Sql sql) {
        if (sql.kind() == Kind.BOOL || sql.kind() == Kind.TIME || sql.kind() == Kind.INTERVAL) {
            throw new StaException("arithmetic needs numbers");
        }
        return asKind(sql, Kind.NUMBER);
    }

    private Sql unary() {
        if ("-".equals(peek())) {
            pos++;
            return Sql.of("(-" + number(unary()) + ")", Kind.NUMBER);
        }
        return primary();
    }

    private Sql primary() {
        String token = next();
        if (token.equals("(")) {
            Sql inner = expression();
            expect(")");
            return inner;
        }
        if (token.startsWith("'")) {
            String text = token.substring(1, token.length() - 1).replace("''", "'");
            params.add(text);
            return new Sql("?", Kind.TEXT, text, true);
        }
        char c = token.charAt(0);
        if (Character.isDigit(c)) {
            if (token.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                params.add(Timestamp.from(instant(token)));
                return new Sql("?", Kind.TIME, token, true);
            }
            try {
                double value = Double.parseDouble(token);
                return new Sql(token.matches("\\d+") ? token : Double.toString(value), Kind.NUMBER, value, true);
            } catch (NumberFormatException e) {
                throw new StaException("'" + token + "' is not a number");
            }
        }
        switch (token.toLowerCase()) {
            case "true", "false" -> {
                return new Sql(token.toLowerCase(), Kind.BOOL, Boolean.valueOf(token), true);
            }
            case "null" -> {
                return new Sql("null", Kind.TEXT, null, true);
            }
            default -> {
            }
        }
        if ("(".equals(peek())) {
            pos++;
            List<Sql> args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(expression());
                } while (accept(","));
                expect(")");
            }
            return function(token.toLowerCase(), args);
        }
        return path(token);
    }

    private Sql function(String name, List<Sql> a) {
        return switch (name) {
            case "substringof" -> args(a, 2, Sql.of("(strpos(" + text(a.get(1)) + ", " + text(a.get(0)) + ") > 0)", Kind.BOOL));
            case "contains" -> args(a, 2, Sql.of("(strpos(" + text(a.get(0)) + ", " + text(a.get(1)) + ") > 0)", Kind.BOOL));
            case "startswith" -> args(a, 2, Sql.of("starts_with(" + text(a.get(0)) + ", " + text(a.get(1)) + ")", Kind.BOOL));
            case "endswith" -> args(a, 2, Sql.of("(right(" + text(a.get(0)) + ", length(" + text(a.get(1)) + ")) = "
                    + text(a.get(1)) + ")", Kind.BOOL));
            case "length" -> args(a, 1, Sql.of("length(" + text(a.get(0)) + ")", Kind.NUMBER));
            case "indexof" -> args(a, 2, Sql.of("(strpos(" + text(a.get(0)) + ", " + text(a.get(1)) + ") - 1)", Kind.NUMBER));
            case "substring" -> {
                if (a.size() == 2) {
                    yield Sql.of("substr(" + text(a.get(0)) + ", (" + number(a.get(1)) + ")::int + 1)", Kind.TEXT);
                }
                yield args(a, 3, Sql.of("substr(" + text(a.get(0)) + ", (" + number(a.get(1)) + ")::int + 1, ("
                        + number(a.get(2)) + ")::int)", Kind.TEXT));
            }
            case "tolower" -> args(a, 1, Sql.of("lower(" + text(a.get(0)) + ")", Kind.TEXT));
            case "toupper" -> args(a, 1, Sql.of("upper(" + text(a.get(0)) + ")", Kind.TEXT));
            case "trim" -> args(a, 1, Sql.of("btrim(" + text(a.get(0)) + ")", Kind.TEXT));
            case "concat" -> args(a, 2, Sql.of("(" + text(a.get(0)) + " || " + text(a.get(1)) + ")", Kind.TEXT));
            case "year", "month", "day", "hour", "minute" -> args(a, 1, Sql.of("extract(" + name + " from "
                    + time(a.get(0)) + " at time zone 'UTC')::double precision", Kind.NUMBER));
            case "second" -> args(a, 1, Sql.of("floor(extract(second from " + time(a.get(0)) + "))::double precision", Kind.NUMBER));
            case "fractionalseconds" -> args(a, 1, Sql.of("(extract(second from " + time(a.get(0)) + ") - floor(extract(second from "
                    + time(a.get(0)) + ")))::double precision", Kind.NUMBER));
            case "date" -> args(a, 1, Sql.of("((" + time(a.get(0)) + " at time zone 'UTC')::date)::text", Kind.TEXT));
            case "time" -> args(a, 1, Sql.of("to_char(" + time(a.get(0)) + " at time zone 'UTC', 'HH24:MI:SS')", Kind.TEXT));
            case "totaloffsetminutes" -> args(a, 1, Sql.of("0", Kind.NUMBER));
            case "now" -> {
                args(a, 0, null);
                params.add(Timestamp.from(now));
                yield Sql.of("?::timestamptz", Kind.TIME);
            }
            case "mindatetime" -> args(a, 0, Sql.of("'-infinity'::timestamptz", Kind.TIME));
            case "maxdatetime" -> args(a, 0, Sql.of("'infinity'::timestamptz", Kind.TIME));
            case "round" -> args(a, 1, Sql.of("round(" + number(a.get(0)) + ")", Kind.NUMBER));
            case "floor" -> args(a, 1, Sql.of("floor(" + number(a.get(0)) + ")", Kind.NUMBER));
            case "ceiling" -> args(a, 1, Sql.of("ceiling(" + number(a.get(0)) + ")", Kind.NUMBER));
            default -> throw new StaException("unknown or unsupported function " + name + "()"
                    + (name.startsWith("geo.") || name.startsWith("st_") ? " (geospatial functions are not offered yet)" : ""));
        };
    }

    private static Sql args(List<Sql> args, int n, Sql result) {
        if (args.size() != n) {
            throw new StaException("wrong number of arguments: " + n + " expected");
        }
        return result;
    }

    private String text(Sql sql) {
        if (sql.kind() == Kind.TEXT) {
            return sql.sql();
        }
        if (sql.kind() == Kind.JSON) {
            return sql.sql();
        }
        return "(" + sql.sql() + ")::text";
    }

    private String time(Sql sql) {
        return asKind(sql, Kind.TIME);
    }

    /** A property, a JSON member of one, or a property of a single related entity. */
    private Sql path(String token) {
        String[] parts = token.split("/");
        StaModel.Type current = type;
        String a = alias;
        StringBuilder open = new StringBuilder();
        int closing = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("id") || part.equals("@iot.id")) {
                if (i != parts.length - 1) {
                    throw new StaException("nothing follows id in " + token);
                }
                return wrap(open, closing, a + ".id", Kind.NUMBER);
            }
            StaModel.Prop prop = current.prop(part);
            if (prop != null) {
                if (i == parts.length - 1) {
                    Kind kind = prop.kind() == Kind.INTERVAL ? Kind.TIME : prop.kind();
                    return wrap(open, closing, prop.on(a), kind);
                }
                if (prop.kind() != Kind.JSON) {
                    throw new StaException(part + " has no members: " + token);
                }
                List<String> members = List.of(parts).subList(i + 1, parts.length);
                for (String m : members) {
                    if (!m.matches("[A-Za-z0-9_@.\\-]+")) {
                        throw new StaException("bad member name '" + m + "'");
                    }
                }
                return wrap(open, closing, "(" + prop.on(a) + " #>> '{" + String.join(",", members) + "}')", Kind.JSON);
            }
            StaModel.Rel rel = current.rel(part);
            if (rel == null) {
                throw new StaException("unknown property '" + part + "' of " + current.singular());
            }
            if (rel.many()) {
                throw new StaException("'" + part + "' is a collection: a filter can only follow single entities (" + token + ")");
            }
            StaModel.Type target = StaModel.TYPES.get(rel.target());
            String child = "f" + (aliases++) + alias;
            open.append("(select ");
            closing++;
            // the where clause is added when the path ends
            open.append("\u0000").append(" from ").append(target.table()).append(' ').append(child)
                    .append(" where ").append(rel.condition(a, child)).append(" limit 1");
            current = target;
            a = child;
        }
        throw new StaException("a path must end in a property: " + token);
    }

    private static Sql wrap(StringBuilder open, int closing, String expression, Kind kind) {
        if (closing == 0) {
            return Sql.of(expression, kind);
        }
        // nest: each "(select \0 from ... limit 1" takes the next one (or the expression) as its \0
        String text = open.toString();
        String[] levels = text.split("\\(select ", -1);
        String result = expression;
        for (int i = levels.length - 1; i >= 1; i--) {
            result = "(select " + levels[i].replace("\u0000", result) + ")";
        }
        return Sql.of(result, kind);
    }

    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new StaException("a string is not closed with '");
                    }
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(text.substring(i, j + 1));
                i = j + 1;
            } else if (c == '-' && (i + 1 >= text.length() || !Character.isDigit(text.charAt(i + 1)))) {
                out.add("-");
                i++;
            } else {
                int j = i + (c == '-' ? 1 : 0);
                while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && "(),'".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                String word = text.substring(i, j);
                if (word.startsWith("-")) {
                    out.add("-");
                    word = word.substring(1);
                }
                out.add(word);
                i = j;
            }
        }
        return out;
    }
}
