package org.townbrain.sensing.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.townbrain.sensing.forecast.Nowcasts;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.SkillScorer;
import org.townbrain.sensing.forecast.Timestamps;

/**
 * A seeded, deterministic flood season for the warning-skill benchmark. Storms of the region's
 * kinds (plum-rain fronts, short convective bursts with 5-minute variability, typhoons) fall on
 * rain gauges; each manhole's catchment wets its soil (more runoff when wet), routes the runoff
 * through a surface store and fills a sewer that drains through a pipe of limited capacity.
 * Sensors add noise, spikes, gaps, stuck values and drift; gauges tip in 0.2 mm buckets, miss
 * stretches and clog. Nowcasts are issued every 30 minutes for 4 hours ahead with errors that grow
 * with lead time, see convective cells only shortly before they start, and sometimes forecast
 * cells that never come.
 */
public final class StormSimulator {

    public static final long STEP = 300;
    static final int STEPS_PER_DAY = 288;

    public record Config(long seed, int gauges, int manholesPerGauge, int days, long startEpoch) {
        public static Config season(long seed) {
            // 2026-05-01T00:00+08:00: 30 days of warm-up, then June–September
            return new Config(seed, 6, 4, 150, 1777564800L);
        }
    }

    /** A storm (or a phantom one, seen only in nowcasts): rain per gauge per step from its start. */
    record Storm(String kind, int start, double[][] rain, int visibleBefore) {
        int end() {
            return start + rain[0].length;
        }
    }

    /** A manhole's true catchment. */
    public static final class Catchment {
        final double gain;
        final double tau;
        final double drainRate;
        final double capacity;
        final double base;
        final double diurnal;
        final double rim;
        final double soilCapacity;
        double soil;
        double surface;
        double excess;

        Catchment(SplittableRandom r) {
            gain = 0.025 + 0.03 * r.nextDouble();
            tau = 2 + 6 * r.nextDouble();
            drainRate = 0.03 + 0.07 * r.nextDouble();
            capacity = 0.012 + 0.02 * r.nextDouble();
            base = 0.15 + 0.2 * r.nextDouble();
            diurnal = 0.02 + 0.05 * r.nextDouble();
            rim = 1.6 + 1.0 * r.nextDouble();
            soilCapacity = 40 + 60 * r.nextDouble();
        }

        Catchment(Catchment c) {
            gain = c.gain;
            tau = c.tau;
            drainRate = c.drainRate;
            capacity = c.capacity;
            base = c.base;
            diurnal = c.diurnal;
            rim = c.rim;
            soilCapacity = c.soilCapacity;
            soil = c.soil;
            surface = c.surface;
            excess = c.excess;
        }

        /** One 5-minute step with {@code mm} of rain. */
        void step(double mm) {
            soil += mm;
            soil -= soil / (3.0 * STEPS_PER_DAY);
            double runoff = 0.25 + 0.65 * Math.min(1, soil / soilCapacity);
            surface += runoff * mm;
            double q = surface * (1 - Math.exp(-1 / tau));
            surface -= q;
            excess += gain * q - Math.min(drainRate * excess, capacity);
            excess = Math.min(excess, rim + 0.15 - base);
        }

        double level(int step) {
            double hour = (step % STEPS_PER_DAY) / 12.0;
            return base + diurnal * Math.sin((hour - 8) / 24 * 2 * Math.PI) + excess;
        }
    }

    public final Config config;
    public final List<SensorSpec> sensors = new ArrayList<>();
    public final Map<String, SkillScorer.Truth> truth = new HashMap<>();
    /** Observed level per manhole per step (NaN in gaps), as a baseline warner would see it. */
    public final Map<String, double[]> observedLevel = new HashMap<>();
    public final List<Nowcasts.Window> nowcasts = new ArrayList<>();
    final double[][] rain;
    final Catchment[] catchments;
    final Catchment[][] trueStates;
    final int[] gaugeOf;
    final List<Storm> storms = new ArrayList<>();
    final List<Storm> phantoms = new ArrayList<>();
    private final int steps;

