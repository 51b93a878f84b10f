package org.townbrain.sensing.forecast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.townbrain.sensing.WarningLevel;

/**
 * The overflow forecaster. Fed readings in time order, it keeps for every manhole a small
 * conceptual catchment model ({@link CatchmentModel}, learned from the manhole's own rain and
 * level history), corrects the model's state with each trustworthy reading (spikes, stuck values
 * and gaps are ignored; slow drift is absorbed into the dry-weather baseline), and on each level
 * reading projects the level six hours ahead three ways: with no more rain, with the nowcast rain
 * (issued at or before that moment), and with twice the nowcast rain. The ladder:
 * <ul>
 * <li>red: overflow within 30 minutes from the water already on its way, or within an hour with
 * half the nowcast rain once at least 1 mm fell in the last half hour (a nowcast alone never
 * makes a warning);</li>
 * <li>orange: the same within 2 hours;</li>
 * <li>yellow: overflow within 6 hours with the nowcast rain;</li>
 * <li>blue: overflow within 6 hours if the rain is twice the nowcast.</li>
 * </ul>
 * A warning is re-issued every 30 minutes while the danger lasts, and at once when it rises.
 */
public final class OverflowForecaster {

    public static final long STEP_SECONDS = 300;
    static final int HORIZON = 72;
    private static final int REFIT_EVERY = 288;
    private static final int FIT_WINDOW = 288 * 30;
    private static final long REISSUE = 1800;
    private static final long EPISODE_RESET = 7200;
    /**
     * Highest per-storm runoff factor (runoff this storm ÷ runoff the fitted model expects) once
     * issue #15's changes are on. Issue 4 let it ratchet to 2.5 while a pipe filled, and most false
     * severe warnings came from that: a pipe running full stops the level rising, which the
     * innovations read as "more runoff than expected". 1.5 still covers a catchment whose soil is
     * wetter than in the storms it was fitted on (SWMM runoff coefficients of one catchment range
     * about 1.5× between dry and saturated antecedent conditions).
     */
    static final double MAX_STORM_FACTOR = 1.5;
    /**
     * Memory of the nowcast-bias tracker, in steps (3 hours): radar nowcast errors persist for
     * hours within a storm (issue #15), so the measured/nowcast ratio of the last hours is the
     * best guess for the next ones.
     */
    static final double BIAS_MEMORY_STEPS = 36;
    /** Rain (mm, measured plus nowcast) the bias tracker needs before its ratio is used. */
    static final double BIAS_MIN_RAIN_MM = 3;
    /** Bounds of the nowcast correction: a storm ~2× too wet or too dry is what radar gets wrong. */
    static final double BIAS_MIN = 0.4;
    static final double BIAS_MAX = 2.5;
    /**
     * How long the rain the gauge measures now is assumed to go on when the nowcast shows less
     * (steps; 30 minutes = the typical life left of a convective cell already raining, which
     * nowcasts see late and weak).
     */
    static final int PERSISTENCE_STEPS = 6;

    /** The thresholds of the ladder, in 5-minute steps ahead. */
    public record Ladder(int redFromWaterOnItsWay, int redWithNowcast, int orange, int yellow, int blue,
            double heavyFactor, double confirmingRainMm, double warningRainFactor) {

        public static Ladder standard() {
            return new Ladder(6, 12, 24, 72, 72, 2.0, 1.0, 0.5);
        }
    }

