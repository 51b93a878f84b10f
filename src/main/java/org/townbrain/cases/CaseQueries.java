package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.townbrain.access.Role;
import org.townbrain.platform.scope.Scope;

/** Lists of cases for inboxes, search and maps, always filtered by the caller's scope. */
@Service
class CaseQueries {

    /** A case in a list. */
    record Row(long id, String ref, String source, CaseState state, String categoryCode, String categoryName,
            String townCode, String unit, String description, Instant reportedAt, Instant deadline, boolean overdue,
            boolean extensionPending, double longitude, double latitude, Long orderId) {
    }

    /** Search filters; any may be null. {@code gridCodes}: only cases in these unit grids (empty: none). */
    record Filter(CaseState state, String townCode, String categoryCode, String text, Boolean overdue, Long orderId,
            Long inspectionId, List<String> gridCodes) {

        Filter(CaseState state, String townCode, String categoryCode, String text, Boolean overdue, Long orderId,
                Long inspectionId) {
            this(state, townCode, categoryCode, text, overdue, orderId, inspectionId, null);
        }

        /** A filter is checked before anything runs or streams: a control character (NUL, say) is a bad request. */
        Filter {
            for (String value : new String[] {townCode, categoryCode, text}) {
                if (value != null && value.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("control character in a filter");
                }
            }
        }

        static Filter none() {
            return new Filter(null, null, null, null, null, null, null);
        }
    }

    private static final String SELECT = """
            select c.id, c.ref, c.source, c.state, c.category_code, k.name as category_name, c.town_code, c.unit,
              c.description, c.reported_at, c.deadline, c.pending_extension, c.longitude, c.latitude, c.order_id
            from cases_case c join cases_category k on k.code = c.category_code""";

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What needs this role's action, in the scope, soonest deadline first. */
    List<Row> inbox(Role role, Scope scope, int limit) {
        return inbox(role, scope, limit, null);
    }

