package org.townbrain.cases;

/** Why a case was closed: honest, because not everything is "fixed". */
enum ClosingReason {
    /** 已整改. */
    FIXED,
    /** 部分整改, the rest planned. */
    PARTLY_FIXED,
    /** 查无此事: the problem was not found on site. */
    NOT_FOUND,
    /** 非政府职责: private matter, advice given. */
    NOT_GOVERNMENT_DUTY,
    /** 纳入计划: cannot be fixed now, scheduled in a programme. */
    SCHEDULED,
    /** 无法解决: explained to the reporter. */
    CANNOT_BE_FIXED
}
