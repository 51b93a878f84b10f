package org.townbrain.cockpit;

import java.math.BigDecimal;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.tourism.TourismStatistics;

/** Visitors and revenue over the period (tourism figures are kept per town, not per village). */
@Component
@Order(80)
class TourismReader implements FigureReader {

    private final TourismStatistics tourism;

    TourismReader(TourismStatistics tourism) {
        this.tourism = tourism;
    }

    @Override
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        if (villageCode != null) {
            return;
        }
        var totals = tourism.byTown(townCodes, period.from(), period.to()).values();
        figures.put("visitors", totals.stream().mapToLong(TourismStatistics.Totals::visitors).sum());
        figures.put("revenueYuan", totals.stream().map(TourismStatistics.Totals::revenueYuan).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
