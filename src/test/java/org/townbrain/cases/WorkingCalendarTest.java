package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The parts of the official 2026 calendar these tests touch. */
    private final WorkingCalendar calendar = new WorkingCalendar(official2026(), List.of(
            WorkingCalendar.Period.parse("08:30-12:00"), WorkingCalendar.Period.parse("13:30-17:30")), ZONE);

    @Test
    void workingHoursSkipTheLunchBreak() {
        assertThat(calendar.deadline(at("2026-11-24T11:00"), new TimeLimit(2, TimeLimit.Unit.WORK_HOURS)))
                .isEqualTo(at("2026-11-24T14:30"));
    }

    @Test
    void exposedRubbishReportedLateFridayIsDueOnTheAdjustedWorkingSunday() {
        // 2026-09-20 is a Sunday worked in exchange for the National Day holiday
        assertThat(calendar.deadline(at("2026-09-18T16:00"), new TimeLimit(4, TimeLimit.Unit.WORK_HOURS)))
                .isEqualTo(at("2026-09-20T11:00"));
    }

    @Test
    void workingDaysJumpOverTheSpringFestival() {
        // Saturday 14 Feb is worked, 15–23 Feb are the holiday
        assertThat(calendar.deadline(at("2026-02-13T10:00"), new TimeLimit(2, TimeLimit.Unit.WORK_DAYS)))
                .isEqualTo(at("2026-02-24T17:30"));
    }

    @Test
    void illegalBuildingGetsFifteenWorkingDays() {
        assertThat(calendar.deadline(at("2026-11-02T09:00"), new TimeLimit(15, TimeLimit.Unit.WORK_DAYS)))
                .isEqualTo(at("2026-11-23T17:30"));
    }

    @Test
    void countsWorkingMinutesOnlyInsideWorkingPeriods() {
        assertThat(calendar.workingMinutesBetween(at("2026-11-27T11:00"), at("2026-11-30T09:30"))).isEqualTo(
                60 + 240 + 60);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
    }

    private static Instant at(String local) {
        return OffsetDateTime.parse(local + ":00+08:00").toInstant();
    }

    private static Map<LocalDate, Boolean> official2026() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        days.put(LocalDate.of(2026, 2, 14), true);
        for (int d = 15; d <= 23; d++) {
            days.put(LocalDate.of(2026, 2, d), false);
        }
        days.put(LocalDate.of(2026, 2, 28), true);
        days.put(LocalDate.of(2026, 9, 20), true);
        for (int d = 1; d <= 7; d++) {
            days.put(LocalDate.of(2026, 10, d), false);
        }
        days.put(LocalDate.of(2026, 10, 10), true);
        return days;
    }
}
