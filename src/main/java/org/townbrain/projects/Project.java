package org.townbrain.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * A construction project as the ledger shows it.
 *
 * @param townCodes one town, or several for a cluster project
 * @param plannedTotal sum of the monthly planned investment
 * @param actualTotal sum of the monthly actual investment
 */
record Project(long id, String name, Dimension dimension, String category, BigDecimal budget, ProjectStatus status,
        LocalDate startDate, LocalDate endDate, Double longitude, Double latitude, Long constructionFirmId,
        Long supervisionFirmId, List<String> townCodes, boolean demo, int version, BigDecimal plannedTotal,
        BigDecimal actualTotal) {

    Project {
        townCodes = List.copyOf(townCodes);
    }

    public boolean clusterProject() {
        return townCodes.size() > 1;
    }

    /** Actual against planned investment, 0–1+ (may exceed 1), or 0 when nothing is planned yet. */
    public double completion() {
        return plannedTotal.signum() == 0 ? 0 : actualTotal.divide(plannedTotal, 4, RoundingMode.HALF_UP).doubleValue();
    }

    /** Completion as a bar width for the ledger, 0–100. */
    public int progressPercent() {
        return (int) Math.round(Math.min(1.0, completion()) * 100);
    }
}
