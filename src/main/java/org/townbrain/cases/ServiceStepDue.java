package org.townbrain.cases;

import java.time.Instant;

/**
 * A 全程代办 request's current step nears its deadline ({@code REMINDER}, at the configured share
 * of its working time) or has passed it ({@code OVERDUE}). Carries no personal data: the tracking
 * code, the service, the step and the agent's username.
 */
public record ServiceStepDue(long requestId, String trackingCode, String townCode, String service, String step,
        String assignee, String kind, Instant deadline) {
}
