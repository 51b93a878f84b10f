package org.townbrain.cockpit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.checkin.CheckinFigures;

/**
 * Today's venue check-ins (counts only) and enterprises' work resumption on the period's last day:
 * two per-town calls per request, summed into the unit and each child.
 */
@Component
@Order(40)
class CheckinReader implements FigureReader {

    private final CheckinFigures checkins;
    private final CockpitProperties properties;
    private final Clock clock;

    CheckinReader(CheckinFigures checkins, CockpitProperties properties, Clock clock) {
        this.checkins = checkins;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        if (unit.villageCode() != null) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, Long> todays = new HashMap<>();
        checkins.checkinsPerTownAndDay(today, today).forEach(d -> todays.merge(d.townCode(), d.checkins(), Long::sum));
        Map<String, CheckinFigures.TownResumption> resumption = new HashMap<>();
        checkins.resumptionPerTown(period.to()).forEach(r -> resumption.put(r.townCode(), r));
        fill(unit.townCodes(), todays, resumption, figures);
        for (Unit.Child child : unit.children()) {
            if (!child.village()) {
                fill(child.townCodes(), todays, resumption, children.get(child.id()));
            }
        }
    }

    private void fill(Set<String> townCodes, Map<String, Long> todays, Map<String, CheckinFigures.TownResumption> resumption,
            Figures figures) {
        figures.put("checkinsToday", townCodes.stream().mapToLong(t -> todays.getOrDefault(t, 0L)).sum());
        long expected = 0;
        long back = 0;
        for (String town : townCodes) {
            CheckinFigures.TownResumption r = resumption.get(town);
            if (r != null) {
                expected += r.workersExpected();
                back += r.workersBack();
            }
        }
        if (expected > 0) {
            double rate = (double) back / expected;
            figures.put("resumptionRate", rate);
            if (rate < properties.minResumptionRate()) {
                figures.trouble("cockpit.trouble.resumptionRate");
            }
        }
    }
}
