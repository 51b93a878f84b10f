package org.townbrain.sensing;

import java.time.Instant;

/**
 * A registered sensor as other modules and pages see it (never its token).
 *
 * @param rimLevel for manholes, the level (m above invert) at which it overflows
 * @param gaugeId for manholes, the rain gauge of its catchment
 * @param thresholdHigh alarm threshold override, or null for the kind's rule
 * @param rateOfRise rate-of-rise alarm override (units per hour), or null
 */
public record Device(String id, SensorKind kind, String townCode, String name, Double lat, Double lon, Double rimLevel,
        String gaugeId, Double thresholdHigh, Double rateOfRise, boolean demo, Instant lastSeenAt, Double lastValue,
        boolean online, int version) {
}