    public StormSimulator(Config config) {
        this.config = config;
        this.steps = config.days() * STEPS_PER_DAY;
        SplittableRandom random = new SplittableRandom(config.seed());
        rain = new double[config.gauges()][steps];
        makeStorms(random.split());
        for (Storm s : storms) {
            for (int g = 0; g < config.gauges(); g++) {
                for (int k = 0; k < s.rain()[g].length && s.start() + k < steps; k++) {
                    rain[g][s.start() + k] += s.rain()[g][k];
                }
            }
        }
        int manholes = config.gauges() * config.manholesPerGauge();
        catchments = new Catchment[manholes];
        trueStates = new Catchment[manholes][];
        gaugeOf = new int[manholes];
        SplittableRandom catchmentRandom = random.split();
        for (int g = 0; g < config.gauges(); g++) {
            sensors.add(new SensorSpec(gaugeId(g), false, "330182" + String.format("%03d", 100 + g), 29.4 + 0.05 * g,
                    119.3 + 0.05 * g, Double.NaN, null));
        }
        for (int m = 0; m < manholes; m++) {
            int g = m / config.manholesPerGauge();
            gaugeOf[m] = g;
            Catchment c = new Catchment(catchmentRandom);
            catchments[m] = c;
            sensors.add(new SensorSpec(manholeId(m), true, "330182" + String.format("%03d", 100 + g),
                    29.4 + 0.05 * g + 0.002 * m, 119.3 + 0.05 * g, round(c.rim, 2), gaugeId(g)));
        }
        simulateTruth();
        makeNowcasts(random.split());
    }

    static String gaugeId(int g) {
        return "RG" + (g + 1);
    }

    static String manholeId(int m) {
        return "MH" + String.format("%03d", m + 1);
    }

    public long time(int step) {
        return config.startEpoch() + step * STEP;
    }

    public long scoredFrom() {
        return config.startEpoch() + 30L * 86400;
    }

    public int steps() {
        return steps;
    }

    private void makeStorms(SplittableRandom r) {
        int gauges = config.gauges();
        for (int day = 0; day < config.days(); day++) {
            double front = day < 30 ? 0.08 : day < 80 ? 0.2 : 0.05;
            double convective = day < 30 ? 0.06 : day < 80 ? 0.1 : 0.3;
            double typhoon = day >= 85 && day < 140 ? 0.025 : 0;
            int dayStart = day * STEPS_PER_DAY;
            if (r.nextDouble() < front) {
                storms.add(front(r, dayStart + r.nextInt(STEPS_PER_DAY), gauges));
            }
            if (r.nextDouble() < convective) {
                storms.add(convective(r, dayStart + 13 * 12 + r.nextInt(6 * 12), gauges));
            }
            if (r.nextDouble() < typhoon) {
                storms.add(typhoon(r, dayStart + r.nextInt(STEPS_PER_DAY), gauges));
            }
            if (r.nextDouble() < 0.15) {
                phantoms.add(convective(r, dayStart + 12 * 12 + r.nextInt(8 * 12), gauges));
            }
        }
    }

    private static Storm front(SplittableRandom r, int start, int gauges) {
        int length = (8 + r.nextInt(29)) * 12;
        double intensity = 1.5 + 4.5 * r.nextDouble();
        double period = (2 + 3 * r.nextDouble()) * 12;
        double phase = r.nextDouble() * 6.28;
        int bandStart = r.nextDouble() < 0.5 ? r.nextInt(length) : -1;
        int bandLength = (1 + r.nextInt(3)) * 12;
        double bandFactor = 2 + 2 * r.nextDouble();
        double[][] rain = new double[gauges][length + 12];
        for (int g = 0; g < gauges; g++) {
            double factor = 0.7 + 0.6 * r.nextDouble();
            int shift = r.nextInt(7);
            for (int k = 0; k < length; k++) {
                double ramp = Math.min(1, Math.min(k / 24.0, (length - k) / 24.0));
                double mmPerHour = intensity * ramp * (1 + 0.6 * Math.sin(2 * Math.PI * k / period + phase));
                if (bandStart >= 0 && k >= bandStart && k < bandStart + bandLength) {
                    mmPerHour *= bandFactor;
                }
                rain[g][k + shift] = Math.max(0, mmPerHour * factor * lognormal(r, 0.3) / 12);
            }
        }
        return new Storm("front", start, rain, 6 * 12);
    }

