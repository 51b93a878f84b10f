package org.townbrain.checkin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;

/**
 * Work-resumption figures for the caller's scope: the rate (workers back / workers expected)
 * by town, village and industry for one day, and its trend over recent days.
 */
@Service("checkinResumption")
@Transactional(readOnly = true)
class Resumption {

    private final JdbcClient jdbc;
    private final ScopeProvider scopes;

    Resumption(JdbcClient jdbc, ScopeProvider scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** One group's figures; {@code rate} in percent with one decimal, null when nobody is expected. */
    record Group(String key, int enterprises, int reported, long expected, long back, Double rate, Double capacity) {
    }

    /** A day's report joined with its enterprise. */
    record Line(Enterprise enterprise, ResumptionReport report) {
    }

    Optional<LocalDate> latestDay(LocalDate notAfter) {
        return lines(null, notAfter.minusDays(60), notAfter).stream().map(l -> l.report().day()).max(LocalDate::compareTo);
    }

    List<Line> day(LocalDate day) {
        return lines(null, day, day);
    }

    List<Group> by(LocalDate day, Function<Enterprise, String> key, List<Enterprise> enterprises) {
        Map<String, List<Enterprise>> groups = new LinkedHashMap<>();
        enterprises.forEach(e -> groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e));
        Map<Long, ResumptionReport> reports = new LinkedHashMap<>();
        day(day).forEach(l -> reports.put(l.enterprise().id(), l.report()));
        List<Group> result = new ArrayList<>();
        groups.forEach((k, members) -> {
            List<ResumptionReport> got = members.stream().map(e -> reports.get(e.id())).filter(r -> r != null).toList();
            long expected = got.stream().mapToLong(ResumptionReport::workersExpected).sum();
            long back = got.stream().mapToLong(ResumptionReport::workersBack).sum();
            Double capacity = got.isEmpty() ? null
                    : Math.round(got.stream().mapToInt(ResumptionReport::capacityPercent).average().orElse(0) * 10) / 10.0;
            result.add(new Group(k, members.size(), got.size(), expected, back,
                    expected == 0 ? null : Math.round(back * 1000.0 / expected) / 10.0, capacity));
        });
        return result;
    }

    /** Rate per day over a range, for the trend chart. */
    Map<LocalDate, Double> trend(LocalDate from, LocalDate to) {
        Map<LocalDate, long[]> sums = new java.util.TreeMap<>();
        for (Line line : lines(null, from, to)) {
            long[] s = sums.computeIfAbsent(line.report().day(), d -> new long[2]);
            s[0] += line.report().workersExpected();
            s[1] += line.report().workersBack();
        }
        Map<LocalDate, Double> rates = new LinkedHashMap<>();
        sums.forEach((d, s) -> rates.put(d, s[0] == 0 ? null : Math.round(s[1] * 1000.0 / s[0]) / 10.0));
        return rates;
    }

    private List<Line> lines(Long enterpriseId, LocalDate from, LocalDate to) {
        Scope scope = scopes.current();
        return jdbc.sql("""
                select e.id, e.uscc, e.name, e.town_code, e.village_code, e.industry, e.size, e.workers, e.demo, e.version,
                       r.enterprise_id, r.day, r.workers_expected, r.workers_back, r.capacity_percent, r.needs, r.case_requested_at
                from checkin_resumption_report r join checkin_enterprise e on e.id = r.enterprise_id
                where r.day between :from and :to""").param("from", from).param("to", to)
                .query((rs, n) -> new Line(ResumptionEnterprises.map(rs, n), new ResumptionReport(rs.getLong(11),
                        rs.getObject(12, LocalDate.class), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getString(16),
                        Checkins.instant(rs.getTimestamp(17)))))
                .stream().filter(l -> ResumptionEnterprises.visible(scope, l.enterprise()))
                .filter(l -> enterpriseId == null || l.enterprise().id() == enterpriseId).toList();
    }
}
