package org.townbrain.sensing.forecast;

/**
 * A sensor as the forecaster sees it: a manhole level sensor with its rim level and rain gauge,
 * or a rain gauge.
 *
 * @param rimLevel metres above the invert at which the manhole overflows; NaN for a gauge
 * @param gaugeId the manhole's rain gauge, or null
 */
public record SensorSpec(String id, boolean manhole, String townCode, double lat, double lon, double rimLevel,
        String gaugeId) {
}
