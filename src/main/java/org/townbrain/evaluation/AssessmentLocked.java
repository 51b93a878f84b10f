package org.townbrain.evaluation;

import org.townbrain.region.Tier;

/**
 * Published when the county locks a town's assessment for the provincial submission: the year's
 * result is final on the county's side. Carries the facts a listener needs (the region module
 * could record the tier, the cockpit could refresh).
 */
public record AssessmentLocked(String townCode, int year, Tier tier, double score) {
}
