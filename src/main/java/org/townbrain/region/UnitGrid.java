package org.townbrain.region;

import java.util.List;

/**
 * A unit grid (单元网格, GB/T 30428) as other modules see it: the smallest area a grid worker
 * patrols, inside one village.
 *
 * @param code 15 digits: the 12-digit village code and a 3-digit sequence
 * @param villageCode the responsible village
 * @param townCode the village's town
 * @param workers user names of the grid workers responsible for it
 */
public record UnitGrid(String code, String name, String villageCode, String townCode, List<String> workers) {

    public UnitGrid {
        workers = List.copyOf(workers);
    }
}
