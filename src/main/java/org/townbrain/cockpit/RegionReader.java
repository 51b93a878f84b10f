package org.townbrain.cockpit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.townbrain.region.Regions;
import org.townbrain.region.Tier;
import org.townbrain.region.Town;

/** Towns, villages, programme membership and tiers: the county's towns read once per request. */
@Component
@Order(0)
class RegionReader implements FigureReader {

    private final Regions regions;

    RegionReader(Regions regions) {
        this.regions = regions;
    }

    @Override
    public void read(Unit unit, Period period, Figures figures, Map<String, Figures> children) {
        Map<String, Town> towns = regions.towns().stream().collect(Collectors.toMap(Town::code, Function.identity()));
        List<Town> mine = fill(unit.townCodes(), towns, figures);
        figures.put("villages", unit.villageCode() != null ? 1 : villages(mine));
        for (Unit.Child child : unit.children()) {
            fill(child.townCodes(), towns, children.get(child.id()));
        }
    }

    private int villages(List<Town> towns) {
        if (towns.size() == 1) {
            return regions.villages(towns.getFirst().code()).size();
        }
        Map<String, Integer> counts = regions.villageCounts();
        return towns.stream().mapToInt(t -> counts.getOrDefault(t.code(), 0)).sum();
    }

    private static List<Town> fill(Set<String> townCodes, Map<String, Town> all, Figures figures) {
        List<Town> towns = townCodes.stream().map(all::get).filter(java.util.Objects::nonNull).toList();
        figures.put("towns", towns.size());
        figures.put("inProgramme", towns.stream().filter(Town::inProgramme).count());
        figures.put("modelTowns", towns.stream().filter(t -> t.tier() == Tier.MODEL).count());
        figures.put("baselineTowns", towns.stream().filter(t -> t.tier() == Tier.BASELINE).count());
        if (towns.size() == 1) {
            figures.put("tier", towns.getFirst().tier().name());
        }
        return towns;
    }
}
