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
 * A second, independent flood-season simulator for issue #15, written from the physics of urban
 * drainage and NOT from the forecaster's equations (nor {@link StormSimulator}'s):
 * <ul>
 * <li>each manhole drains a subcatchment split into impervious and pervious parts; rain first
 * fills depression storage (initial loss), the pervious part loses water to Horton infiltration
 * (capacity decays while wet, recovers while dry), and the ponded depth above depression storage
 * runs off as a SWMM-style non-linear reservoir, Q = W/n · (d − d<sub>p</sub>)<sup>5/3</sup> · √S;</li>
 * <li>runoff plus dry-weather flow and slow groundwater infiltration travels through the upstream
 * network (a linear reservoir) to the manhole's outgoing circular pipe, whose full-bore capacity is
 * Manning's; below capacity the level is the part-full normal depth (so it rises steeply at first and
 * flattens as the pipe runs full); above capacity the pipe surcharges: the excess fills manholes and
 * upstream pipes (an effective storage area) and the outflow grows only with the square root of the
 * extra head, so the level climbs sharply until it spills at the rim;</li>
 * <li>rain: plum-rain fronts with autocorrelated bursts, moving convective cells and typhoons,
 * over gauges spread 2–3 km apart; tipping buckets with under-catch at high intensity;</li>
 * <li>nowcasts every 30 minutes for 3 hours in 30-minute windows, with multiplicative errors that
 * persist for hours (a storm-wide bias plus an autocorrelated part, so a storm can be ~2× too wet
 * all along), area-mean rather than point rain, timing errors growing with lead time, convective cells
 * seen late (or only once they rain) and weak, and phantom cells that never come;</li>
 * <li>level sensors: noise, slow drift over the season, spikes, gaps, stuck stretches.</li>
 * </ul>
 * Sources for the ranges: EPA SWMM Reference Manual Vol. I (Hydrology: depression storage 1.3–2.5 mm
 * impervious, 2.5–7.5 mm pervious; Manning's n 0.011–0.015 impervious, 0.1–0.24 turf; Horton
 * f<sub>0</sub> 75–125 mm/h, f<sub>c</sub> 3–12 mm/h, decay 2–7 /h), and GB 50014 design storms of
 * 1–3-year return periods for Zhejiang pipes. The numbers are this simulator's own, not tuned to
 * the forecaster.
 */
public final class HydrologySimulator {

    public static final long STEP = 300;
    static final int PER_DAY = 288;
    private static final int SUBSTEPS = 5;
    private static final double DT = STEP / (double) SUBSTEPS;

    public record Config(long seed, int gauges, int manholesPerGauge, int days, long startEpoch) {
        /** 2026-05-01T00:00+08:00: 30 days of warm-up, then June–September. */
        public static Config season(long seed) {
            return new Config(seed, 6, 5, 150, 1777564800L);
        }

        public static Config small(long seed, int days) {
            return new Config(seed, 6, 5, days, 1777564800L);
        }
    }

    /** A rain event (or a phantom one, seen only in nowcasts). */
    record Storm(String kind, int start, double[][] rain, int visibleBefore, double nowcastWeakness) {
        int end() {
            return start + rain[0].length;
        }
    }

    /** A manhole's subcatchment and outgoing pipe. */
    static final class Drain {
        final double areaImp;
        final double areaPerv;
        final double widthImp;
        final double widthPerv;
        final double slope;
        final double dImp;
        final double dPerv;
        final double f0;
        final double fc;
        final double decay;
        final double recovery;
        final double travel;
        final double qFull;
        final double diameter;
        final double pipeSlope;
        final double pipeLength;
        final double storageArea;
        final double cover;
        final double dwf;
        final double gwiCoefficient;
        double depthImp;
        double depthPerv;
        double capacity;
        double network;
        double head;
        double soil;
        double level;

