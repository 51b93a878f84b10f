package org.townbrain.cases;

/** Where a case stands in its lifecycle. */
enum CaseState {
    /** 上报: waiting for acceptance. */
    REPORTED,
    /** 立案: accepted, waiting for dispatch. */
    ACCEPTED,
    /** 派遣: with the responsible unit, the clock is running. */
    DISPATCHED,
    /** 处置中 (also after a failed verification: rework). */
    IN_PROGRESS,
    /** 退单: the unit says it is not theirs; waiting for re-dispatch. */
    RETURNED,
    /** 反馈: reported back with evidence, waiting for verification. */
    AWAITING_VERIFICATION,
    /** 挂账: parked (cannot be handled now); leaves the clock. */
    PARKED,
    /** 结案. */
    CLOSED,
    /** 作废. */
    VOIDED,
    /** 并单: merged into another case. */
    MERGED;

    boolean isOpen() {
        return this != CLOSED && this != VOIDED && this != MERGED;
    }
}