    private static Storm convective(SplittableRandom r, int start, int gauges) {
        int length = 6 + r.nextInt(25);
        double peak = 25 + 65 * r.nextDouble();
        int centre = r.nextInt(gauges);
        double[][] rain = new double[gauges][length];
        for (int g = 0; g < gauges; g++) {
            double factor = g == centre ? 1 : r.nextDouble() < 0.5 ? 0 : 0.6 * r.nextDouble();
            for (int k = 0; k < length; k++) {
                double x = (double) k / length;
                double shape = x < 0.33 ? x / 0.33 : (1 - x) / 0.67;
                rain[g][k] = peak * factor * shape * lognormal(r, 0.5) / 12;
            }
        }
        return new Storm("convective", start, rain, 3 + r.nextInt(13));
    }

    private static Storm typhoon(SplittableRandom r, int start, int gauges) {
        int length = (24 + r.nextInt(37)) * 12;
        double peak = 15 + 30 * r.nextDouble();
        double[][] rain = new double[gauges][length];
        for (int g = 0; g < gauges; g++) {
            double factor = 0.8 + 0.4 * r.nextDouble();
            for (int k = 0; k < length; k++) {
                double bell = Math.pow(Math.sin(Math.PI * k / length), 2);
                double bands = 0.5 + 0.8 * Math.abs(Math.sin(2 * Math.PI * k / 36.0));
                rain[g][k] = peak * factor * bell * bands * lognormal(r, 0.3) / 12;
            }
        }
        return new Storm("typhoon", start, rain, 12 * 12);
    }

    private static double lognormal(SplittableRandom r, double sigma) {
        return Math.exp(sigma * gaussian(r) - sigma * sigma / 2);
    }

    static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private void simulateTruth() {
        for (int m = 0; m < catchments.length; m++) {
            Catchment c = catchments[m];
            long[] times = new long[steps];
            double[] levels = new double[steps];
            trueStates[m] = new Catchment[steps];
            for (int k = 0; k < steps; k++) {
                c.step(rain[gaugeOf[m]][k]);
                times[k] = time(k + 1);
                levels[k] = c.level(k + 1);
                trueStates[m][k] = new Catchment(c);
            }
            truth.put(manholeId(m), new SkillScorer.Truth(round(c.rim, 2), times, levels));
        }
    }

    /** The true catchment state after step {@code k} (at time {@code time(k + 1)}). */
    public Catchment trueState(int manhole, int k) {
        return new Catchment(trueStates[manhole][k]);
    }

    public double[] trueRain(int gauge) {
        return rain[gauge];
    }

    private void makeNowcasts(SplittableRandom r) {
        for (int issue = 0; issue < steps; issue += 6) {
            for (int g = 0; g < config.gauges(); g++) {
                for (int w = 0; w < 8; w++) {
                    int from = issue + w * 6;
                    double leadHours = (w + 0.5) / 2;
                    int shift = (int) Math.round(gaussian(r) * 2 * leadHours);
                    double amount = 0;
                    amount += visibleRain(storms, issue, g, from + shift, from + shift + 6);
                    amount += visibleRain(phantoms, issue, g, from + shift, from + shift + 6);
                    amount *= lognormal(r, 0.25 + 0.25 * leadHours);
                    if (amount >= 0.1) {
                        nowcasts.add(new Nowcasts.Window(gaugeId(g), time(issue), time(from), time(from + 6),
                                round(amount, 1)));
                    }
                }
            }
        }
    }

