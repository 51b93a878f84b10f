package org.townbrain.cockpit;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.cases.CaseFigures;
import org.townbrain.cases.CaseStatistics;
import org.townbrain.cases.SupervisionFigures;

/**
 * Governance cases over the period with the county's own formulas (按期结案率 = closed on time /
 * due to close), overdue cases, and supervision orders and rectification points still open.
 * Two queries per request: case figures of the unit's towns, supervision of every town.
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
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        Map<String, CaseFigures> byTown = new HashMap<>();
        cases.byTown(unit.townCodes(), period.from(), period.to()).forEach(f -> byTown.put(f.key(), f));
        Map<String, SupervisionFigures> supervision = new HashMap<>();
        cases.supervision(period.from(), period.to()).forEach(s -> supervision.put(s.townCode(), s));
        fill(unit.townCodes(), byTown, supervision, figures);
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                fill(child.townCodes(), byTown, supervision, children.get(child.id()));
            }
        }
    }

    private void fill(Set<String> townCodes, Map<String, CaseFigures> byTown, Map<String, SupervisionFigures> supervision,
            Figures figures) {
        CaseFigures f = CaseFigures.sum("towns", townCodes.stream().map(byTown::get).filter(java.util.Objects::nonNull).toList());
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
        for (String town : townCodes) {
            SupervisionFigures s = supervision.get(town);
            if (s != null) {
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
