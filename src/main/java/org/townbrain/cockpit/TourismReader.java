package org.townbrain.cockpit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.tourism.TourismStatistics;

/**
 * Visitors and revenue over the period (tourism figures are kept per town, not per village): one
 * per-town query for the unit's towns, summed into the unit and each child.
 */
@Component
@Order(80)
class TourismReader implements FigureReader {

    private final TourismStatistics tourism;

    TourismReader(TourismStatistics tourism) {
        this.tourism = tourism;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        Map<String, TourismStatistics.Totals> byTown = tourism.byTown(unit.townCodes(), period.from(), period.to());
        fill(unit.townCodes(), byTown, figures);
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                fill(child.townCodes(), byTown, children.get(child.id()));
            }
        }
    }

    private static void fill(Set<String> townCodes, Map<String, TourismStatistics.Totals> byTown, Figures figures) {
        long visitors = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (String town : townCodes) {
            TourismStatistics.Totals t = byTown.get(town);
            if (t != null) {
                visitors += t.visitors();
                revenue = revenue.add(t.revenueYuan());
            }
        }
        figures.put("visitors", visitors);
        figures.put("revenueYuan", revenue);
    }
}
