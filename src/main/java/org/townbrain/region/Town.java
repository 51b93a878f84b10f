package org.townbrain.region;

/**
 * A township unit as other modules and the JSON API see it.
 *
 * @param code 9-digit division code
 * @param kind 街道, 镇 or 乡
 * @param type the town type's code ({@link TownType}), or {@code null} when not set
 * @param tier the tier of the latest year on record
 * @param clusterId the cluster it belongs to, or {@code null}
 */
public record Town(String code, String name, TownKind kind, String type, Tier tier, boolean inProgramme,
        Long clusterId) {
}
