package org.townbrain.sensing.bench;

import java.util.ArrayList;
import java.util.List;
import org.townbrain.sensing.WarningLevel;
import org.townbrain.sensing.forecast.Nowcasts;
import org.townbrain.sensing.forecast.SensorSpec;
import org.townbrain.sensing.forecast.Warning;

/** The baselines and the upper bound the forecaster is scored against. */
final class Warners {

    private Warners() {
    }

    /** Issues a warning when the level rises or every 30 minutes while it lasts, like the forecaster. */
    static final class Emitter {
        final List<Warning> warnings = new ArrayList<>();
        private WarningLevel active;
        private long last = Long.MIN_VALUE / 2;

        void decide(String id, long t, WarningLevel level, long predicted) {
            if (level == null) {
                if (active != null && t - last >= 7200) {
                    active = null;
                }
                return;
            }
            boolean rises = active == null || level.ordinal() > active.ordinal();
            if (rises || t - last >= 1800) {
                active = rises ? level : active;
                last = t;
                warnings.add(new Warning(id, t, predicted, level, ""));
            }
        }
    }

    /** Orange at 75% of the rim, red at 90%, on the raw observed level. */
    static List<Warning> fixedThreshold(StormSimulator sim) {
        List<Warning> all = new ArrayList<>();
        for (SensorSpec s : sim.sensors) {
            if (!s.manhole()) {
                continue;
            }
            Emitter e = new Emitter();
            double[] obs = sim.observedLevel.get(s.id());
            for (int k = 0; k < obs.length; k++) {
                if (Double.isNaN(obs[k])) {
                    continue;
                }
                long t = sim.time(k + 1);
                WarningLevel level = obs[k] >= 0.9 * s.rimLevel() ? WarningLevel.RED
                        : obs[k] >= 0.75 * s.rimLevel() ? WarningLevel.ORANGE : null;
                e.decide(s.id(), t, level, t);
            }
            all.addAll(e.warnings);
        }
        return all;
    }

    /** The rise of the last 15 minutes extrapolated: red if it reaches the rim within 30 min, orange within 60. */
    static List<Warning> rateOfRise(StormSimulator sim) {
        List<Warning> all = new ArrayList<>();
        for (SensorSpec s : sim.sensors) {
            if (!s.manhole()) {
                continue;
            }
            Emitter e = new Emitter();
            double[] obs = sim.observedLevel.get(s.id());
            for (int k = 3; k < obs.length; k++) {
                if (Double.isNaN(obs[k]) || Double.isNaN(obs[k - 3])) {
                    continue;
                }
                long t = sim.time(k + 1);
                double rise = (obs[k] - obs[k - 3]) / 900;
                WarningLevel level = null;
                long predicted = t;
                if (obs[k] >= s.rimLevel()) {
                    level = WarningLevel.RED;
                } else if (rise > 0 && obs[k] > 0.3 * s.rimLevel()) {
                    double seconds = (s.rimLevel() - obs[k]) / rise;
                    predicted = t + (long) seconds;
                    level = seconds <= 1800 ? WarningLevel.RED : seconds <= 3600 ? WarningLevel.ORANGE : null;
                }
                e.decide(s.id(), t, level, predicted);
            }
            all.addAll(e.warnings);
        }
        return all;
    }

    /**
     * Knows each catchment's true model and state, and uses the nowcasts issued so far, with the
     * forecaster's ladder (red ≤ 30 min with no more rain or ≤ 60 min with half the nowcast once ≥ 1 mm
     * fell in the last half hour; orange ≤ 2 h; yellow ≤ 6 h with the nowcast; blue ≤ 6 h with twice the nowcast).
     */
    static List<Warning> upperBound(StormSimulator sim) {
        Nowcasts nowcasts = new Nowcasts(sim.nowcasts);
        List<Warning> all = new ArrayList<>();
        int manholes = sim.catchments.length;
        for (int m = 0; m < manholes; m++) {
            String id = StormSimulator.manholeId(m);
            String gauge = StormSimulator.gaugeId(sim.gaugeOf[m]);
            Emitter e = new Emitter();
            for (int k = 0; k < sim.steps(); k++) {
                long t = sim.time(k + 1);
                StormSimulator.Catchment state = sim.trueState(m, k);
                double rim = state.rim;
                if (state.level(k + 1) >= rim) {
                    e.decide(id, t, WarningLevel.RED, t);
                    continue;
                }
                double[] future = nowcasts.expected(gauge, t, 72);
                int dry = reach(sim.trueState(m, k), null, 1, k + 1);
                int wet = reach(sim.trueState(m, k), future, 1, k + 1);
                double lastHalfHour = 0;
                for (int j = Math.max(0, k - 5); j <= k; j++) {
                    lastHalfHour += sim.trueRain(sim.gaugeOf[m])[j];
                }
                int confirmed = lastHalfHour >= 1.0 ? reach(sim.trueState(m, k), future, 0.5, k + 1) : -1;
                WarningLevel level = null;
                if (dry >= 0 && dry <= 6 || confirmed >= 0 && confirmed <= 12) {
                    level = WarningLevel.RED;
                } else if (dry >= 0 && dry <= 24 || confirmed >= 0 && confirmed <= 24) {
                    level = WarningLevel.ORANGE;
                } else if (wet >= 0) {
                    level = WarningLevel.YELLOW;
                } else if (reach(sim.trueState(m, k), future, 2, k + 1) >= 0) {
                    level = WarningLevel.BLUE;
                }
                int steps = dry >= 0 ? dry : Math.max(wet, 0);
                e.decide(id, t, level, t + steps * StormSimulator.STEP);
            }
            all.addAll(e.warnings);
        }
        return all;
    }

    private static int reach(StormSimulator.Catchment c, double[] future, double factor, int step) {
        for (int k = 0; k < 72; k++) {
            double r = future == null || Double.isNaN(future[k]) ? 0 : future[k] * factor;
            c.step(r);
            if (c.level(step + k + 1) >= c.rim) {
                return k + 1;
            }
        }
        return -1;
    }
}
