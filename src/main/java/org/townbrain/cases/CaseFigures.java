package org.townbrain.cases;

import java.math.BigDecimal;

/**
 * Case-handling figures for one town, cluster, category or the county over a period (cases
 * reported in the period, their state now).
 *
 * @param key the town code, cluster id, category code or {@code county}
 * @param dueToClose 应结案数: closed + still open past the deadline
 * @param dueToHandle 应处置数: handled (reported back) + dispatched, not handled, past the deadline
 * @param rework cases that needed rework at least once
 * @param overdue open cases past their deadline now
 */
public record CaseFigures(String key, long reported, long accepted, long closed, long closedOnTime, long handled,
        long dueToHandle, long dueToClose, long rework, long overdue) {

    /** 结案率 in percent, null when nothing was due. */
    public BigDecimal closingRate() {
        return CaseRates.percent(closed, dueToClose);
    }

    /** 按期结案率 in percent, null when nothing was due. */
    public BigDecimal onTimeClosingRate() {
        return CaseRates.percent(closedOnTime, dueToClose);
    }

    /** 处置率 in percent, null when nothing was due. */
    public BigDecimal handlingRate() {
        return CaseRates.percent(handled, dueToHandle);
    }

    /** 返工率 in percent, null when nothing was due. */
    public BigDecimal reworkRate() {
        return CaseRates.percent(rework, dueToClose);
    }

    /** The summed figures of several rows (towns into a cluster, say) under a new key; all zero when there are none. */
    public static CaseFigures sum(String key, java.util.Collection<CaseFigures> rows) {
        return rows.stream().reduce(empty(key), (a, b) -> a.plus(b, key));
    }

    CaseFigures plus(CaseFigures other, String newKey) {
        return new CaseFigures(newKey, reported + other.reported, accepted + other.accepted, closed + other.closed,
                closedOnTime + other.closedOnTime, handled + other.handled, dueToHandle + other.dueToHandle,
                dueToClose + other.dueToClose, rework + other.rework, overdue + other.overdue);
    }

    static CaseFigures empty(String key) {
        return new CaseFigures(key, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
