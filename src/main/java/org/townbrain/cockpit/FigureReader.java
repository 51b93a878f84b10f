package org.townbrain.cockpit;

import java.util.Map;

/**
 * Reads one module's figures through that module's public API, for a unit and all its children
 * at once: a reader asks its module a constant number of times per cockpit request (per-town
 * figures for the unit's towns), then sums them into the unit and each child in memory, so a
 * county of 1,387 towns costs the same number of queries as one of 16.
 * <p>
 * The unit's own figures are detailed (lists, map markers); the children's rows get only
 * headline values and trouble flags. A child at village level has its town as
 * {@link Unit.Child#townCodes()}; most modules keep no per-village figures and skip it.
 */
interface FigureReader {

    /**
     * @param figures the unit's figures, to fill
     * @param children one {@link Figures} per child of the unit, keyed by {@link Unit.Child#id()}
     */
    void read(Unit unit, Period period, Figures figures, Map<String, Figures> children);
}
