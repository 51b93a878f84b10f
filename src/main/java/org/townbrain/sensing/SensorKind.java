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
    SOIL_MOISTURE("%", 0, 100, 400),
    SOIL_TEMPERATURE("°C", -30, 80, 400),
    AIR_TEMPERATURE("°C", -40, 60, 400),
    /** Ammonia nitrogen (氨氮) of a river or pond, the figure GB 3838 classes water by. */
    AMMONIA("mg/L", 0, 100, 400),
    /** A household smart meter's power draw: none for half a day means nobody is moving about. */
    POWER_METER("kW", 0, 100, 180),
    /** Outflow of a rural sewage terminal (农村污水终端): none for two hours means it stopped. */
    SEWAGE_FLOW("m³/h", 0, 1000, 400);

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
