package org.townbrain.cases;

import java.time.Instant;

/**
 * A case passed verification and was closed.
 *
 * @param closingReason the honest reason ({@code FIXED}, {@code NOT_FOUND}, …)
 * @param externalRef the reference given in {@link CaseRequested}, or null
 */
public record CaseClosed(long caseId, String ref, String townCode, String categoryCode, String source,
        String closingReason, boolean onTime, Instant closedAt, String externalRef) {
}
