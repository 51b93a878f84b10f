package org.townbrain.sensing.forecast;

/**
 * The conceptual catchment of one manhole, in level units: rain (mm) fills a surface store
 * that empties into the sewer with time constant {@code tau} steps; each mm that reaches the
 * sewer raises the level by {@code gain} metres; the sewer drains a fraction {@code drain} of
 * the excess level per step but never more than {@code capacity} metres per step (the pipe's
 * limit). Learned per manhole from its own history of rain and level.
 */
public record CatchmentModel(double tau, double gain, double drain, double capacity, String fittedFrom) {

    static final double[] TAUS = {1, 2, 4, 7, 12, 20};
    static final double[] DRAINS = {0.01, 0.025, 0.05, 0.09, 0.15, 0.25};

    /** Assumed until the manhole's history shows otherwise. */
    public static CatchmentModel assumed() {
        return new CatchmentModel(3, 0.02, 0.05, Double.POSITIVE_INFINITY, "假设值");
    }

    double alpha() {
        return 1 - Math.exp(-1 / tau);
    }

    /**
     * Fits the model to rain and level excess between steps {@code from} and {@code to}, by
     * simulating each candidate (tau, drain) over the rainy stretches and solving the gain by
     * least squares; the pipe capacity is the fastest fall of the level seen without rain.
     * Returns {@code fallback} when there was too little rain to learn from.
     */
    static CatchmentModel fit(Series rain, Series excess, int from, int to, CatchmentModel fallback) {
        from = Math.max(0, from);
        double totalRain = 0;
        int[] starts = new int[64];
        int[] ends = new int[64];
        int segments = 0;
        int lastRain = Integer.MIN_VALUE / 2;
        int segStart = -1;
        for (int k = from; k < to; k++) {
            float r = rain.get(k);
            if (r > 0) {
                totalRain += r;
                if (segStart < 0 || k - lastRain > 144) {
                    if (segStart >= 0) {
                        if (segments == starts.length) {
                            starts = java.util.Arrays.copyOf(starts, segments * 2);
                            ends = java.util.Arrays.copyOf(ends, segments * 2);
                        }
                        starts[segments] = segStart;
                        ends[segments++] = Math.min(to, lastRain + 144);
                    }
                    segStart = k;
                }
                lastRain = k;
            }
        }
        if (segStart >= 0) {
            if (segments == starts.length) {
                starts = java.util.Arrays.copyOf(starts, segments * 2);
                ends = java.util.Arrays.copyOf(ends, segments * 2);
            }
            starts[segments] = segStart;
            ends[segments++] = Math.min(to, lastRain + 144);
        }
        if (totalRain < 15) {
            return fallback;
        }
        double bestSse = Double.POSITIVE_INFINITY;
        double bestTau = fallback.tau();
        double bestDrain = fallback.drain();
        double bestGain = fallback.gain();
        for (double tau : TAUS) {
            double alpha = 1 - Math.exp(-1 / tau);
            for (double drain : DRAINS) {
                double sxx = 0;
                double sxy = 0;
                double syy = 0;
                int n = 0;
                for (int g = 0; g < segments; g++) {
                    double s = 0;
                    double x = 0;
                    for (int k = starts[g]; k < ends[g]; k++) {
                        float r = rain.get(k);
                        s += Float.isNaN(r) ? 0 : r;
                        double q = alpha * s;
                        s -= q;
                        x = x * (1 - drain) + q;
                        float y = excess.get(k + 1);
                        if (!Float.isNaN(y)) {
                            sxx += x * x;
                            sxy += x * y;
                            syy += (double) y * y;
                            n++;
                        }
                    }
                }
                if (n < 24 || sxx <= 0) {
                    continue;
                }
                double gain = sxy / sxx;
                double sse = syy - 2 * gain * sxy + gain * gain * sxx;
                if (gain > 0 && sse < bestSse) {
                    bestSse = sse;
                    bestTau = tau;
                    bestDrain = drain;
                    bestGain = gain;
                }
            }
        }
        if (bestSse == Double.POSITIVE_INFINITY) {
            return fallback;
        }
        double capacity = fastestDryFall(rain, excess, from, to);
        return new CatchmentModel(bestTau, bestGain, bestDrain, capacity,
                String.format(java.util.Locale.ROOT, "由 %.0f 毫米降雨拟合", totalRain));
    }

    /** The 98th percentile of the level's fall per step in dry spells with the level raised. */
    private static double fastestDryFall(Series rain, Series excess, int from, int to) {
        double[] falls = new double[256];
        int n = 0;
        for (int k = from + 3; k < to - 1; k++) {
            float a = excess.get(k - 1);
            float b = excess.get(k + 1);
            if (Float.isNaN(a) || Float.isNaN(b) || a < 0.15) {
                continue;
            }
            float r0 = rain.get(k);
            float r1 = rain.get(k - 1);
            if ((r0 > 0) || (r1 > 0)) {
                continue;
            }
            double fall = (a - b) / 2;
            if (fall > 0) {
                if (n == falls.length) {
                    falls = java.util.Arrays.copyOf(falls, n * 2);
                }
                falls[n++] = fall;
            }
        }
        if (n < 12) {
            return Double.POSITIVE_INFINITY;
        }
        java.util.Arrays.sort(falls, 0, n);
        return falls[(int) Math.floor(0.98 * (n - 1))] * 1.1;
    }
}
