package org.townbrain.checkin;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/**
 * The check-in module's API for other modules (cockpit, tourism, evaluation): anonymous figures
 * only, filtered by the caller's scope. Nothing here can identify a person.
 */
@Service("checkinFigures")
@Transactional(readOnly = true)
public class CheckinFigures {

    private final JdbcClient jdbc;
    private final ScopeProvider scopes;
    private final CheckinProperties properties;
    private final Resumption resumption;
    private final ResumptionEnterprises enterprises;

    private final java.time.ZoneId countyZone;

    CheckinFigures(JdbcClient jdbc, ScopeProvider scopes, CheckinProperties properties, Resumption resumption,
            ResumptionEnterprises enterprises, java.time.ZoneId countyZone) {
        this.countyZone = countyZone;
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.properties = properties;
        this.resumption = resumption;
        this.enterprises = enterprises;
    }

    /** Check-ins at a town's venues on one day (live rows and the counts left by the purge). */
    public record TownDay(String townCode, LocalDate day, long checkins) {
    }

    /**
     * Work resumption of a town on one day.
     *
     * @param rate workers back / workers expected in percent, {@code null} when nobody was expected
     */
    public record TownResumption(String townCode, LocalDate day, int enterprises, int reported, long workersExpected,
            long workersBack, Double rate) {
    }

    /** Check-ins per town and day in [from, to], for the towns the caller may see. */
    public List<TownDay> checkinsPerTownAndDay(LocalDate from, LocalDate to) {
        Scope scope = scopes.current();
        return jdbc.sql("""
                select town_code, day, sum(n) from (
                    select v.town_code, (c.checked_in_at at time zone :zone)::date as day, count(*) as n
                    from checkin_checkin c join checkin_venue v on v.id = c.venue_id
                    where c.checked_in_at >= :fromAt and c.checked_in_at < :toAt group by 1, 2
                    union all
                    select v.town_code, d.day, sum(d.checkins) from checkin_daily_count d join checkin_venue v on v.id = d.venue_id
                    where d.day between :from and :to group by 1, 2
                ) t group by town_code, day order by day, town_code""")
                .param("zone", countyZone.getId())
                .param("fromAt", Timestamp.from(from.atStartOfDay(countyZone).toInstant()))
                .param("toAt", Timestamp.from(to.plusDays(1).atStartOfDay(countyZone).toInstant()))
                .param("from", from).param("to", to)
                .query((rs, n) -> new TownDay(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3))).stream()
                .filter(d -> scope.coversTown(d.townCode())).toList();
    }

    /** Work resumption per town on one day, for the towns the caller may see. */
    public List<TownResumption> resumptionPerTown(LocalDate day) {
        return resumption.by(day, Enterprise::townCode, enterprises.list()).stream()
                .map(g -> new TownResumption(g.key(), day, g.enterprises(), g.reported(), g.expected(), g.back(), g.rate()))
                .toList();
    }
}
