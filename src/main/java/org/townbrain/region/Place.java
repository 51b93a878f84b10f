package org.townbrain.region;

/**
 * Where a point lies, as far as the county's divisions can tell: derived from the positions
 * of village seats (村委会/社区) and town seats set by the county, since division boundaries are
 * not published. The nearest seat wins (a Voronoi approximation of the boundaries).
 *
 * @param townCode the town
 * @param villageCode the village, or {@code null} when no village seat is near enough
 * @param metres distance to the seat that decided
 */
public record Place(String townCode, String villageCode, double metres) {
}
