package org.townbrain.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

/**
 * A governance case (案件): one problem at one place, taken from report to closing. Every change
 * goes through a method here that checks the lifecycle rule ({@link CaseAction}) and records
 * what happened; the repository appends those records to the event log in the same
 * transaction as the state change.
 */
final class Case {

    /** What happened in one transition, for the event log. */
    record Happened(String type, String note) {
    }

    Long id;
    String ref;
    String source;
    CaseState state;
    String categoryCode;
    String townCode;
    String villageCode;
    /** The unit grid (region) its position lies in, or null. */
    String gridCode;
    double longitude;
    double latitude;
    String address;
    String description;
    String reporterUser;
    String unit;
    Instant reportedAt;
    Instant acceptedAt;
    Instant dispatchedAt;
    Instant deadline;
    Integer pendingExtension;
    Instant remindedAt;
    Instant escalatedAt;
    Instant handledAt;
    Instant closedAt;
    ClosingReason closingReason;
    Boolean closedOnTime;
    int reworkCount;
    Long mergedInto;
    Long orderId;
    int version;
    /** Set when the time-limit clock starts again: the reminder/escalation/notice marks are cleared on save. */
    boolean clockRestarted;

    private final List<Happened> happened = new ArrayList<>();

    Case() {
    }

    /** A new report (信息收集). */
    static Case report(String source, String categoryCode, String townCode, String villageCode, double longitude,
            double latitude, String address, String description, String reporterUser, Instant at) {
        Case kase = new Case();
        kase.source = source;
        kase.state = CaseState.REPORTED;
        kase.categoryCode = categoryCode;
        kase.townCode = townCode;
        kase.villageCode = villageCode;
        kase.longitude = longitude;
        kase.latitude = latitude;
        kase.address = address;
        kase.description = description;
        kase.reporterUser = reporterUser;
        kase.reportedAt = at;
        kase.happened.add(new Happened("REPORTED", null));
        return kase;
    }

    void accept(Instant at, String note) {
        require(CaseAction.ACCEPT);
        state = CaseState.ACCEPTED;
        acceptedAt = at;
        record("ACCEPTED", note);
    }

    void voidReport(String reason) {
        require(CaseAction.VOID);
        state = CaseState.VOIDED;
        record("VOIDED", required(reason));
    }

    void mergeInto(long target, String note) {
        require(CaseAction.MERGE);
        if (id != null && id == target) {
            throw new RejectedException("target", "不能并入本案 / cannot merge a case into itself");
        }
        state = CaseState.MERGED;
        mergedInto = target;
        record("MERGED", note);
    }

    void dispatch(String toUnit, Instant at, Instant until, String note) {
        require(CaseAction.DISPATCH);
        if (toUnit == null || toUnit.isBlank()) {
            throw new RejectedException("unit", "请选择责任单位 / choose the responsible unit");
        }
        boolean again = state == CaseState.RETURNED;
        state = CaseState.DISPATCHED;
        unit = toUnit.strip();
        dispatchedAt = at;
        deadline = until;
        remindedAt = null;
        escalatedAt = null;
        clockRestarted = true;
        pendingExtension = null;
        record(again ? "REDISPATCHED" : "DISPATCHED", note);
    }

    void start(String note) {
        require(CaseAction.START);
        state = CaseState.IN_PROGRESS;
        record("STARTED", note);
    }

    void reportBack(Instant at, String note) {
        require(CaseAction.REPORT_BACK);
        state = CaseState.AWAITING_VERIFICATION;
        handledAt = at;
        record("REPORTED_BACK", required(note));
    }

    void returnToDispatcher(String reason) {
        require(CaseAction.RETURN);
        state = CaseState.RETURNED;
        record("RETURNED", required(reason));
    }

    void requestExtension(int amount, String reason) {
        require(CaseAction.REQUEST_EXTENSION);
        if (pendingExtension != null) {
            throw new ConflictException("已有待审批的延期申请 / an extension request is already pending");
        }
        if (amount <= 0 || amount > 60) {
            throw new RejectedException("amount", "延期 1–60 个时限单位 / extend by 1 to 60 units");
        }
        pendingExtension = amount;
        record("EXTENSION_REQUESTED", "+" + amount + " · " + required(reason));
    }

    void approveExtension(Instant newDeadline, String note) {
        require(CaseAction.APPROVE_EXTENSION);
        requirePendingExtension();
        deadline = newDeadline;
        pendingExtension = null;
        remindedAt = null;
        escalatedAt = null;
        clockRestarted = true;
        record("EXTENSION_APPROVED", note);
    }

    void rejectExtension(String note) {
        require(CaseAction.REJECT_EXTENSION);
        requirePendingExtension();
        pendingExtension = null;
        record("EXTENSION_REJECTED", required(note));
    }

    void pass(ClosingReason reason, Instant at, String note) {
        require(CaseAction.VERIFY_PASS);
        if (reason == null) {
            throw new RejectedException("closingReason", "请选择结案原因 / choose a closing reason");
        }
        state = CaseState.CLOSED;
        closedAt = at;
        closingReason = reason;
        closedOnTime = deadline == null || !at.isAfter(deadline);
        record("CLOSED", reason.name() + (note == null || note.isBlank() ? "" : " · " + note.strip()));
    }

    void fail(String note) {
        require(CaseAction.VERIFY_FAIL);
        state = CaseState.IN_PROGRESS;
        reworkCount++;
        record("REWORK", required(note));
    }

    void park(String reason) {
        require(CaseAction.PARK);
        state = CaseState.PARKED;
        deadline = null;
        pendingExtension = null;
        record("PARKED", required(reason));
    }

    /** Back to the dispatcher: the clock starts again with the next dispatch. */
    void resume(String note) {
        require(CaseAction.RESUME);
        state = CaseState.ACCEPTED;
        record("RESUMED", note);
    }

    void reopen(Instant at, Duration window, String reason) {
        require(CaseAction.REOPEN);
        if (closedAt == null || at.isAfter(closedAt.plus(window))) {
            throw new ConflictException("已超过重新打开期限 / the reopen window has passed");
        }
        state = CaseState.ACCEPTED;
        closedAt = null;
        closingReason = null;
        closedOnTime = null;
        handledAt = null;
        deadline = null;
        record("REOPENED", required(reason));
    }

    /** Whether the case has passed its deadline without being handled yet, at {@code now}. */
    boolean overdueAt(Instant now) {
        return state.isOpen() && state != CaseState.PARKED && deadline != null && now.isAfter(deadline);
    }

    List<Happened> happened() {
        return List.copyOf(happened);
    }

    void clearHappened() {
        happened.clear();
    }

    private void require(CaseAction action) {
        if (!action.allowedFrom(state)) {
            throw new ConflictException("案件当前状态为 " + state + "，不能执行 " + action
                    + " / not allowed from state " + state);
        }
    }

    private void requirePendingExtension() {
        if (pendingExtension == null) {
            throw new ConflictException("没有待审批的延期申请 / no extension request is pending");
        }
    }

    private void record(String type, String note) {
        happened.add(new Happened(type, note == null || note.isBlank() ? null : note.strip()));
    }

    private static String required(String text) {
        if (text == null || text.isBlank()) {
            throw new RejectedException("note", "请填写说明 / a note is required");
        }
        if (text.length() > 1000) {
            throw new RejectedException("note", "说明最多 1000 字 / at most 1000 characters");
        }
        return text.strip();
    }
}
