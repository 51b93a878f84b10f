package org.townbrain.cases;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;

/** The working calendar's data (holidays and adjusted working days per year) and its current form. */
@Service
class CalendarStore {

    record Day(LocalDate day, boolean working, String name) {
    }

    private final JdbcClient jdbc;
    private final CasesProperties properties;
    private volatile WorkingCalendar current;

    private final ZoneId countyZone;

    CalendarStore(JdbcClient jdbc, CasesProperties properties, ZoneId countyZone) {
        this.countyZone = countyZone;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    WorkingCalendar calendar() {
        WorkingCalendar calendar = current;
        if (calendar == null) {
            Map<LocalDate, Boolean> exceptions = new HashMap<>();
            jdbc.sql("select day, kind from cases_calendar_day").query((rs, n) -> exceptions.put(
                    rs.getObject(1, LocalDate.class), "WORKDAY".equals(rs.getString(2)))).list();
            calendar = new WorkingCalendar(exceptions,
                    properties.workingPeriods().stream().map(WorkingCalendar.Period::parse).toList(),
                    countyZone);
            current = calendar;
        }
        return calendar;
    }

    List<Day> year(int year) {
        return jdbc.sql("select day, kind, name from cases_calendar_day where day >= :a and day < :b order by day")
                .param("a", LocalDate.of(year, 1, 1)).param("b", LocalDate.of(year + 1, 1, 1))
                .query((rs, n) -> new Day(rs.getObject(1, LocalDate.class), "WORKDAY".equals(rs.getString(2)),
                        rs.getString(3))).list();
    }

    @Transactional
    void put(LocalDate day, boolean working, String name) {
        if (day == null || name == null || name.isBlank() || name.length() > 40) {
            throw new RejectedException("name", "请填写日期和名称 / date and name are required");
        }
        jdbc.sql("""
                insert into cases_calendar_day (day, kind, name) values (:d, :k, :n)
                on conflict (day) do update set kind = excluded.kind, name = excluded.name""")
                .param("d", day).param("k", working ? "WORKDAY" : "HOLIDAY").param("n", name.strip()).update();
        current = null;
    }

    @Transactional
    void remove(LocalDate day) {
        jdbc.sql("delete from cases_calendar_day where day = :d").param("d", day).update();
        current = null;
    }
}
