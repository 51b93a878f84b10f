package org.townbrain.sensing;

import java.time.Instant;

/**
 * An alarm has stayed open longer than the configured persistence: the town should handle it
 * as a case. Published once per alarm.
 */
public record AlarmPersisted(long alarmId, String sensorId, String sensorName, String townCode, String type,
        WarningLevel level, Instant raisedAt, Double lat, Double lon, String why) {
}
