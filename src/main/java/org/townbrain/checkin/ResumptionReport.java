package org.townbrain.checkin;

import java.time.Instant;
import java.time.LocalDate;
import org.townbrain.platform.errors.RejectedException;

/**
 * One enterprise's report for one day: how many workers were expected back and how many are,
 * how much of its capacity is running, and what it needs.
 */
record ResumptionReport(long enterpriseId, LocalDate day, int workersExpected, int workersBack, int capacityPercent,
        String needs, Instant caseRequestedAt) {

    ResumptionReport {
        if (day == null) {
            throw new RejectedException("day", "请填写日期 / enter the day");
        }
        if (workersExpected < 0 || workersBack < 0) {
            throw new RejectedException("workersBack", "人数不能为负 / numbers cannot be negative");
        }
        if (workersBack > workersExpected) {
            throw new RejectedException("workersBack", "已返岗人数不能多于应返岗人数 / more back than expected");
        }
        if (capacityPercent < 0 || capacityPercent > 100) {
            throw new RejectedException("capacityPercent", "产能须在0到100之间 / capacity is 0 to 100 percent");
        }
        needs = needs == null || needs.isBlank() ? null : needs.strip();
        if (needs != null && needs.length() > 1000) {
            throw new RejectedException("needs", "需求最多1000字 / at most 1000 characters");
        }
    }

    /** Workers back as a share of those expected; 1 when nobody was expected. */
    public double rate() {
        return workersExpected == 0 ? 1.0 : (double) workersBack / workersExpected;
    }
}
