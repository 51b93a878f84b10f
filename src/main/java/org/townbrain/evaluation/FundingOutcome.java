package org.townbrain.evaluation;

import java.util.Set;
import org.townbrain.region.Tier;

/**
 * What the funding policy looks at for one town: its type, its scored result, its rank, and
 * whether the county has accepted its assessment (only accepted or locked assessments are funded).
 */
record FundingOutcome(String townCode, String townType, boolean accepted, Tier tier, double score, Double satisfaction,
        int rank, Set<String> metIndicators, boolean upgraded, boolean signatureComplete) {

    FundingOutcome {
        metIndicators = Set.copyOf(metIndicators);
    }
}