    private static double visibleRain(List<Storm> list, int issue, int g, int from, int to) {
        double sum = 0;
        for (Storm s : list) {
            if (issue < s.start() - s.visibleBefore() || s.end() <= from || s.start() >= to) {
                continue;
            }
            for (int k = Math.max(from, s.start()); k < Math.min(to, s.end()); k++) {
                sum += s.rain()[g][k - s.start()];
            }
        }
        return sum;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** Writes S.csv, T.csv (with sensor faults) and F.csv; returns the number of readings. */
    public long write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ZoneOffset offset = ZoneOffset.ofHours(8);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("S.csv"), StandardCharsets.UTF_8)) {
            w.write("sensor_id,kind,town_code,lat,lon,rim_level_m,gauge_id\n");
            for (SensorSpec s : sensors) {
                w.write(s.id() + "," + (s.manhole() ? "manhole_level" : "rain_gauge") + "," + s.townCode() + ","
                        + String.format(Locale.ROOT, "%.5f,%.5f", s.lat(), s.lon()) + ","
                        + (s.manhole() ? s.rimLevel() + "," + s.gaugeId() : ",") + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("F.csv"), StandardCharsets.UTF_8)) {
            w.write("gauge_id,issued_at,valid_from,valid_to,rain_mm\n");
            for (Nowcasts.Window n : nowcasts) {
                w.write(n.gaugeId() + "," + Timestamps.format(n.issuedAt(), offset) + ","
                        + Timestamps.format(n.validFrom(), offset) + "," + Timestamps.format(n.validTo(), offset) + ","
                        + n.rainMm() + "\n");
            }
        }
        SplittableRandom r = new SplittableRandom(config.seed() * 31 + 7);
        int manholes = catchments.length;
        int gauges = config.gauges();
        LevelSensor[] levelSensors = new LevelSensor[manholes];
        for (int m = 0; m < manholes; m++) {
            levelSensors[m] = new LevelSensor(r, steps);
            observedLevel.put(manholeId(m), new double[steps]);
        }
        GaugeSensor[] gaugeSensors = new GaugeSensor[gauges];
        for (int g = 0; g < gauges; g++) {
            gaugeSensors[g] = new GaugeSensor();
        }
        long readings = 0;
        StringBuilder line = new StringBuilder(64);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("T.csv"), StandardCharsets.UTF_8, 
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write("sensor_id,observed_at,value\n");
            for (int k = 0; k < steps; k++) {
                String at = Timestamps.format(time(k + 1), offset);
                for (int g = 0; g < gauges; g++) {
                    double mm = gaugeSensors[g].observe(r, rain[g][k]);
                    if (!Double.isNaN(mm)) {
                        line.setLength(0);
                        line.append(gaugeId(g)).append(',').append(at).append(',').append(round(mm, 1)).append('\n');
                        w.append(line);
                        readings++;
                    }
                }
                for (int m = 0; m < manholes; m++) {
                    double level = levelSensors[m].observe(r, truth.get(manholeId(m)).levels()[k], k);
                    observedLevel.get(manholeId(m))[k] = level;
                    if (!Double.isNaN(level)) {
                        line.setLength(0);
                        line.append(manholeId(m)).append(',').append(at).append(',').append(round(level, 3)).append('\n');
                        w.append(line);
                        readings++;
                    }
                }
            }
        }
        return readings;
    }

    /** Noise, spikes, gaps, stuck stretches and drift. */
    private static final class LevelSensor {
        final double noise;
        final double driftPerStep;
        int gapLeft;
        int stuckLeft;
        double stuckValue;

        LevelSensor(SplittableRandom r, int steps) {
            noise = 0.008 + 0.012 * r.nextDouble();
            driftPerStep = r.nextDouble() < 0.3 ? (r.nextDouble() * 0.3 - 0.15) / steps : 0;
        }

        double observe(SplittableRandom r, double level, int k) {
            if (gapLeft > 0) {
                gapLeft--;
                return Double.NaN;
            }
            if (r.nextDouble() < 0.1 / STEPS_PER_DAY) {
                gapLeft = 6 + r.nextInt(90);
                return Double.NaN;
            }
            double value = level + driftPerStep * k + noise * gaussian(r);
            if (stuckLeft > 0) {
                stuckLeft--;
                return stuckValue;
            }
            if (r.nextDouble() < 0.03 / STEPS_PER_DAY) {
                stuckLeft = 24 + r.nextInt(264);
                stuckValue = round(value, 3);
                return stuckValue;
            }
            if (r.nextDouble() < 0.003) {
                return r.nextDouble() < 0.3 ? 0 : Math.max(0, value + (r.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * r.nextDouble()));
            }
            return Math.max(0, value);
        }
    }

    /** A tipping bucket of 0.2 mm that sometimes misses stretches or clogs. */
    private static final class GaugeSensor {
        double bucket;
        int gapLeft;
        int cloggedLeft;

        double observe(SplittableRandom r, double mm) {
            if (gapLeft > 0) {
                gapLeft--;
                return Double.NaN;
            }
            if (r.nextDouble() < 0.05 / STEPS_PER_DAY) {
                gapLeft = 6 + r.nextInt(42);
                return Double.NaN;
            }
            if (cloggedLeft > 0) {
                cloggedLeft--;
                return 0;
            }
            if (r.nextDouble() < 0.01 / STEPS_PER_DAY) {
                cloggedLeft = STEPS_PER_DAY + r.nextInt(2 * STEPS_PER_DAY);
                return 0;
            }
            bucket += mm;
            double tips = Math.floor(bucket / 0.2);
            bucket -= tips * 0.2;
            return tips * 0.2;
        }
    }
}
