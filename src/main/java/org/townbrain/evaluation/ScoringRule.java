package org.townbrain.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an indicator's value turns into a share (0–1) of its weight. Rules are data: each is
 * written as a short text in the catalogue ({@code PASS_FAIL}, {@code THRESHOLD},
 * {@code LINEAR 60 95}, {@code BANDS 60=0.6;80=0.8;95=1}) and parsed into one of these policies.
 */
sealed interface ScoringRule {

    /** The share of the weight a value earns, given the indicator's target and direction. */
    double share(double value, double target, boolean higherIsBetter);

    /** The rule as written in the catalogue; also how it appears in JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    String text();

    /** Full weight when the value meets the target (yes/no indicators: 1 = yes), else nothing. */
    record PassFail() implements ScoringRule {
        public double share(double value, double target, boolean higher) {
            return meets(value, target, higher) ? 1 : 0;
        }

        public String text() {
            return "PASS_FAIL";
        }
    }

    /** Full weight at the target, half weight from the floor (default 80 % of the target) on. */
    record Threshold(double floorRatio) implements ScoringRule {
        public double share(double value, double target, boolean higher) {
            if (meets(value, target, higher)) {
                return 1;
            }
            double floor = higher ? target * floorRatio : target / floorRatio;
            return meets(value, floor, higher) ? 0.5 : 0;
        }

        public String text() {
            return floorRatio == 0.8 ? "THRESHOLD" : "THRESHOLD " + fmt(floorRatio);
        }
    }

    /** Nothing at {@code zero}, full weight at {@code full}, straight line between, clamped. */
    record Linear(double zero, double full) implements ScoringRule {
        public Linear {
            if (zero == full) {
                throw new IllegalArgumentException("LINEAR needs two different points");
            }
        }

        public double share(double value, double target, boolean higher) {
            double s = (value - zero) / (full - zero);
            return Math.max(0, Math.min(1, s));
        }

        public String text() {
            return "LINEAR " + fmt(zero) + " " + fmt(full);
        }
    }

    /** Steps: the best band whose bound the value reaches gives its share. */
    record Bands(List<Band> bands) implements ScoringRule {
        public Bands {
            bands = List.copyOf(bands);
            if (bands.isEmpty()) {
                throw new IllegalArgumentException("BANDS needs at least one band");
            }
        }

        public double share(double value, double target, boolean higher) {
            double best = 0;
            for (Band band : bands) {
                if (meets(value, band.bound(), higher)) {
                    best = Math.max(best, band.share());
                }
            }
            return best;
        }

        public String text() {
            StringBuilder s = new StringBuilder("BANDS ");
            for (int i = 0; i < bands.size(); i++) {
                s.append(i == 0 ? "" : ";").append(fmt(bands.get(i).bound())).append('=').append(fmt(bands.get(i).share()));
            }
            return s.toString();
        }
    }

    record Band(double bound, double share) {
        public Band {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("a band's share must be between 0 and 1");
            }
        }
    }

    static boolean meets(double value, double target, boolean higher) {
        return higher ? value >= target - 1e-9 : value <= target + 1e-9;
    }

    /**
     * Parses a rule as written in the catalogue.
     *
     * @throws IllegalArgumentException with a message for the user when the text is not a rule
     */
    static ScoringRule parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        String[] parts = t.split("\\s+", 2);
        try {
            return switch (parts[0]) {
                case "PASS_FAIL" -> new PassFail();
                case "THRESHOLD" -> new Threshold(parts.length > 1 ? Double.parseDouble(parts[1]) : 0.8);
                case "LINEAR" -> {
                    String[] p = parts.length > 1 ? parts[1].split("\\s+") : new String[0];
                    if (p.length != 2) {
                        throw new IllegalArgumentException("LINEAR needs two points, e.g. LINEAR 60 95");
                    }
                    yield new Linear(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
                }
                case "BANDS" -> {
                    List<Band> bands = new ArrayList<>();
                    for (String band : (parts.length > 1 ? parts[1] : "").split(";")) {
                        String[] kv = band.split("=");
                        if (kv.length != 2) {
                            throw new IllegalArgumentException("BANDS needs bound=share pairs, e.g. BANDS 60=0.6;80=1");
                        }
                        bands.add(new Band(Double.parseDouble(kv[0].strip()), Double.parseDouble(kv[1].strip())));
                    }
                    yield new Bands(bands);
                }
                default -> throw new IllegalArgumentException("unknown scoring rule \"" + text
                        + "\" (PASS_FAIL, THRESHOLD, LINEAR a b, BANDS a=s;b=s)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scoring rule \"" + text + "\" has a number that is not a number");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