    /**
     * Which of issue #15's changes are on. {@link #standard()} is the product; {@link #issue4()}
     * is the forecaster as issue 4 left it, kept only so benchmarks can measure the baseline in the
     * same run.
     *
     * @param observationFirst the latest trustworthy reading is the state (no 0.5 blending) and
     *     overflow is judged on the reading
     * @param boundedStormFactor the per-storm runoff factor may not ratchet above {@link #MAX_STORM_FACTOR}
     *     and a learnt per-manhole plateau (the level where the pipe runs full) bends the projection
     * @param nowcastBias nowcast rain is scaled by the gauge's measured/nowcast ratio of the last hours
     * @param measuredRain the rain the gauge measures now counts even when the nowcast misses it
     * @param watchFactor the blue watch: overflow within 6 hours if the rain is this many times the
     *     (bias-corrected) nowcast; NaN keeps the ladder's {@link Ladder#heavyFactor()}
     */
    public record Tuning(boolean observationFirst, boolean boundedStormFactor, boolean nowcastBias,
            boolean measuredRain, double watchFactor) {

        /**
         * Watch factor 3: radar nowcasts show convective cells at a third to four fifths of their
         * rain (issue #15's diagnosis), so "twice the nowcast" still misses the cells that overflow.
         * A blue watch only asks the duty officer to look; it is not counted as a false alarm.
         */
        public static Tuning standard() {
            return new Tuning(true, true, true, true, 3.0);
        }

        public static Tuning issue4() {
            return new Tuning(false, false, false, false, Double.NaN);
        }
    }

    private final Map<String, Integer> manholeIndex = new HashMap<>();
    private final Map<String, Integer> gaugeIndex = new HashMap<>();
    private Manhole[] manholes = new Manhole[0];
    private Gauge[] gauges = new Gauge[0];
    private final Nowcasts nowcasts;
    private final Consumer<Warning> sink;
    private final Ladder ladder;
    private final Tuning tuning;
    private long originBin = Long.MIN_VALUE;

    public OverflowForecaster(List<SensorSpec> sensors, Nowcasts nowcasts, Ladder ladder, Consumer<Warning> sink) {
        this(sensors, nowcasts, ladder, Tuning.standard(), sink);
    }

    public OverflowForecaster(List<SensorSpec> sensors, Nowcasts nowcasts, Ladder ladder, Tuning tuning,
            Consumer<Warning> sink) {
        this.nowcasts = nowcasts;
        this.sink = sink;
        this.ladder = ladder;
        this.tuning = tuning;
        add(sensors);
    }

    /**
     * Adds sensors it does not know yet (known ones are left as they are): a gauge's rain and a
     * manhole's learnt model stay, and a new manhole on a known gauge starts with that gauge's
     * rain history.
     */
    public void add(List<SensorSpec> sensors) {
        List<Gauge> gaugeList = new ArrayList<>(List.of(gauges));
        List<Manhole> manholeList = new ArrayList<>(List.of(manholes));
        for (SensorSpec s : sensors) {
            if (!s.manhole() && !gaugeIndex.containsKey(s.id())) {
                gaugeIndex.put(s.id(), gaugeList.size());
                gaugeList.add(new Gauge(s.id(), nowcasts.covers(s.id())));
            }
        }
        for (SensorSpec s : sensors) {
            if (s.manhole() && !manholeIndex.containsKey(s.id())) {
                Integer g = s.gaugeId() == null ? null : gaugeIndex.get(s.gaugeId());
                if (g == null && s.gaugeId() != null && !s.gaugeId().isBlank()) {
                    g = gaugeList.size();
                    gaugeIndex.put(s.gaugeId(), g);
                    gaugeList.add(new Gauge(s.gaugeId(), nowcasts.covers(s.gaugeId())));
                }
                manholeIndex.put(s.id(), manholeList.size());
                Manhole m = new Manhole(s, g == null ? -1 : g);
                manholeList.add(m);
                if (g != null) {
                    gaugeList.get(g).manholes.add(manholeList.size() - 1);
                }
            }
        }
        this.manholes = manholeList.toArray(Manhole[]::new);
        this.gauges = gaugeList.toArray(Gauge[]::new);
    }

    public OverflowForecaster(List<SensorSpec> sensors, Nowcasts nowcasts, Consumer<Warning> sink) {
        this(sensors, nowcasts, Ladder.standard(), sink);
    }

