package org.townbrain.cockpit;

import java.time.LocalDate;
import org.townbrain.platform.errors.RejectedException;

/** The time range the cockpit shows, from the URL; this year to date by default. */
record Period(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 3 * 366;

    Period {
        if (to.isBefore(from)) {
            throw new RejectedException("to", "结束日期不能早于开始日期 / the end precedes the start");
        }
        if (to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
            throw new RejectedException("to", "时间范围最长三年 / at most three years");
        }
    }

    static Period of(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate end = to != null ? to : today;
        LocalDate start = from != null ? from : LocalDate.of(end.getYear(), 1, 1);
        return new Period(start, end);
    }
}
