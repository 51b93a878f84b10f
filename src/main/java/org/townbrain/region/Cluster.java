package org.townbrain.region;

import java.util.List;

/**
 * A cluster (片区) of towns led by a cluster committee.
 *
 * @param assumed whether its membership or name is an assumption, to be labelled so
 */
public record Cluster(long id, String name, String leadTownCode, List<String> memberTownCodes,
        String personInCharge, boolean assumed) {

    public Cluster {
        memberTownCodes = List.copyOf(memberTownCodes);
    }
}
