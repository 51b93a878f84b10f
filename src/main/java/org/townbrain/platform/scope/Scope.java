package org.townbrain.platform.scope;

import java.util.Collection;
import java.util.Set;

/**
 * The part of the county a caller may see: the whole county, or a set of towns, or a set of
 * villages inside one town. Modules ask {@link ScopeProvider#current()} for it and filter every
 * query for jurisdictional data with it; nothing else decides visibility.
 *
 * @param wholeCounty true for county-level callers (and internal jobs)
 * @param townCodes the towns the caller covers, empty when {@code wholeCounty}
 * @param villageCodes the villages the caller is limited to, empty when the whole town is visible
 */
public record Scope(boolean wholeCounty, Set<String> townCodes, Set<String> villageCodes) {

    public Scope {
        townCodes = Set.copyOf(townCodes);
        villageCodes = Set.copyOf(villageCodes);
    }

    /** The scope of a county-level user or of the system itself. */
    public static Scope county() {
        return new Scope(true, Set.of(), Set.of());
    }

    public static Scope towns(Collection<String> townCodes) {
        return new Scope(false, Set.copyOf(townCodes), Set.of());
    }

    public static Scope villages(String townCode, Collection<String> villageCodes) {
        return new Scope(false, Set.of(townCode), Set.copyOf(villageCodes));
    }

    /** No region at all: a caller who is not logged in or has no jurisdiction. */
    public static Scope none() {
        return new Scope(false, Set.of(), Set.of());
    }

    public boolean coversTown(String townCode) {
        return wholeCounty || townCodes.contains(townCode);
    }

    /** Whether data attached to this village (of that town) is visible. */
    public boolean coversVillage(String townCode, String villageCode) {
        if (!coversTown(townCode)) {
            return false;
        }
        return villageCodes.isEmpty() || villageCodes.contains(villageCode);
    }

    /** Whether the caller sees a whole town's data, not just some of its villages. */
    public boolean coversWholeTown(String townCode) {
        return coversTown(townCode) && villageCodes.isEmpty();
    }
}
