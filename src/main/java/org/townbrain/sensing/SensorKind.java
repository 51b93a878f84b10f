package org.townbrain.sensing;

import java.util.Locale;

/**
 * What a sensor measures, with the physically possible range of its readings (anything outside
 * is a faulty device or a typo, rejected at ingest) and how long its raw readings are kept.
 */
public enum SensorKind {
    MANHOLE_LEVEL("m", 0, 20, 400),
    RAIN_GAUGE("mm", 0, 300, 400),
    PIPE_FLOW("m³/s", 0, 100, 400),
    RIVER_LEVEL("m", -10, 200, 400),
    HYDRANT_PRESSURE("MPa", 0, 5, 180),
    SMOKE("", 0, 1, 180),
    COVER_TILT("°", 0, 180, 180),
    SOIL_MOISTURE("%", 0, 100, 400);

    private final String unit;
    private final double min;
    private final double max;
    private final int retentionDays;

    SensorKind(String unit, double min, double max, int retentionDays) {
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.retentionDays = retentionDays;
    }

    public String unit() {
        return unit;
    }

    public boolean possible(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Days raw readings are kept by default (roll-ups are kept). */
    public int retentionDays() {
        return retentionDays;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SensorKind ofWord(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