    /**
     * Takes a manhole's corrected rim level and rain gauge (a sensor it does not know is added).
     * What it learnt stays: a rim level only moves the line to warn at; a manhole moved to another
     * gauge refits its catchment from that gauge's rain at the next refit.
     */
    public void update(SensorSpec s) {
        Integer index = manholeIndex.get(s.id());
        if (!s.manhole() || index == null) {
            add(List.of(s));
            return;
        }
        if (s.gaugeId() != null && !s.gaugeId().isBlank() && !gaugeIndex.containsKey(s.gaugeId())) {
            add(List.of(new SensorSpec(s.gaugeId(), false, s.townCode(), Double.NaN, Double.NaN, Double.NaN, null)));
        }
        Manhole m = manholes[index];
        int gauge = s.gaugeId() == null || s.gaugeId().isBlank() ? -1 : gaugeIndex.get(s.gaugeId());
        if (gauge != m.gauge) {
            if (m.gauge >= 0) {
                gauges[m.gauge].manholes.remove(index);
            }
            if (gauge >= 0) {
                gauges[gauge].manholes.add(index);
            }
            m.gauge = gauge;
        }
        m.spec = s;
    }

    /** Index of a manhole, or -1. */
    public int manhole(String id) {
        Integer i = manholeIndex.get(id);
        return i == null ? -1 : i;
    }

    /** Index of a rain gauge, or -1. */
    public int gauge(String id) {
        Integer i = gaugeIndex.get(id);
        return i == null ? -1 : i;
    }

    /** A reading of any sensor; readings of unknown sensors are ignored. */
    public void observe(String sensorId, long observedAt, double value) {
        int m = manhole(sensorId);
        if (m >= 0) {
            level(m, observedAt, value);
            return;
        }
        int g = gauge(sensorId);
        if (g >= 0) {
            rain(g, observedAt, value);
        }
    }

    /** The manhole as the forecaster knows it (rim level, gauge), or null. */
    public SensorSpec spec(String manholeId) {
        Integer i = manholeIndex.get(manholeId);
        return i == null ? null : manholes[i].spec;
    }

    /** The model currently used for a manhole, to explain its warnings. */
    public CatchmentModel model(String manholeId) {
        return manholes[manhole(manholeId)].model;
    }

    private int bin(long epochSeconds) {
        long b = Math.floorDiv(epochSeconds, STEP_SECONDS);
        if (originBin == Long.MIN_VALUE) {
            originBin = b - 2016;
        }
        return (int) (b - originBin);
    }

    /** Rain (mm) that fell at a gauge in the interval ending at {@code observedAt}. */
    public void rain(int g, long observedAt, double mm) {
        if (!(mm >= 0) || mm > 500) {
            return;
        }
        Gauge gauge = gauges[g];
        int end = bin(observedAt - 1);
        if (end < 0) {
            return;
        }
        long interval = gauge.lastAt == Long.MIN_VALUE ? STEP_SECONDS : observedAt - gauge.lastAt;
        gauge.lastAt = Math.max(gauge.lastAt, observedAt);
        int bins = (int) Math.max(1, Math.min(12, (interval + STEP_SECONDS - 1) / STEP_SECONDS));
        float share = (float) (mm / bins);
        for (int k = end - bins + 1; k <= end; k++) {
            if (k < 0) {
                continue;
            }
            gauge.rain.add(k, share);
            gauge.totalRain += share;
            if (share > 0) {
                gauge.lastRainBin = Math.max(gauge.lastRainBin, k);
                for (int mi : gauge.manholes) {
                    Manhole m = manholes[mi];
                    if (m.started && k < m.modelBin) {
                        m.surface += share;
                    }
                }
            }
        }
    }

    /** A level reading (metres above the invert) of a manhole. */
    public void level(int mi, long observedAt, double value) {
        Manhole m = manholes[mi];
        if (!Double.isFinite(value)) {
            return;
        }
        int now = bin(observedAt);
        if (now < 0) {
            return;
        }
        if (!m.started) {
            m.started = true;
            m.base = value;
            m.baseSamples = 1;
            m.modelBin = now;
            m.lastRefit = now;
            m.lastRaw = value;
            return;
        }
        Gauge gauge = m.gauge < 0 ? null : gauges[m.gauge];
        advance(m, gauge, now);
        boolean trusted = assimilate(m, value, now);
        if (trusted) {
            trackBaseline(m, gauge, value, now);
        }
        if (now - m.lastRefit >= REFIT_EVERY && gauge != null && gauge.totalRain - m.rainAtRefit >= 5) {
            m.lastRefit = now;
            m.rainAtRefit = gauge.totalRain;
            m.model = CatchmentModel.fit(gauge.rain, m.excess, now - FIT_WINDOW, now, m.model);
            m.alpha = m.model.alpha();
        }
        decide(m, gauge, observedAt);
    }

