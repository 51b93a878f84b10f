package org.townbrain.evaluation;

import java.util.List;
import java.util.Optional;
import org.townbrain.region.Town;

/**
 * Every programme town's scorecard for a year, ranked by score (unscoped: callers filter).
 *
 * @param entries ranked, best first
 */
record Standing(Catalogue catalogue, List<Entry> entries) {

    Standing {
        entries = List.copyOf(entries);
    }

    /**
     * @param status the assessment's status, or {@code null} when the town has none yet
     * @param rank 1 for the best score, ties share a rank
     */
    record Entry(Town town, Assessment.Status status, Scorecard scorecard, int rank, int responses) {
        boolean accepted() {
            return status == Assessment.Status.ACCEPTED || status == Assessment.Status.LOCKED;
        }
    }

    Optional<Entry> entry(String townCode) {
        return entries.stream().filter(e -> e.town().code().equals(townCode)).findFirst();
    }
}
