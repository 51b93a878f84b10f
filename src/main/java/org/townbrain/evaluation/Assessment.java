package org.townbrain.evaluation;

import java.time.Instant;
import java.util.Map;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

/**
 * A town's assessment for a year and its review workflow: the town fills in values (DRAFT or
 * RETURNED), submits, the county accepts or returns it with comments, and locks accepted ones
 * for the provincial submission. Values change only while the town holds it.
 */
record Assessment(long id, String townCode, int year, Status status, String reviewComment, int version,
        Map<String, Value> values) {

    enum Status { DRAFT, SUBMITTED, RETURNED, ACCEPTED, LOCKED }

    enum Source { MANUAL, COMPUTED, DEMO }

    /** A value with where it came from. */
    record Value(String indicator, double value, Source source, String sourceDetail, String note, String enteredBy,
            Instant enteredAt) {
    }

    Assessment {
        values = Map.copyOf(values);
    }

    boolean editable() {
        return status == Status.DRAFT || status == Status.RETURNED;
    }

    void checkEditable() {
        if (status == Status.LOCKED) {
            throw new ConflictException("评价已锁定，不能修改 / the assessment is locked and cannot be changed");
        }
        if (!editable()) {
            throw new ConflictException("评价已提交审核，不能修改 / the assessment is under review (" + status + ") and cannot be changed");
        }
    }

    Status submit() {
        checkEditable();
        if (values.isEmpty()) {
            throw new RejectedException("values", "没有填报任何指标 / no values entered yet");
        }
        return Status.SUBMITTED;
    }

    Status accept() {
        require(Status.SUBMITTED, "accept");
        return Status.ACCEPTED;
    }

    Status returnForRework(String comment) {
        require(Status.SUBMITTED, "return");
        if (comment == null || comment.isBlank()) {
            throw new RejectedException("comment", "退回须写明意见 / say why it is returned");
        }
        return Status.RETURNED;
    }

    Status lock() {
        require(Status.ACCEPTED, "lock");
        return Status.LOCKED;
    }

    private void require(Status expected, String action) {
        if (status != expected) {
            throw new ConflictException("评价状态为 " + status + "，不能执行 " + action + " / cannot " + action
                    + " an assessment that is " + status);
        }
    }
}
