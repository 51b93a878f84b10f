package org.townbrain.cases;

import java.time.Instant;

/**
 * A dispatched case crossed a time-limit step: {@code REMINDER} (催办) at the configured share of
 * its limit, {@code ESCALATION} (督办) once overdue. Notification channels listen to it.
 */
public record CaseOverdue(long caseId, String ref, String townCode, String unit, String step, Instant deadline) {
}
