package org.townbrain.cockpit;

import java.util.List;
import java.util.Set;

/**
 * A place the cockpit shows: the county, a cluster, a town or a village, with the towns (and
 * for a village, the village) its figures cover, its path from the county, and its children.
 */
record Unit(Level level, String id, String name, Set<String> townCodes, String villageCode, List<Crumb> path,
        List<Child> children) {

    /** One step of the path from the county to this unit. */
    record Crumb(Level level, String id, String name) {
    }

    /** A unit one level down. */
    record Child(Level level, String id, String name, Set<String> townCodes) {

        /** Whether the child is a village (most modules keep no per-village figures). */
        boolean village() {
            return level == Level.VILLAGE;
        }
    }
}