    private void advance(Manhole m, Gauge gauge, int now) {
        CatchmentModel model = m.model;
        double alpha = m.alpha;
        int from = m.modelBin;
        if (now - from > 288 * 3) {
            from = now - 288 * 3;
        }
        for (int k = from; k < now; k++) {
            float r = gauge == null ? 0 : gauge.rain.get(k);
            m.surface += Float.isNaN(r) ? 0 : r;
            double q = alpha * m.surface;
            m.surface -= q;
            m.inflow = m.inflow * 0.97 + model.gain() * m.factor * q;
            m.innovations *= 0.97;
            m.excess(model, q);
        }
        m.modelBin = Math.max(m.modelBin, now);
    }

    private boolean assimilate(Manhole m, double value, int now) {
        m.sameCount = value == m.lastRaw ? m.sameCount + 1 : 0;
        m.lastRaw = value;
        if (m.sameCount >= 3) {
            return false;
        }
        double room = Math.max(0.2, m.spec.rimLevel() - m.base);
        double innovation = value - m.base - m.e;
        double limit = Math.max(0.4, 0.3 * room);
        boolean confirmed = false;
        if (tuning.observationFirst() && value >= m.spec.rimLevel() && m.e >= 0.5 * room) {
            // read above the rim after a rise: judged on the reading at once, not after a confirmation
            m.pending = Double.NaN;
            confirmed = true;
        } else if (Math.abs(innovation) > limit) {
            if (!Double.isNaN(m.pending) && Math.abs(value - m.pending) < 0.15 && now - m.pendingBin <= 3) {
                confirmed = true;
                m.pending = Double.NaN;
            } else {
                m.pending = value;
                m.pendingBin = now;
                return false;
            }
        } else {
            m.pending = Double.NaN;
        }
        // observation first: a trustworthy reading is the state; issue 4 blended it in at 0.5
        double gain = confirmed || tuning.observationFirst() ? 1.0 : 0.5;
        if (!confirmed) {
            // learn how this storm's runoff compares with the model's (wet soil gives more)
            m.innovations += innovation;
            if (m.inflow > 0.1) {
                double cap = tuning.boundedStormFactor() ? MAX_STORM_FACTOR : 2.5;
                m.factor = Math.max(0.4, Math.min(cap, m.factor * (1 + 0.05 * m.innovations / m.inflow)));
            } else if (m.inflow < 0.01) {
                m.factor += 0.01 * (1 - m.factor);
            }
        }
        m.e += gain * (value - m.base - m.e);
        m.excess.set(now, (float) (value - m.base));
        return true;
    }

    private void trackBaseline(Manhole m, Gauge gauge, double value, int now) {
        if (m.surface > 0.05 || m.e > 0.08 || (gauge != null && now - gauge.lastRainBin <= 72)) {
            return;
        }
        double rate = Math.max(0.003, 1.0 / (m.baseSamples + 1));
        m.baseSamples++;
        double shift = rate * (value - m.base);
        m.base += shift;
        m.e -= shift;
    }

    private static double recentRain(Gauge gauge, int now, int bins) {
        double sum = 0;
        for (int k = now - bins; k < now; k++) {
            float r = gauge.rain.get(k);
            if (r > 0) {
                sum += r;
            }
        }
        return sum;
    }

