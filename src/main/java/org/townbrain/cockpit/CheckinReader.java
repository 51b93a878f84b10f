package org.townbrain.cockpit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.checkin.CheckinFigures;

/** Today's venue check-ins (counts only) and enterprises' work resumption on the period's last day. */
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
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        if (villageCode != null) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        long todays = checkins.checkinsPerTownAndDay(today, today).stream()
                .filter(d -> townCodes.contains(d.townCode())).mapToLong(CheckinFigures.TownDay::checkins).sum();
        figures.put("checkinsToday", todays);
        long expected = 0;
        long back = 0;
        for (CheckinFigures.TownResumption r : checkins.resumptionPerTown(period.to())) {
            if (townCodes.contains(r.townCode())) {
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