    /**
     * A grid worker's inbox: the cases of his own grids first, and fixes to verify only there
     * (he may verify nowhere else); {@code myGrids} null for everyone else.
     */
    List<Row> inbox(Role role, Scope scope, int limit, List<String> myGrids) {
        Set<CaseState> states = EnumSet.noneOf(CaseState.class);
        for (CaseAction action : CaseAction.values()) {
            if (action.allowedFor(role) && action != CaseAction.REOPEN && action != CaseAction.APPROVE_EXTENSION
                    && action != CaseAction.REJECT_EXTENSION && action != CaseAction.PARK
                    && action != CaseAction.REQUEST_EXTENSION && action != CaseAction.RETURN && action != CaseAction.MERGE) {
                java.util.Arrays.stream(CaseState.values()).filter(action::allowedFrom).forEach(states::add);
            }
        }
        boolean approves = CaseAction.APPROVE_EXTENSION.allowedFor(role);
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" where (");
        where.append(states.isEmpty() ? "false" : "c.state in (:states)");
        if (!states.isEmpty()) {
            params.put("states", states.stream().map(Enum::name).toList());
        }
        if (approves) {
            where.append(" or c.pending_extension is not null");
        }
        // inbox items are never closed: lets the partial index on open deadlines serve the order
        where.append(") and c.closed_at is null");
        scopeSql(scope, where, params);
        String first = "";
        if (myGrids != null) {
            params.put("mine", myGrids.isEmpty() ? List.of("-") : new ArrayList<>(myGrids));
            where.append(" and (c.state <> 'AWAITING_VERIFICATION' or c.grid_code in (:mine))");
            first = "coalesce(c.grid_code in (:mine), false) desc, ";
        }
        return query(SELECT + where + " order by " + first + "c.deadline asc nulls last, c.reported_at asc limit " + limit,
                params);
    }

    List<Row> search(Filter filter, Scope scope, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, scope, params);
        return query(SELECT + where + " order by c.reported_at desc, c.id desc offset " + Math.max(0, offset) + " limit "
                + Math.min(Math.max(1, limit), 500), params);
    }

    /** The where clause of a search, filling {@code params}; shared by search and export. */
    String where(Filter filter, Scope scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where true");
        if (filter.state() != null) {
            where.append(" and c.state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.townCode() != null && !filter.townCode().isBlank()) {
            where.append(" and c.town_code = :town");
            params.put("town", filter.townCode());
        }
        if (filter.categoryCode() != null && !filter.categoryCode().isBlank()) {
            where.append(" and c.category_code = :cat");
            params.put("cat", filter.categoryCode());
        }
        if (filter.text() != null && filter.text().strip().matches("\\d{4}-\\d{7}")) {
            // a case ref: the unique index answers, no scan of descriptions
            where.append(" and c.ref = :ref");
            params.put("ref", filter.text().strip());
        } else if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (c.ref = :ref or c.description ilike :text escape '\\' or c.address ilike :text escape '\\')");
            params.put("ref", filter.text().strip());
            params.put("text", "%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" and c.closed_at is null and c.state not in ('VOIDED','MERGED','PARKED') and c.deadline < :now");
            params.put("now", Timestamp.from(clock.instant()));
        }
        if (filter.orderId() != null) {
            where.append(" and c.order_id = :order");
            params.put("order", filter.orderId());
        }
        if (filter.inspectionId() != null) {
            where.append(" and c.inspection_id = :insp");
            params.put("insp", filter.inspectionId());
        }
        if (filter.gridCodes() != null) {
            if (filter.gridCodes().isEmpty()) {
                where.append(" and false");
            } else {
                where.append(" and c.grid_code in (:grids)");
                params.put("grids", new ArrayList<>(filter.gridCodes()));
            }
        }
        scopeSql(scope, where, params);
        return where.toString();
    }

    /** Open cases of the same 小类 within {@code radius} metres, nearest first. */
    List<Long> possibleDuplicates(long exceptId, String categoryCode, double lon, double lat, int radius) {
        double dLat = radius / 111_320.0;
        double dLon = radius / (111_320.0 * Math.cos(Math.toRadians(lat)));
        record Near(long id, double metres) {
        }
        return jdbc.sql("""
                select id, longitude, latitude from cases_case
                where category_code = :cat and closed_at is null and state not in ('VOIDED', 'MERGED') and id <> :id
                  and not position_estimated
                  and latitude between :la1 and :la2 and longitude between :lo1 and :lo2""")
                .param("cat", categoryCode).param("id", exceptId).param("la1", lat - dLat).param("la2", lat + dLat)
                .param("lo1", lon - dLon).param("lo2", lon + dLon)
                .query((rs, n) -> new Near(rs.getLong(1), metres(lon, lat, rs.getDouble(2), rs.getDouble(3)))).list()
                .stream().filter(n -> n.metres() <= radius).sorted(java.util.Comparator.comparingDouble(Near::metres))
                .map(Near::id).toList();
    }

    /** Great-circle distance in metres (haversine). */
    static double metres(double lon1, double lat1, double lon2, double lat2) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    static void scopeSql(Scope scope, StringBuilder where, Map<String, Object> params) {
        if (scope.wholeCounty()) {
            return;
        }
        if (scope.townCodes().isEmpty()) {
            where.append(" and false");
            return;
        }
        where.append(" and c.town_code in (:scopeTowns)");
        params.put("scopeTowns", new ArrayList<>(scope.townCodes()));
        if (!scope.villageCodes().isEmpty()) {
            where.append(" and c.village_code in (:scopeVillages)");
            params.put("scopeVillages", new ArrayList<>(scope.villageCodes()));
        }
    }

    private List<Row> query(String sql, Map<String, Object> params) {
        var spec = jdbc.sql(sql);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        Instant now = clock.instant();
        return spec.query((rs, n) -> {
            Timestamp deadline = rs.getTimestamp("deadline");
            CaseState state = CaseState.valueOf(rs.getString("state"));
            boolean overdue = deadline != null && state.isOpen() && state != CaseState.PARKED
                    && now.isAfter(deadline.toInstant());
            return new Row(rs.getLong("id"), rs.getString("ref"), rs.getString("source"), state,
                    rs.getString("category_code"), rs.getString("category_name"), rs.getString("town_code"),
                    rs.getString("unit"), rs.getString("description"), rs.getTimestamp("reported_at").toInstant(),
                    deadline == null ? null : deadline.toInstant(), overdue, rs.getObject("pending_extension") != null,
                    rs.getDouble("longitude"), rs.getDouble("latitude"), (Long) rs.getObject("order_id"));
        }).list();
    }

    static Map<String, String> names(List<org.townbrain.region.Town> towns) {
        return towns.stream().collect(Collectors.toMap(org.townbrain.region.Town::code, org.townbrain.region.Town::name));
    }
}