        Drain(SplittableRandom r) {
            double area = (1 + 5 * r.nextDouble()) * 10_000;
            double imperv = 0.4 + 0.45 * r.nextDouble();
            areaImp = area * imperv;
            areaPerv = area - areaImp;
            double flowLength = 40 + 110 * r.nextDouble();
            widthImp = areaImp / flowLength;
            widthPerv = areaPerv / flowLength;
            slope = 0.003 + 0.02 * r.nextDouble();
            dImp = (1.3 + 1.2 * r.nextDouble()) / 1000;
            dPerv = (2.5 + 5 * r.nextDouble()) / 1000;
            f0 = (75 + 50 * r.nextDouble()) / 3.6e6;
            fc = (3 + 9 * r.nextDouble()) / 3.6e6;
            decay = (2 + 5 * r.nextDouble()) / 3600;
            recovery = 1 / ((3 + 4 * r.nextDouble()) * 86400);
            capacity = f0;
            travel = (5 + 20 * r.nextDouble()) * 60;
            // design: a 1–2-year storm of 18–36 mm/h on the runoff-weighted area (rational method);
            // many old county-town sewers were laid for less than today's GB 50014 asks
            double designIntensity = (18 + 18 * r.nextDouble()) / 3.6e6;
            qFull = (0.9 * imperv + 0.15 * (1 - imperv)) * designIntensity * area;
            pipeSlope = 0.002 + 0.006 * r.nextDouble();
            diameter = Math.pow(qFull * 0.013 * Math.pow(4, 5.0 / 3) / (Math.PI * Math.sqrt(pipeSlope)), 3.0 / 8);
            pipeLength = 40 + 60 * r.nextDouble();
            storageArea = 60 + 240 * r.nextDouble();
            cover = 0.9 + 1.6 * r.nextDouble();
            dwf = qFull * (0.03 + 0.07 * r.nextDouble());
            gwiCoefficient = qFull * (0.05 + 0.1 * r.nextDouble()) / 0.15;
        }

        double rim() {
            return diameter + cover;
        }

        /** One step of {@code mm} rain (true, at the catchment) at step {@code k}. */
        void step(double mm, int k) {
            double intensity = mm / 1000 / STEP;
            double hour = (k % PER_DAY) / 12.0;
            double sanitary = dwf * (1 + 0.6 * Math.sin((hour - 9) / 24 * 2 * Math.PI));
            for (int s = 0; s < SUBSTEPS; s++) {
                // impervious: depression storage, then non-linear reservoir
                depthImp += intensity * DT;
                double qImp = outflow(depthImp, dImp, widthImp, 0.013);
                depthImp -= Math.min(depthImp, qImp * DT / areaImp);
                // pervious: Horton infiltration with decay while wet and recovery while dry
                depthPerv += intensity * DT;
                double available = depthPerv / DT;
                double infiltration = Math.min(capacity, available);
                depthPerv -= infiltration * DT;
                if (available > 0 && intensity > 0) {
                    capacity = fc + (capacity - fc) * Math.exp(-decay * DT);
                } else {
                    capacity = f0 - (f0 - capacity) * Math.exp(-recovery * DT);
                }
                soil += infiltration * DT - soil * DT / (5 * 86400);
                double qPerv = outflow(depthPerv, dPerv, widthPerv, 0.2);
                depthPerv -= Math.min(depthPerv, qPerv * DT / areaPerv);
                if (intensity == 0) {
                    double evaporation = 4.0 / 1000 / 86400 * DT;
                    depthImp = Math.max(0, depthImp - evaporation);
                    depthPerv = Math.max(0, depthPerv - evaporation);
                }
                double gwi = gwiCoefficient * Math.min(soil, 0.3);
                double inflowToNetwork = qImp + qPerv;
                network += (inflowToNetwork - network / travel) * DT;
                double q = network / travel + sanitary + gwi;
                // the outgoing pipe: part full, full, or surcharged
                if (head > 0 || q > qFull) {
                    double out = qFull * Math.sqrt(1 + Math.max(0, head) / (pipeSlope * pipeLength));
                    head += (q - out) * DT / storageArea;
                    if (head < 0) {
                        head = 0;
                    }
                    // spilling at the rim: the level cannot rise more than a few centimetres above it
                    head = Math.min(head, cover + 0.05);
                    level = head > 0 ? diameter + head : diameter * PartFull.depthRatio(q / qFull);
                } else {
                    level = diameter * PartFull.depthRatio(q / qFull);
                }
            }
        }

