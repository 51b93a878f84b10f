package org.townbrain.cockpit;

import java.math.BigDecimal;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.cases.CaseFigures;
import org.townbrain.cases.CaseStatistics;
import org.townbrain.cases.SupervisionFigures;

/**
 * Governance cases over the period with the county's own formulas (按期结案率 = closed on time /
 * due to close), overdue cases, and supervision orders and rectification points still open.
 */
@Component
@Order(20)
class CasesReader implements FigureReader {

    private final CaseStatistics cases;
    private final CockpitProperties properties;

    CasesReader(CaseStatistics cases, CockpitProperties properties) {
        this.cases = cases;
        this.properties = properties;
    }

    @Override
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        if (villageCode != null) {
            return;
        }
        CaseFigures f = cases.towns(townCodes, period.from(), period.to());
        figures.put("reportedCases", f.reported());
        figures.put("closedCases", f.closed());
        figures.put("overdueCases", f.overdue());
        BigDecimal onTime = f.onTimeClosingRate();
        if (onTime != null) {
            double rate = onTime.doubleValue() / 100;
            figures.put("onTimeRate", rate);
            if (rate < properties.minOnTimeRate()) {
                figures.trouble("cockpit.trouble.onTimeRate");
            }
        }
        if (f.overdue() > 0) {
            figures.trouble("cockpit.trouble.overdueCases");
        }
        long orders = 0;
        long ordersClosed = 0;
        long points = 0;
        long pointsClosed = 0;
        for (SupervisionFigures s : cases.supervision(period.from(), period.to())) {
            if (townCodes.contains(s.townCode())) {
                orders += s.orders();
                ordersClosed += s.ordersClosed();
                points += s.points();
                pointsClosed += s.pointsClosed();
            }
        }
        figures.put("orders", orders);
        figures.put("openOrders", orders - ordersClosed);
        figures.put("openPoints", points - pointsClosed);
    }
}
