package org.townbrain.evaluation;

/**
 * The tier policy of a year, as data (the defaults in DOMAIN.md are assumptions):
 * BASELINE when every hard common indicator is met and the common score reaches
 * {@code baselineCommonMin}; MODEL when, in addition, the total reaches {@code modelTotalMin}
 * and satisfaction reaches {@code modelSatisfactionMin}.
 */
record PassLines(double baselineCommonMin, double modelTotalMin, double modelSatisfactionMin) {

    static final PassLines ASSUMED_DEFAULTS = new PassLines(80, 90, 85);

    PassLines {
        for (double v : new double[] {baselineCommonMin, modelTotalMin, modelSatisfactionMin}) {
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException("pass lines must be numbers of 0 or more");
            }
        }
        if (modelSatisfactionMin > 100) {
            throw new IllegalArgumentException("the satisfaction pass line is a percentage (0–100)");
        }
    }
}
