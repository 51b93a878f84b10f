package org.townbrain.sensing;

import java.time.Instant;

/**
 * An alarm that has stayed open longer than the configured persistence, as read for its case
 * request. Not an event: other modules hear of it only through the cases module's
 * {@link org.townbrain.cases.CaseRequested} (nobody listened to it when it was one).
 */
record AlarmPersisted(long alarmId, String sensorId, String sensorName, String townCode, String type,
        WarningLevel level, Instant raisedAt, Double lat, Double lon, String why) {
}
