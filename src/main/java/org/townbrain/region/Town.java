package org.townbrain.region;

/**
 * A township unit as other modules and the JSON API see it.
 *
 * @param code 9-digit division code
 * @param kind 街道, 镇 or 乡
 * @param type the town type's code ({@link TownType}), or {@code null} when not set
 * @param tier the tier of the latest year on record
 * @param clusterId the cluster it belongs to, or {@code null}
 * @param seat where its seat lies (WGS-84), or {@code null} where no position is known
 */
public record Town(String code, String name, TownKind kind, String type, Tier tier, boolean inProgramme,
        Long clusterId, Seat seat) {

    /** A town whose seat is not known (or not needed). */
    public Town(String code, String name, TownKind kind, String type, Tier tier, boolean inProgramme, Long clusterId) {
        this(code, name, kind, type, tier, inProgramme, clusterId, null);
    }
}
