package org.townbrain.cockpit;

import java.util.Set;

/**
 * Reads one module's figures through that module's public API. Each reader fills the figures
 * of a unit (its towns, or one village) over a period; {@code detailed} is false for the
 * children rows, where only headline values and trouble flags are needed.
 */
interface FigureReader {

    void read(Set<String> townCodes, String villageCode, Period period, boolean detailed, Figures figures);
}