    private void decide(Manhole m, Gauge gauge, long t) {
        double room = m.spec.rimLevel() - m.base;
        double[] future = gauge == null ? null : gauge.future(nowcasts, t, m.modelBin, tuning);
        double futureRain = gauge == null ? 0 : gauge.futureTotal;
        WarningLevel level = null;
        int steps = -1;
        String why = null;
        if (m.e >= room) {
            level = WarningLevel.RED;
            steps = 0;
            why = "overflowing";
        } else if (m.e > 0.2 * room || m.surface > 0.3 || futureRain > 1) {
            int onItsWay = project(m, null, 0);
            int withNowcast = future == null ? -1 : project(m, future, 1);
            // a nowcast alone only makes a watch: warnings need the rain to be falling already
            boolean raining = gauge != null && recentRain(gauge, m.modelBin, 6) >= ladder.confirmingRainMm();
            int confirmed = raining && future != null ? project(m, future, ladder.warningRainFactor()) : -1;
            if (onItsWay >= 0 && onItsWay <= ladder.redFromWaterOnItsWay()
                    || confirmed >= 0 && confirmed <= ladder.redWithNowcast()) {
                level = WarningLevel.RED;
            } else if (onItsWay >= 0 && onItsWay <= ladder.orange()
                    || confirmed >= 0 && confirmed <= ladder.orange()) {
                level = WarningLevel.ORANGE;
            } else if (withNowcast >= 0 && withNowcast <= ladder.yellow()) {
                level = WarningLevel.YELLOW;
            }
            steps = onItsWay >= 0 && (withNowcast < 0 || onItsWay < withNowcast) ? onItsWay : withNowcast;
            if (level == null && future != null && futureRain > 1) {
                int heavy = project(m, future,
                        Double.isNaN(tuning.watchFactor()) ? ladder.heavyFactor() : tuning.watchFactor());
                if (heavy >= 0 && heavy <= ladder.blue()) {
                    level = WarningLevel.BLUE;
                    steps = heavy;
                }
            }
            if (level != null) {
                // in Chinese: it goes to the duty groups' phones as it is
                why = String.format(Locale.ROOT,
                        "水位 %.2f 米（井口 %.2f 米）；近 1 小时降雨 %.1f 毫米；未来 6 小时预计 %.1f 毫米（%s）；"
                                + "模型：增益 %.3f 米/毫米 × 本场 %.2f，汇流 %.0f 分钟，排水 %.2f/步（%s）",
                        m.base + m.e, m.spec.rimLevel(), gauge == null ? 0 : recentRain(gauge, m.modelBin, 12),
                        futureRain, gauge != null && nowcasts.covers(gauge.id) ? "临近预报" : "按近半小时雨强持续估计",
                        m.model.gain(), m.factor, m.model.tau() * 5, m.model.drain(), m.model.fittedFrom());
            }
        }
        if (level == null) {
            if (m.active != null && t - m.lastIssued >= EPISODE_RESET) {
                m.active = null;
            }
            return;
        }
        boolean rises = m.active == null || level.ordinal() > m.active.ordinal();
        if (rises || t - m.lastIssued >= REISSUE) {
            m.active = m.active == null || level.ordinal() > m.active.ordinal() ? level : m.active;
            m.lastIssued = t;
            sink.accept(new Warning(m.spec.id(), t, t + Math.max(0, steps) * STEP_SECONDS, level, why));
        }
    }

    /** Steps until the projected level reaches the rim, or -1 if not within the horizon. */
    private int project(Manhole m, double[] future, double factor) {
        CatchmentModel model = m.model;
        double alpha = m.alpha;
        double surface = m.surface;
        double e = m.e;
        double room = m.spec.rimLevel() - m.base;
        for (int k = 0; k < HORIZON; k++) {
            double r = future == null ? 0 : future[k] * factor;
            surface += r;
            double q = alpha * surface;
            surface -= q;
            e += model.gain() * m.factor * q - Math.min(model.drain() * Math.max(e, 0), model.capacity());
            if (e >= room) {
                return k + 1;
            }
        }
        return -1;
    }

    private static final class Gauge {
        final String id;
        final boolean nowcasted;
        final Series rain = new Series();
        final List<Integer> manholes = new ArrayList<>();
        long lastAt = Long.MIN_VALUE;
        int lastRainBin = Integer.MIN_VALUE / 2;
        double totalRain;
        long futureAt = Long.MIN_VALUE;
        double[] future;
        double futureTotal;

