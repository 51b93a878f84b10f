package org.townbrain.cases;

import java.math.BigDecimal;

/**
 * Supervision orders (督办单) issued to a town in a period and their rectification points.
 *
 * @param pointsClosedOnTime points closed on or before their order's deadline
 */
public record SupervisionFigures(String townCode, long orders, long ordersClosed, long points, long pointsClosed,
        long pointsClosedOnTime) {

    /** Share of points closed on time, in percent; null without points. */
    public BigDecimal onTimeRate() {
        return CaseRates.percent(pointsClosedOnTime, points);
    }
}
