package org.townbrain.evaluation;

import java.util.List;
import org.townbrain.region.Tier;

/**
 * A town's evaluation result for a year, as other modules (the cockpit) and the JSON API see it.
 *
 * @param score total score: common score plus bonus
 * @param commonScore the common indicators' score out of 100
 * @param bonusScore bonus points from type-specific indicators, capped by the catalogue
 * @param satisfaction the residents' satisfaction in percent, or {@code null} when unknown
 * @param tier the tier the values reach under the year's pass lines
 * @param gaps what separates the town from the next tier (empty at the top)
 */
public record TownResult(String townCode, double score, double commonScore, double bonusScore, Double satisfaction,
        Tier tier, List<Gap> gaps) {

    public TownResult {
        gaps = List.copyOf(gaps);
    }

    /** One shortfall: the indicator (or pass line) and the value it needs versus the value it has. */
    public record Gap(String indicator, double needed, Double actual) {
    }
}
