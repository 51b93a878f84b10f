package org.townbrain.sensing;

import java.time.Instant;

/** An alarm as listed, with its device's name (what people read; the sensor id is for machines). */
public record AlarmView(long id, String sensorId, String townCode, String type, WarningLevel level, String state,
        Instant raisedAt, Instant updatedAt, Double value, Instant predictedOverflowAt, String why,
        Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt, int version, String sensorName) {

    /** The device's name, or its id when it has none. */
    public String deviceName() {
        return sensorName == null || sensorName.isBlank() ? sensorId : sensorName;
    }

    /** The predicted overflow time when it is still ahead of the alarm; an earlier one would read as nonsense. */
    public Instant shownPredictedOverflowAt() {
        return predictedOverflowAt == null || raisedAt == null || predictedOverflowAt.isBefore(raisedAt) ? null : predictedOverflowAt;
    }
}
