package org.townbrain.cases;

import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The official working calendar: Monday to Friday, minus official holidays, plus adjusted
 * working weekends (调休), with the office's working periods each day. Time limits in working
 * hours run only inside those periods; limits in working days end at the close of the Nth
 * working day after the day of dispatch.
 */
final class WorkingCalendar {

    /** A stretch of working time within a day, e.g. 08:30–12:00. */
    record Period(LocalTime start, LocalTime end) {
        Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("A working period ends after it starts");
            }
        }

        static Period parse(String text) {
            String[] parts = text.strip().split("-");
            return new Period(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        }
    }

    private static final int MAX_DAYS = 3 * 366;

    /** true = an adjusted working day, false = a holiday; days not listed follow the week. */
    private final Map<LocalDate, Boolean> exceptions;
    private final List<Period> periods;
    private final ZoneId zone;

    WorkingCalendar(Map<LocalDate, Boolean> exceptions, List<Period> periods, ZoneId zone) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("A working day needs at least one working period");
        }
        this.exceptions = Map.copyOf(exceptions);
        this.periods = periods.stream().sorted(java.util.Comparator.comparing(Period::start)).toList();
        this.zone = zone;
    }

    boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        if (exception != null) {
            return exception;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    ZoneId zone() {
        return zone;
    }

    /** When a limit that starts at {@code start} runs out. */
    Instant deadline(Instant start, TimeLimit limit) {
        return switch (limit.unit()) {
            case WORK_HOURS -> addWorkingMinutes(start, limit.value() * 60L);
            case WORK_DAYS -> endOfNthWorkingDayAfter(start, limit.value());
        };
    }

    Instant addWorkingMinutes(Instant start, long minutes) {
        LocalDateTime cursor = LocalDateTime.ofInstant(start, zone);
        long remaining = minutes;
        LocalDate day = cursor.toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period period : periods) {
                LocalDateTime from = day.atTime(period.start());
                LocalDateTime to = day.atTime(period.end());
                if (!to.isAfter(cursor)) {
                    continue;
                }
                LocalDateTime effective = from.isBefore(cursor) ? cursor : from;
                long available = Duration.between(effective, to).toMinutes();
                if (remaining <= available) {
                    return effective.plusMinutes(remaining).atZone(zone).toInstant();
                }
                remaining -= available;
            }
        }
        throw new IllegalStateException("Time limit runs past the calendar's horizon");
    }

    Instant endOfNthWorkingDayAfter(Instant start, int n) {
        LocalDate day = LocalDate.ofInstant(start, zone);
        int counted = 0;
        for (int i = 0; i < MAX_DAYS; i++) {
            day = day.plusDays(1);
            if (isWorkingDay(day) && ++counted == n) {
                return day.atTime(periods.getLast().end()).atZone(zone).toInstant();
            }
        }
        throw new IllegalStateException("Time limit runs past the calendar's horizon");
    }

    /** Working minutes in [from, to); zero when {@code to} is not after {@code from}. */
    long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        LocalDateTime a = LocalDateTime.ofInstant(from, zone);
        LocalDateTime b = LocalDateTime.ofInstant(to, zone);
        long total = 0;
        int days = 0;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()) && days < MAX_DAYS; day = day.plusDays(1), days++) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period period : periods) {
                LocalDateTime s = day.atTime(period.start());
                LocalDateTime e = day.atTime(period.end());
                LocalDateTime lo = s.isBefore(a) ? a : s;
                LocalDateTime hi = e.isAfter(b) ? b : e;
                if (hi.isAfter(lo)) {
                    total += Duration.between(lo, hi).toMinutes();
                }
            }
        }
        return total;
    }
}
