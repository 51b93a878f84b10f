package org.townbrain.sensing;

import java.time.Instant;

/** An alarm as listed. */
public record AlarmView(long id, String sensorId, String townCode, String type, WarningLevel level, String state,
        Instant raisedAt, Instant updatedAt, Double value, Instant predictedOverflowAt, String why,
        Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt, int version) {
}
