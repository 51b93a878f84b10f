package org.townbrain.projects;

import java.math.BigDecimal;

/**
 * The programme's construction-guidance figures for a set of towns and a period, as reported
 * to the county and served by {@code GET /api/projects/stats}.
 *
 * @param expertVisits expert service visits, in person-times
 * @param qualityChecks quality and safety checks held
 * @param problemsFound problems those checks found
 * @param problemsRectified of those, how many are rectified
 * @param coverage creating towns checked in the period / creating towns, 0–1
 * @param seminars on-site planner seminars
 * @param reviewRounds scheme-review rounds
 * @param investmentPlanned planned investment in the period's months, yuan (cluster projects
 *        shared equally among their towns)
 * @param investmentActual actual investment in the period's months, yuan
 */
public record ServiceFigures(long expertVisits, long qualityChecks, long problemsFound, long problemsRectified,
        double coverage, long seminars, long reviewRounds, BigDecimal investmentPlanned, BigDecimal investmentActual) {
}
