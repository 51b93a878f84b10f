package org.townbrain.tourism;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Regions;

/** Daily figures per town, and the holiday reports computed from them. */
@Service
class TourismFigures {

    static final int MAX_RANGE_DAYS = 400;

    private final JdbcClient jdbc;
    private final Holidays holidays;
    private final Regions regions;
    private final Users users;

    TourismFigures(JdbcClient jdbc, Holidays holidays, Regions regions, Users users) {
        this.jdbc = jdbc;
        this.holidays = holidays;
        this.regions = regions;
        this.users = users;
    }

    /** Who records daily figures (within their towns), whether by page, import or API: the one rule of the module. */
    static final Set<Role> RECORDERS = Set.of(Role.COUNTY_ADMIN, Role.TOWN_STAFF);

    record DailyFigure(String townCode, LocalDate day, int visitors, BigDecimal revenueYuan, String source) {
    }

    /** Records (or corrects) a town's figures for a day. */
    @Transactional
    void record(Scope scope, String townCode, LocalDate day, int visitors, BigDecimal revenueYuan, String source,
            String username, LocalDate today) {
        if (!users.current().map(u -> RECORDERS.contains(u.role())).orElse(false)) {
            throw new AccessDeniedException("tourism figures are recorded by county and town staff");
        }
        checkTown(scope, townCode);
        if (day == null || day.isAfter(today)) {
            throw new RejectedException("day", "日期不能晚于今天 / the day cannot be in the future");
        }
        if (visitors < 0 || visitors > 5_000_000) {
            throw new RejectedException("visitors", "游客人次应在 0–5,000,000 之间 / visitors must be 0–5,000,000 a day");
        }
        if (revenueYuan == null || revenueYuan.signum() < 0 || revenueYuan.compareTo(new BigDecimal("1000000000")) >= 0
                || revenueYuan.scale() > 2) {
            throw new RejectedException("revenueYuan", "收入应为非负金额（元，最多两位小数）/ revenue must be a non-negative amount in yuan");
        }
        jdbc.sql("""
                insert into tourism_daily (town_code, day, visitors, revenue_yuan, source, updated_by, updated_at)
                values (:t, :d, :v, :r, :s, :u, now())
                on conflict (town_code, day) do update set visitors = excluded.visitors, revenue_yuan = excluded.revenue_yuan,
                    source = excluded.source, updated_by = excluded.updated_by, updated_at = now()""")
                .param("t", townCode).param("d", day).param("v", visitors).param("r", revenueYuan).param("s", source)
                .param("u", username).update();
    }

    List<DailyFigure> daily(Scope scope, Collection<String> townCodes, LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<String> visible = townCodes.stream().filter(scope::coversTown).toList();
        if (visible.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select town_code, day, visitors, revenue_yuan, source from tourism_daily
                where town_code in (:towns) and day between :from and :to order by day, town_code""")
                .param("towns", visible).param("from", from).param("to", to)
                .query((rs, n) -> new DailyFigure(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                        rs.getBigDecimal(4), rs.getString(5)))
                .list();
    }

    /**
     * The report of one holiday for some towns (one town, a cluster's, or the county's). A
     * record is a daily average above every earlier year's same holiday with figures.
     */
    HolidayReport holidayReport(int year, String holidayCode, String area, Set<String> townCodes) {
        Holidays.Holiday holiday = holidays.find(year, holidayCode)
                .orElseThrow(() -> new NotFoundException("holiday " + year + "/" + holidayCode));
        List<HolidayReport.Day> days = days(townCodes, holiday.from(), holiday.to());
        long visitors = days.stream().mapToLong(HolidayReport.Day::visitors).sum();
        BigDecimal revenue = days.stream().map(HolidayReport.Day::revenueYuan).reduce(BigDecimal.ZERO, BigDecimal::add);
        int length = holiday.days();
        double average = (double) visitors / length;
        BigDecimal averageRevenue = revenue.divide(BigDecimal.valueOf(length), 2, RoundingMode.HALF_UP);

        double bestEarlierAverage = -1;
        BigDecimal bestEarlierRevenue = null;
        Long previousYear = null;
        for (Holidays.Holiday earlier : holidays.sameHolidayBefore(year, holidayCode)) {
            List<HolidayReport.Day> earlierDays = days(townCodes, earlier.from(), earlier.to());
            if (earlierDays.isEmpty()) {
                continue;
            }
            long earlierVisitors = earlierDays.stream().mapToLong(HolidayReport.Day::visitors).sum();
            BigDecimal earlierRevenue = earlierDays.stream().map(HolidayReport.Day::revenueYuan)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(earlier.days()), 2, RoundingMode.HALF_UP);
            bestEarlierAverage = Math.max(bestEarlierAverage, (double) earlierVisitors / earlier.days());
            bestEarlierRevenue = bestEarlierRevenue == null || earlierRevenue.compareTo(bestEarlierRevenue) > 0
                    ? earlierRevenue : bestEarlierRevenue;
            if (earlier.year() == year - 1) {
                previousYear = earlierVisitors;
            }
        }
        boolean hasData = !days.isEmpty();
        boolean record = hasData && bestEarlierAverage >= 0 && average > bestEarlierAverage;
        boolean revenueRecord = hasData && bestEarlierRevenue != null && averageRevenue.compareTo(bestEarlierRevenue) > 0;
        Double yoy = previousYear == null || previousYear == 0 ? null : (double) (visitors - previousYear) / previousYear;
        return new HolidayReport(year, holidayCode, holiday.nameZh(), holiday.from(), holiday.to(), area, visitors, revenue,
                Math.round(average * 10) / 10.0, averageRevenue, length, record, revenueRecord, previousYear, yoy, days);
    }

    private List<HolidayReport.Day> days(Set<String> townCodes, LocalDate from, LocalDate to) {
        if (townCodes.isEmpty()) {
            return List.of();
        }
        List<HolidayReport.Day> days = new ArrayList<>();
        jdbc.sql("""
                select day, sum(visitors), sum(revenue_yuan) from tourism_daily
                where town_code in (:towns) and day between :from and :to group by day order by day""")
                .param("towns", townCodes).param("from", from).param("to", to)
                .query(rs -> {
                    days.add(new HolidayReport.Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBigDecimal(3)));
                });
        return days;
    }

    /** Visitors per month per town over a range, for charts. */
    List<Object[]> monthly(Collection<String> townCodes, LocalDate from, LocalDate to) {
        if (townCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select town_code, to_char(day, 'YYYY-MM') as month, sum(visitors), sum(revenue_yuan) from tourism_daily
                where town_code in (:towns) and day between :from and :to group by 1, 2 order by 2, 1""")
                .param("towns", townCodes).param("from", from).param("to", to)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)})
                .list();
    }

    void checkTown(Scope scope, String townCode) {
        if (regions.town(townCode).isEmpty()) {
            throw new RejectedException("townCode", "未知镇街 / unknown town: " + townCode);
        }
        if (!scope.coversWholeTown(townCode)) {
            throw new OutOfScopeException("town");
        }
    }

    static void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new RejectedException("to", "结束日期不能早于开始日期 / the end precedes the start");
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_RANGE_DAYS) {
            throw new RejectedException("to", "时间范围最长 " + MAX_RANGE_DAYS + " 天 / at most " + MAX_RANGE_DAYS + " days");
        }
    }
}