        private double outflow(double depth, double store, double width, double n) {
            double ponded = depth - store;
            return ponded <= 0 ? 0 : width / n * Math.pow(ponded, 5.0 / 3) * Math.sqrt(slope);
        }
    }

    /** Normal depth in a circular pipe by Manning: depth/diameter for a flow/full-flow ratio. */
    static final class PartFull {
        private static final int N = 2000;
        private static final double[] RATIO = new double[N + 1];
        private static final double[] DEPTH = new double[N + 1];

        static {
            double full = flow(Math.PI * 2);
            for (int i = 0; i <= N; i++) {
                double y = i / (double) N;
                DEPTH[i] = y;
                double theta = 2 * Math.acos(1 - 2 * y);
                RATIO[i] = flow(theta) / full;
            }
        }

        private static double flow(double theta) {
            double area = (theta - Math.sin(theta)) / 8;
            double perimeter = theta / 2;
            return perimeter == 0 ? 0 : Math.pow(area, 5.0 / 3) / Math.pow(perimeter, 2.0 / 3);
        }

        /** On the rising branch; at and beyond full flow the water stands at the crown. */
        static double depthRatio(double flowRatio) {
            if (flowRatio <= 0) {
                return 0.02;
            }
            for (int i = 1; i <= N; i++) {
                if (RATIO[i] >= flowRatio) {
                    // the Manning curve peaks at 1.076 Qfull near 0.94 D; past the first crossing of
                    // Qfull the pipe is treated as flowing full: the level creeps to the crown
                    if (flowRatio >= 1) {
                        return 1;
                    }
                    return Math.max(0.02, DEPTH[i]);
                }
            }
            return 1;
        }
    }

    public final Config config;
    public final List<SensorSpec> sensors = new ArrayList<>();
    public final Map<String, SkillScorer.Truth> truth = new HashMap<>();
    public final Map<String, double[]> observedLevel = new HashMap<>();
    public final List<Nowcasts.Window> nowcasts = new ArrayList<>();
    final double[][] rain;
    final Drain[] drains;
    final int[] gaugeOf;
    final double[] gaugeX;
    final double[] gaugeY;
    final List<Storm> storms = new ArrayList<>();
    final List<Storm> phantoms = new ArrayList<>();
    private final int steps;

