package org.townbrain.region;

/**
 * Where a point lies, as far as the county's divisions can tell: the unit grid whose boundary
 * holds it, else the nearest village or town seat (a Voronoi approximation of the boundaries,
 * which are not published).
 *
 * @param townCode the town
 * @param villageCode the village, or {@code null} when no grid holds it and no village seat is near enough
 * @param metres distance to the seat that decided (0 when a grid did)
 * @param gridCode the unit grid holding the point, or {@code null}
 */
public record Place(String townCode, String villageCode, double metres, String gridCode) {

    /** A place decided by the nearest seat. */
    public Place(String townCode, String villageCode, double metres) {
        this(townCode, villageCode, metres, null);
    }
}
