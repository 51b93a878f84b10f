package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;

/**
 * The cases module's API for other modules (cockpit, evaluation): handling figures per town and
 * period, computed from real case handling. Periods are calendar days in the county's time zone,
 * both ends included. These methods are not scoped: callers apply their own jurisdiction.
 * <p>
 * Figures per town come from the {@link CaseTally} (summed per day and month, with the overdue
 * counts taken from the open cases); per category, per month and for a caller limited to some
 * villages they are counted from the cases themselves.
 */
@Service
@Transactional(readOnly = true)
public class CaseStatistics {

    /** What figures are grouped by. */
    enum Dimension { TOWN, CATEGORY, MONTH }

    private final JdbcClient jdbc;
    private final CaseTally tally;
    private final Clock clock;
    private final ZoneId zone;

    CaseStatistics(JdbcClient jdbc, CaseTally tally, Clock clock) {
        this.jdbc = jdbc;
        this.tally = tally;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** The whole county's figures for the period. */
    public CaseFigures county(LocalDate from, LocalDate to) {
        return figures(Dimension.TOWN, from, to, Scope.county()).stream()
                .reduce(CaseFigures.empty("county"), (a, b) -> a.plus(b, "county"));
    }

    /** One row per town that had cases reported in the period. */
    public List<CaseFigures> byTown(LocalDate from, LocalDate to) {
        return figures(Dimension.TOWN, from, to, Scope.county());
    }

    /**
     * One row per town of the given set that had cases reported in the period (one query, however
     * many towns: a caller summing towns into several groups asks once, not once per group).
     */
    public List<CaseFigures> byTown(java.util.Collection<String> townCodes, LocalDate from, LocalDate to) {
        if (townCodes.isEmpty()) {
            return List.of();
        }
        return figures(Dimension.TOWN, from, to, Scope.towns(townCodes));
    }

    /** One town's figures (all zero when it had no cases). */
    public CaseFigures town(String townCode, LocalDate from, LocalDate to) {
        return figures(Dimension.TOWN, from, to, Scope.towns(List.of(townCode))).stream().findFirst()
                .orElse(CaseFigures.empty(townCode));
    }

    /** The summed figures of a set of towns (a cluster, say); all zero for an empty set. */
    public CaseFigures towns(java.util.Collection<String> townCodes, LocalDate from, LocalDate to) {
        if (townCodes.isEmpty()) {
            return CaseFigures.empty("towns");
        }
        return figures(Dimension.TOWN, from, to, Scope.towns(townCodes)).stream()
                .reduce(CaseFigures.empty("towns"), (a, b) -> a.plus(b, "towns"));
    }

    /** Supervision orders issued in the period, per town. */
    public List<SupervisionFigures> supervision(LocalDate from, LocalDate to) {
        return supervision(from, to, Scope.county());
    }

    List<SupervisionFigures> supervision(LocalDate from, LocalDate to, Scope scope) {
        Map<String, Object> params = period(from, to);
        StringBuilder where = new StringBuilder(" where o.issued_at >= :from and o.issued_at < :to");
        if (!scope.wholeCounty()) {
            where.append(scope.townCodes().isEmpty() ? " and false" : " and o.town_code in (:towns)");
            params.put("towns", new ArrayList<>(scope.townCodes()));
        }
        var spec = jdbc.sql("""
                select o.town_code, count(distinct o.id) as orders,
                  count(distinct o.id) filter (where o.state = 'CLOSED') as orders_closed,
                  count(c.id) as points, count(c.id) filter (where c.state = 'CLOSED') as points_closed,
                  count(c.id) filter (where c.state = 'CLOSED' and c.closed_at < (o.deadline + 1)::timestamp at time zone :zone) as on_time
                from cases_order o left join cases_case c on c.order_id = o.id and c.state not in ('VOIDED', 'MERGED')"""
                + where + " group by o.town_code order by o.town_code");
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.param("zone", zone.getId()).query((rs, n) -> new SupervisionFigures(rs.getString(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))).list();
    }

    /** Figures grouped by the dimension, over cases reported in the period and visible in the scope. */
    List<CaseFigures> figures(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
        if (dimension == Dimension.TOWN && scope.villageCodes().isEmpty()) {
            requirePeriod(from, to);
            return tally.byTown(from, to, scope, clock.instant());
        }
        return counted(dimension, from, to, scope);
    }

    /** Figures grouped by the dimension, counted from every case reported in the period and visible in the scope. */
    List<CaseFigures> counted(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
        String key = switch (dimension) {
            case TOWN -> "c.town_code";
            case CATEGORY -> "c.category_code";
            case MONTH -> "to_char(c.reported_at at time zone :zone, 'YYYY-MM')";
        };
        Map<String, Object> params = period(from, to);
        params.put("now", Timestamp.from(clock.instant()));
        params.put("zone", zone.getId());
        StringBuilder where = new StringBuilder(" where c.reported_at >= :from and c.reported_at < :to");
        CaseQueries.scopeSql(scope, where, params);
        String sql = "select " + key + """
                 as k, count(*) as reported,
                  count(*) filter (where c.accepted_at is not null and c.state not in ('VOIDED', 'MERGED')) as accepted,
                  count(*) filter (where c.state = 'CLOSED') as closed,
                  count(*) filter (where c.state = 'CLOSED' and c.closed_on_time) as closed_on_time,
                  count(*) filter (where c.handled_at is not null and c.state not in ('VOIDED', 'MERGED')) as handled,
                  count(*) filter (where c.handled_at is null and c.state in ('DISPATCHED', 'IN_PROGRESS') and c.deadline < :now) as handle_overdue,
                  count(*) filter (where c.state not in ('CLOSED', 'VOIDED', 'MERGED', 'PARKED') and c.deadline < :now) as overdue,
                  count(*) filter (where c.rework_count > 0 and c.state not in ('VOIDED', 'MERGED')) as rework
                from cases_case c""" + where + " group by 1 order by 1";
        var spec = jdbc.sql(sql);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> {
            long closed = rs.getLong("closed");
            long overdue = rs.getLong("overdue");
            long handled = rs.getLong("handled");
            return new CaseFigures(rs.getString("k"), rs.getLong("reported"), rs.getLong("accepted"), closed,
                    rs.getLong("closed_on_time"), handled, handled + rs.getLong("handle_overdue"), closed + overdue,
                    rs.getLong("rework"), overdue);
        }).list();
    }

    private Map<String, Object> period(LocalDate from, LocalDate to) {
        requirePeriod(from, to);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", Timestamp.from(from.atStartOfDay(zone).toInstant()));
        params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
        return params;
    }

    private static void requirePeriod(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("A period needs a start on or before its end");
        }
    }
}
