package org.townbrain.tourism;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Visitors and revenue over one holiday of one year, for a town, a cluster or the county.
 *
 * @param dailyAverage visitors per day of the holiday
 * @param record whether the daily average beat every earlier year's same holiday on record
 * @param previousYearVisitors the same holiday a year earlier, or null when not on record
 * @param yearOnYear change against the previous year as a fraction (0.12 = +12 %), or null
 * @param days the holiday's days with their figures
 */
public record HolidayReport(int year, String holiday, String holidayName, LocalDate from, LocalDate to, String area,
        long visitors, BigDecimal revenueYuan, double dailyAverage, BigDecimal dailyAverageRevenueYuan, int days,
        boolean record, boolean revenueRecord, Long previousYearVisitors, Double yearOnYear, List<Day> daily) {

    public HolidayReport {
        daily = List.copyOf(daily);
    }

    /** One day's figures within the holiday. */
    public record Day(LocalDate date, long visitors, BigDecimal revenueYuan) {
    }
}
