package org.townbrain.cockpit;

import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;

/** Towns, villages, programme membership and tiers. */
@Component
@Order(0)
class RegionReader implements FigureReader {

    private final Regions regions;

    RegionReader(Regions regions) {
        this.regions = regions;
    }

    @Override
    public void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures) {
        List<Town> towns = regions.towns().stream().filter(t -> townCodes.contains(t.code())).toList();
        figures.put("towns", towns.size());
        figures.put("inProgramme", towns.stream().filter(Town::inProgramme).count());
        figures.put("modelTowns", towns.stream().filter(t -> t.tier() == Tier.MODEL).count());
        figures.put("baselineTowns", towns.stream().filter(t -> t.tier() == Tier.BASELINE).count());
        if (towns.size() == 1) {
            figures.put("tier", towns.getFirst().tier().name());
        }
        if (detailed) {
            figures.put("villages", villageCode != null ? 1 : towns.stream().mapToInt(t -> regions.villages(t.code()).size()).sum());
        }
    }
}