    public HydrologySimulator(Config config) {
        this.config = config;
        this.steps = config.days() * PER_DAY;
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5EED_1515L);
        int gauges = config.gauges();
        gaugeX = new double[gauges];
        gaugeY = new double[gauges];
        for (int g = 0; g < gauges; g++) {
            gaugeX[g] = 2500.0 * g + 500 * random.nextDouble();
            gaugeY[g] = 1500 * random.nextDouble();
        }
        rain = new double[gauges][steps];
        makeStorms(random.split());
        for (Storm s : storms) {
            for (int g = 0; g < gauges; g++) {
                for (int k = 0; k < s.rain()[g].length && s.start() + k < steps; k++) {
                    rain[g][s.start() + k] += s.rain()[g][k];
                }
            }
        }
        int manholes = gauges * config.manholesPerGauge();
        drains = new Drain[manholes];
        gaugeOf = new int[manholes];
        SplittableRandom drainRandom = random.split();
        for (int g = 0; g < gauges; g++) {
            sensors.add(new SensorSpec(gaugeId(g), false, "330182" + String.format("%03d", 200 + g), 29.45 + 0.02 * g,
                    119.25 + 0.025 * g, Double.NaN, null));
        }
        for (int m = 0; m < manholes; m++) {
            int g = m / config.manholesPerGauge();
            gaugeOf[m] = g;
            drains[m] = new Drain(drainRandom);
            sensors.add(new SensorSpec(manholeId(m), true, "330182" + String.format("%03d", 200 + g),
                    29.45 + 0.02 * g + 0.001 * m, 119.25 + 0.025 * g, round(drains[m].rim(), 2), gaugeId(g)));
        }
        for (int m = 0; m < manholes; m++) {
            Drain d = drains[m];
            long[] times = new long[steps];
            double[] levels = new double[steps];
            // the true rain at a manhole differs a little from its gauge's (a few hundred metres away)
            SplittableRandom local = new SplittableRandom(config.seed() * 1009 + m);
            double locality = 0.85 + 0.3 * local.nextDouble();
            for (int k = 0; k < steps; k++) {
                d.step(rain[g(m)][k] * locality, k);
                times[k] = time(k + 1);
                levels[k] = d.level;
            }
            truth.put(manholeId(m), new SkillScorer.Truth(round(d.rim(), 2), times, levels));
        }
        makeNowcasts(random.split());
    }

    private int g(int m) {
        return gaugeOf[m];
    }

    static String gaugeId(int g) {
        return "HG" + (g + 1);
    }

    static String manholeId(int m) {
        return "HM" + String.format("%03d", m + 1);
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
        for (int day = 0; day < config.days(); day++) {
            int dayStart = day * PER_DAY;
            double meiyu = day < 30 ? 0.06 : day < 75 ? 0.22 : 0.04;
            double convection = day < 45 ? 0.05 : 0.32;
            double typhoon = day >= 80 && day < 140 ? 0.02 : 0;
            if (r.nextDouble() < meiyu) {
                storms.add(front(r, dayStart + r.nextInt(PER_DAY)));
            }
            if (r.nextDouble() < convection) {
                int cells = 1 + (r.nextDouble() < 0.35 ? 1 : 0);
                for (int c = 0; c < cells; c++) {
                    storms.add(cell(r, dayStart + 12 * 12 + r.nextInt(8 * 12), false));
                }
            }
            if (r.nextDouble() < typhoon) {
                storms.add(typhoon(r, dayStart + r.nextInt(PER_DAY)));
            }
            if (day >= 45 && r.nextDouble() < 0.2) {
                phantoms.add(cell(r, dayStart + 12 * 12 + r.nextInt(8 * 12), true));
            }
        }
    }

    /** A plum-rain front: hours of rain whose log-intensity wanders (AR(1), ~40 min memory). */
    private Storm front(SplittableRandom r, int start) {
        int length = (6 + r.nextInt(30)) * 12;
        double mean = 1.5 + 6.5 * Math.pow(r.nextDouble(), 1.5);
        int gauges = config.gauges();
        double[][] rain = new double[gauges][length];
        double common = 0;
        double[] own = new double[gauges];
        double[] scale = new double[gauges];
        for (int g = 0; g < gauges; g++) {
            scale[g] = 0.6 + 0.8 * r.nextDouble();
        }
        double phi = Math.exp(-5.0 / 40);
        for (int k = 0; k < length; k++) {
            common = phi * common + Math.sqrt(1 - phi * phi) * 0.8 * gaussian(r);
            double envelope = Math.min(1, Math.min(k / 18.0, (length - k) / 18.0));
            for (int g = 0; g < gauges; g++) {
                own[g] = phi * own[g] + Math.sqrt(1 - phi * phi) * 0.4 * gaussian(r);
                double mmPerHour = mean * scale[g] * envelope * Math.exp(common + own[g] - 0.4);
                rain[g][k] = mmPerHour / 12;
            }
        }
        return new Storm("front", start, rain, 8 * 12, 1);
    }

    /** A convective cell moving across the gauges: Gaussian footprint, rises fast, decays slower. */
    private Storm cell(SplittableRandom r, int start, boolean phantom) {
        int gauges = config.gauges();
        int length = 4 + r.nextInt(16);
        double peak = 30 + 90 * Math.pow(r.nextDouble(), 1.3);
        double radius = 1500 + 2500 * r.nextDouble();
        double x0 = -3000 + (2500.0 * gauges + 6000) * r.nextDouble();
        double y0 = -3000 + 7500 * r.nextDouble();
        double heading = 2 * Math.PI * r.nextDouble();
        double speed = (5 + 25 * r.nextDouble()) / 3.6 * STEP;
        double[][] rain = new double[gauges][length];
        for (int k = 0; k < length; k++) {
            double x = k / (double) length;
            double life = x < 0.25 ? x / 0.25 : Math.pow((1 - x) / 0.75, 1.5);
            double cx = x0 + Math.cos(heading) * speed * (k - length / 2.0);
            double cy = y0 + Math.sin(heading) * speed * (k - length / 2.0);
            for (int g = 0; g < gauges; g++) {
                double d2 = Math.pow(gaugeX[g] - cx, 2) + Math.pow(gaugeY[g] - cy, 2);
                rain[g][k] = peak * life * Math.exp(-d2 / (2 * radius * radius)) / 12;
            }
        }
        // cells show late: 0–45 minutes before they rain (a third only once they rain), and weak
        int visible = r.nextDouble() < 0.33 ? 0 : 1 + r.nextInt(9);
        double weakness = phantom ? 0.5 + 0.5 * r.nextDouble() : 0.3 + 0.5 * r.nextDouble();
        return new Storm(phantom ? "phantom" : "convective", start, rain, visible, weakness);
    }

    private Storm typhoon(SplittableRandom r, int start) {
        int gauges = config.gauges();
        int length = (20 + r.nextInt(40)) * 12;
        double peak = 12 + 35 * r.nextDouble();
        double band = (1.5 + 2 * r.nextDouble()) * 12;
        double[][] rain = new double[gauges][length];
        for (int g = 0; g < gauges; g++) {
            double scale = 0.7 + 0.6 * r.nextDouble();
            int lag = r.nextInt(12);
            for (int k = 0; k < length; k++) {
                double bell = Math.exp(-Math.pow((k - length * 0.55) / (length * 0.22), 2));
                double bands = 0.35 + Math.pow(Math.max(0, Math.sin(2 * Math.PI * (k + lag) / band)), 2);
                rain[g][k] = peak * scale * bell * bands / 12;
            }
        }
        return new Storm("typhoon", start, rain, 24 * 12, 1);
    }

    private void makeNowcasts(SplittableRandom r) {
        int gauges = config.gauges();
        // each storm has a bias that lasts the whole storm, plus an hours-long wandering part per issue
        Map<Storm, Double> stormBias = new HashMap<>();
        for (Storm s : storms) {
            stormBias.put(s, Math.exp(0.5 * gaussian(r)));
        }
        for (Storm s : phantoms) {
            stormBias.put(s, 1.0);
        }
        double wander = 0;
        double phi = Math.exp(-0.5 / 3);
        for (int issue = 0; issue < steps; issue += 6) {
            wander = phi * wander + Math.sqrt(1 - phi * phi) * 0.35 * gaussian(r);
            for (int w = 0; w < 6; w++) {
                int from = issue + w * 6;
                double leadHours = (w + 0.5) / 2;
                int shift = (int) Math.round(gaussian(r) * 3 * leadHours);
                for (int g = 0; g < gauges; g++) {
                    double amount = 0;
                    for (List<Storm> list : List.of(storms, phantoms)) {
                        for (Storm s : list) {
                            if (issue < s.start() - s.visibleBefore() || s.end() <= from + shift
                                    || s.start() >= from + shift + 6) {
                                continue;
                            }
                            amount += stormBias.get(s) * s.nowcastWeakness()
                                    * visibleRain(s, g, from + shift, from + shift + 6);
                        }
                    }
                    amount *= Math.exp(wander) * Math.exp(0.2 * leadHours * gaussian(r));
                    if (amount >= 0.1) {
                        nowcasts.add(new Nowcasts.Window(gaugeId(g), time(issue), time(from), time(from + 6),
                                round(amount, 1)));
                    }
                }
            }
        }
    }

    /** Radar sees area means: half the gauge's own rain, half the mean over all gauges. */
    private double visibleRain(Storm s, int g, int from, int to) {
        double own = 0;
        double mean = 0;
        for (int k = Math.max(from, s.start()); k < Math.min(to, s.end()); k++) {
            own += s.rain()[g][k - s.start()];
            for (double[] gauge : s.rain()) {
                mean += gauge[k - s.start()] / s.rain().length;
            }
        }
        return 0.5 * own + 0.5 * mean;
    }

    static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** Writes S.csv, T.csv (with sensor faults) and F.csv in the replay contract; returns the readings. */
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
        SplittableRandom r = new SplittableRandom(config.seed() * 7919 + 13);
        int manholes = drains.length;
        Ultrasonic[] sensorsOf = new Ultrasonic[manholes];
        for (int m = 0; m < manholes; m++) {
            sensorsOf[m] = new Ultrasonic(r, steps);
            observedLevel.put(manholeId(m), new double[steps]);
        }
        double[] bucket = new double[config.gauges()];
        int[] gaugeGap = new int[config.gauges()];
        long readings = 0;
        StringBuilder line = new StringBuilder(64);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("T.csv"), StandardCharsets.UTF_8)) {
            w.write("sensor_id,observed_at,value\n");
            for (int k = 0; k < steps; k++) {
                String at = Timestamps.format(time(k + 1), offset);
                for (int g = 0; g < config.gauges(); g++) {
                    if (gaugeGap[g] > 0) {
                        gaugeGap[g]--;
                        continue;
                    }
                    if (r.nextDouble() < 0.04 / PER_DAY) {
                        gaugeGap[g] = 3 + r.nextInt(36);
                        continue;
                    }
                    double mmPerHour = rain[g][k] * 12;
                    // tipping buckets under-catch heavy rain (splash, tipping time): ~10 % at 100 mm/h
                    bucket[g] += rain[g][k] * (1 - 0.1 * Math.min(1, mmPerHour / 100));
                    double tips = Math.floor(bucket[g] / 0.1);
                    bucket[g] -= tips * 0.1;
                    line.setLength(0);
                    line.append(gaugeId(g)).append(',').append(at).append(',').append(round(tips * 0.1, 1)).append('\n');
                    w.append(line);
                    readings++;
                }
                for (int m = 0; m < manholes; m++) {
                    double level = sensorsOf[m].observe(r, truth.get(manholeId(m)).levels()[k], k);
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

    /** An ultrasonic level sensor: noise, slow drift, spikes (reflections), gaps, stuck stretches. */
    private static final class Ultrasonic {
        final double noise;
        final double drift;
        int gap;
        int stuck;
        double stuckValue;

        Ultrasonic(SplittableRandom r, int steps) {
            noise = 0.004 + 0.012 * r.nextDouble();
            // a third drift slowly: up to ±0.35 m over the season
            drift = r.nextDouble() < 0.33 ? (r.nextDouble() * 0.7 - 0.35) / steps : 0;
        }

        double observe(SplittableRandom r, double level, int k) {
            if (gap > 0) {
                gap--;
                return Double.NaN;
            }
            if (r.nextDouble() < 0.08 / PER_DAY) {
                gap = 3 + r.nextInt(60);
                return Double.NaN;
            }
            if (stuck > 0) {
                stuck--;
                return stuckValue;
            }
            double value = Math.max(0, level + drift * k + noise * gaussian(r));
            if (r.nextDouble() < 0.02 / PER_DAY) {
                stuck = 12 + r.nextInt(200);
                stuckValue = round(value, 3);
                return stuckValue;
            }
            if (r.nextDouble() < 0.002) {
                return r.nextDouble() < 0.5 ? 0 : value + 0.4 + 1.6 * r.nextDouble();
            }
            return value;
        }
    }
}
