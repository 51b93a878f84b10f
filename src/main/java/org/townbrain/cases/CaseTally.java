package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.townbrain.platform.scope.Scope;

/**
 * Case figures per town read from the tally the database keeps per town and day of report, and
 * per town and month (table {@code cases_tally}, kept by triggers in the same transaction as
 * every change to a case). A period of whole days sums the months it covers whole and the days
 * at its ends, so a province's year is a few tens of thousands of rows, not every case.
 * <p>
 * Overdue counts depend on the moment of asking, so they cannot be tallied: they are counted from
 * {@code cases_due}, the open cases with a deadline, which the same triggers keep.
 */
@Component
class CaseTally implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CaseTally.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ZoneId zone;

    CaseTally(JdbcClient jdbc, TransactionTemplate transaction, ZoneId countyZone) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.zone = countyZone;
    }

    /** Before the application serves anyone: the tally counts days in the configured zone. */
    @Override
    public void afterSingletonsInstantiated() {
        countDaysIn(zone);
    }

    /**
     * Rebuilds the tally when it counts days in another zone than {@code wanted} (the setting was
     * changed); otherwise does nothing. Writers of cases wait meanwhile, so nothing is missed.
     */
    void countDaysIn(ZoneId wanted) {
        transaction.executeWithoutResult(status -> {
            String current = jdbc.sql("select zone from cases_tally_zone for update").query(String.class).single();
            if (current.equals(wanted.getId())) {
                return;
            }
            jdbc.sql("lock table cases_case in share mode").update();
            jdbc.sql("update cases_tally_zone set zone = :z").param("z", wanted.getId()).update();
            int rows = jdbc.sql("select cases_tally_rebuild()").query(Integer.class).single();
            log.info("Case tally rebuilt for days in {} (was {}): {} rows", wanted.getId(), current, rows);
        });
    }

    /** One row per town in the scope that had cases reported in the period; the scope must not be limited to villages. */
    List<CaseFigures> byTown(LocalDate from, LocalDate to, Scope scope, Instant now) {
        if (!scope.villageCodes().isEmpty()) {
            throw new IllegalArgumentException("The tally keeps towns, not villages");
        }
        LocalDate end = to.plusDays(1);
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = end.withDayOfMonth(1);
        if (!firstMonth.isBefore(endMonth)) {
            // no whole month: days only
            firstMonth = end;
            endMonth = end;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("end", end);
        params.put("firstMonth", firstMonth);
        params.put("endMonth", endMonth);
        params.put("fromAt", Timestamp.from(from.atStartOfDay(zone).toInstant()));
        params.put("endAt", Timestamp.from(end.atStartOfDay(zone).toInstant()));
        params.put("now", Timestamp.from(now));
        String towns = "";
        String dueTowns = "";
        if (!scope.wholeCounty()) {
            // one array parameter: the same statement (and cached plan) for any number of towns
            towns = " and town_code = any(cast(:towns as text[]))";
            dueTowns = " and d.town_code = any(cast(:towns as text[]))";
            params.put("towns", scope.townCodes().toArray(String[]::new));
        }
        // three plain ranges (whole months, the days before them, the days after them), each an
        // index range per town, rather than one OR the planner can only answer by combining bitmaps
        var spec = jdbc.sql("""
                with tallied as (
                  select t.town_code, sum(t.reported) as reported, sum(t.accepted) as accepted, sum(t.closed) as closed,
                    sum(t.closed_on_time) as closed_on_time, sum(t.handled) as handled, sum(t.rework) as rework
                  from (select * from cases_tally where span = 'MONTH' and day >= :firstMonth and day < :endMonth%1$s
                    union all select * from cases_tally where span = 'DAY' and day >= :from and day < :firstMonth%1$s
                    union all select * from cases_tally where span = 'DAY' and day >= :endMonth and day < :end%1$s) t
                  group by t.town_code having sum(t.reported) > 0),
                late as (
                  select d.town_code, count(*) as overdue, count(*) filter (where d.unhandled) as handle_overdue
                  from cases_due d
                  where d.deadline < :now and d.reported_at >= :fromAt and d.reported_at < :endAt%2$s
                  group by d.town_code)
                select k.*, coalesce(l.overdue, 0) as overdue, coalesce(l.handle_overdue, 0) as handle_overdue
                from tallied k left join late l on l.town_code = k.town_code
                order by k.town_code""".formatted(towns, dueTowns));
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> {
            long closed = rs.getLong("closed");
            long overdue = rs.getLong("overdue");
            long handled = rs.getLong("handled");
            return new CaseFigures(rs.getString("town_code"), rs.getLong("reported"), rs.getLong("accepted"), closed,
                    rs.getLong("closed_on_time"), handled, handled + rs.getLong("handle_overdue"), closed + overdue,
                    rs.getLong("rework"), overdue);
        }).list();
    }
}
