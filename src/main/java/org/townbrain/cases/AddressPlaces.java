package org.townbrain.cases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import org.townbrain.region.Village;

/**
 * The town, and where it can tell the village, that an address written by a person names
 * (“建德市梅城镇正大街 12 号”, “下涯施家村口”), from the names of the county's divisions. It answers only
 * when the text is unambiguous; a guess would send a case to the wrong town, while no answer sends
 * it to the county's dispatcher.
 */
@Component
class AddressPlaces {

    /** What an address names: a town, and a village of that town or {@code null}. */
    record Named(String townCode, String villageCode) {
    }

    private final Regions regions;

    AddressPlaces(Regions regions) {
        this.regions = regions;
    }

    Optional<Named> find(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String text = address.replaceAll("\\s+", "");
        List<Town> towns = regions.towns();
        List<Village> villages = new ArrayList<>();
        towns.forEach(t -> villages.addAll(regions.villages(t.code())));
        List<Village> named = villages.stream().filter(v -> spoken(v.name()).stream().anyMatch(text::contains)).toList();
        // a full town name (梅城镇) first; else a short one (梅城), looked for outside the village names
        // (大同村 is not 大同镇)
        Set<String> byTown = codes(towns.stream().filter(t -> text.contains(t.name())).toList());
        if (byTown.isEmpty()) {
            String rest = text;
            for (Village v : named) {
                for (String name : spoken(v.name())) {
                    rest = rest.replace(name, " ");
                }
            }
            String outside = rest;
            byTown = codes(towns.stream()
                    .filter(t -> shortName(t.name()).length() >= 2 && outside.contains(shortName(t.name()))).toList());
        }
        // the town named decides, and picks the village among its own (施家村 is in two towns);
        // with no town named, the villages named must all lie in one town
        Set<String> candidates = !byTown.isEmpty() ? byTown
                : new LinkedHashSet<>(named.stream().map(Village::townCode).toList());
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        String town = candidates.iterator().next();
        List<Village> ofTown = named.stream().filter(v -> v.townCode().equals(town)).toList();
        return Optional.of(new Named(town, ofTown.size() == 1 ? ofTown.getFirst().code() : null));
    }

    /** How people write a village: 施家村委会 (the committee, as the statistics list it) is 施家村. */
    static List<String> spoken(String name) {
        for (String committee : List.of("村民委员会", "村委会")) {
            if (name.endsWith(committee) && name.length() > committee.length() + 1) {
                return List.of(name, name.substring(0, name.length() - committee.length()) + "村");
            }
        }
        return name.length() >= 2 ? List.of(name) : List.of();
    }

    private static Set<String> codes(List<Town> towns) {
        return new LinkedHashSet<>(towns.stream().map(Town::code).toList());
    }

    /** 梅城镇 → 梅城, 新安江街道 → 新安江, 钦堂乡 → 钦堂. */
    static String shortName(String name) {
        for (String suffix : List.of("街道", "镇", "乡")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
