package org.townbrain.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Planned and actual investment of a town (or cluster, or dimension) in a period.
 *
 * @param key a town code, a cluster id or a dimension name, depending on the breakdown
 * @param completion actual / planned, 0 when nothing is planned
 */
public record InvestmentFigures(String key, BigDecimal planned, BigDecimal actual, double completion, int projects) {

    static InvestmentFigures of(String key, BigDecimal planned, BigDecimal actual, int projects) {
        double completion = planned.signum() == 0 ? 0
                : actual.divide(planned, 4, RoundingMode.HALF_UP).doubleValue();
        return new InvestmentFigures(key, planned.setScale(2, RoundingMode.HALF_UP), actual.setScale(2, RoundingMode.HALF_UP),
                completion, projects);
    }
}
