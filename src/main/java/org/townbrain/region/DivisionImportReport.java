package org.townbrain.region;

import java.util.List;

/**
 * What an import of division codes did: rows added, changed (a new name) and unchanged, rows
 * of other counties skipped, and rows rejected with the reason.
 */
public record DivisionImportReport(String countyCode, String countyName, Counts towns, Counts villages,
        List<Rejection> rejections) {

    public DivisionImportReport {
        rejections = List.copyOf(rejections);
    }

    /** Row counts for one kind of division. */
    public record Counts(int added, int changed, int unchanged, int skipped) {
    }

    /** A row that was not imported, and why. */
    public record Rejection(String file, long line, String code, String reason) {
    }

    public boolean hasRejections() {
        return !rejections.isEmpty();
    }
}
