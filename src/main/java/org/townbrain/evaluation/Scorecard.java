package org.townbrain.evaluation;

import java.util.List;
import java.util.Map;
import org.townbrain.region.Tier;

/**
 * A town's scored assessment: every applicable indicator's line, the dimension shares for the
 * radar chart, the scores, the tier and the gaps to the next tier.
 */
record Scorecard(String townCode, String townType, List<Line> lines, Map<Dimension, Double> dimensionPercent,
        double commonScore, double bonusScore, double score, Double satisfaction, Tier tier,
        List<TownResult.Gap> gaps) {

    /** One indicator: its value (or null when missing), points earned out of its weight, met or not. */
    record Line(Indicator indicator, Double value, double points, boolean met) {
        double lost() {
            return indicator.weight() - points;
        }
    }

    TownResult result() {
        return new TownResult(townCode, score, commonScore, bonusScore, satisfaction, tier, gaps);
    }
}
