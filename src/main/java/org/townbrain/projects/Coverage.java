package org.townbrain.projects;

import java.util.HashSet;
import java.util.Set;

/**
 * Inspection coverage: the share of creating towns (in the programme) that had at least one
 * quality or safety check in the period. Checks in towns outside the programme do not count.
 */
record Coverage(int checked, int creating) {

    static Coverage of(Set<String> checkedTowns, Set<String> creatingTowns) {
        Set<String> covered = new HashSet<>(checkedTowns);
        covered.retainAll(creatingTowns);
        return new Coverage(covered.size(), creatingTowns.size());
    }

    /** 0–1; 0 when there is no creating town to cover. */
    double ratio() {
        return creating == 0 ? 0 : Math.round(10000.0 * checked / creating) / 10000.0;
    }
}
