package org.townbrain.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A construction project of a town as other modules read it (the 一镇一策 document lists the
 * projects that address the town's weak indicators).
 *
 * @param dimension the evaluation dimension it serves ({@code ENVIRONMENT}, {@code LIVING}, …)
 * @param status {@code PLANNED}, {@code UNDER_CONSTRUCTION}, {@code COMPLETED} or {@code SUSPENDED}
 */
public record TownProject(long id, String name, String dimension, String category, String status, BigDecimal budget,
        LocalDate startDate, LocalDate endDate, List<Milestone> milestones) {

    public TownProject {
        milestones = List.copyOf(milestones);
    }

    /** A project milestone: due, and done when done is set. */
    public record Milestone(String name, LocalDate due, LocalDate done) {
    }
}