        Gauge(String id, boolean nowcasted) {
            this.id = id;
            this.nowcasted = nowcasted;
        }

        /** Ratio of measured to nowcast rain over the last hours (1 until enough rain fell). */
        double bias = 1;
        double measuredSum;
        double nowcastSum;
        int biasBin = Integer.MIN_VALUE;
        final float[] nowcastAt = new float[64];

        private void trackBias(int now) {
            if (biasBin == Integer.MIN_VALUE) {
                biasBin = now;
                java.util.Arrays.fill(nowcastAt, Float.NaN);
                return;
            }
            double decay = Math.exp(-1 / BIAS_MEMORY_STEPS);
            for (int k = biasBin; k < Math.min(now, biasBin + 64); k++) {
                float predicted = nowcastAt[k & 63];
                float measured = rain.get(k);
                nowcastAt[k & 63] = Float.NaN;
                if (Float.isNaN(predicted) || Float.isNaN(measured)) {
                    continue;
                }
                measuredSum = measuredSum * decay + measured;
                nowcastSum = nowcastSum * decay + predicted;
            }
            biasBin = Math.max(biasBin, now);
            bias = measuredSum + nowcastSum < BIAS_MIN_RAIN_MM ? 1
                    : Math.max(BIAS_MIN, Math.min(BIAS_MAX, (measuredSum + 0.5) / (nowcastSum + 0.5)));
        }

        double[] future(Nowcasts nowcasts, long t, int now, Tuning tuning) {
            if (t == futureAt) {
                return future;
            }
            futureAt = t;
            futureTotal = 0;
            if (!nowcasted && !nowcasts.covers(id)) {
                // no nowcasts for this gauge: assume the last half hour's rain goes on for an hour
                double rate = now - lastRainBin > 6 ? 0 : recentRain(this, now, 6) / 6;
                if (rate <= 0) {
                    future = null;
                    return null;
                }
                future = new double[HORIZON];
                for (int k = 0; k < 12; k++) {
                    future[k] = rate;
                }
                futureTotal = rate * 12;
                return future;
            }
            future = nowcasts.expected(id, t, HORIZON);
            for (int k = 0; k < future.length; k++) {
                if (Double.isNaN(future[k])) {
                    future[k] = 0;
                }
            }
            if (tuning.nowcastBias()) {
                trackBias(now);
                if (biasBin == now) {
                    nowcastAt[now & 63] = (float) future[0];
                }
                for (int k = 0; k < future.length; k++) {
                    future[k] *= bias;
                }
            }
            if (tuning.measuredRain() && now - lastRainBin <= 1) {
                // the gauge measures rain the nowcast may have missed (a convective cell seen late)
                double rate = recentRain(this, now, 3) / 3;
                for (int k = 0; k < PERSISTENCE_STEPS; k++) {
                    future[k] = Math.max(future[k], rate * (1 - (double) k / PERSISTENCE_STEPS));
                }
            }
            for (double r : future) {
                futureTotal += r;
            }
            return future;
        }
    }

    private static final class Manhole {
        SensorSpec spec;
        int gauge;
        final Series excess = new Series();
        CatchmentModel model = CatchmentModel.assumed();
        double alpha = model.alpha();
        double rainAtRefit;
        boolean started;
        int modelBin;
        int lastRefit;
        double surface;
        double e;
        double base;
        long baseSamples;
        double lastRaw;
        int sameCount;
        double pending = Double.NaN;
        int pendingBin;
        WarningLevel active;
        long lastIssued = Long.MIN_VALUE / 2;

        Manhole(SensorSpec spec, int gauge) {
            this.spec = spec;
            this.gauge = gauge;
        }

        double factor = 1;
        double inflow;
        double innovations;

        void excess(CatchmentModel model, double inflowMm) {
            e += model.gain() * factor * inflowMm - Math.min(model.drain() * Math.max(e, 0), model.capacity());
        }
    }
}
