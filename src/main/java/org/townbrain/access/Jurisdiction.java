package org.townbrain.access;

import java.util.Objects;

/**
 * The area a user is responsible for.
 *
 * @param code the county or town or village division code, or the cluster id for clusters
 */
public record Jurisdiction(Level level, String code) implements java.io.Serializable {

    public enum Level { COUNTY, CLUSTER, TOWN, VILLAGE }

    public Jurisdiction {
        Objects.requireNonNull(level, "level");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("A jurisdiction needs a code");
        }
        boolean valid = switch (level) {
            case COUNTY -> code.matches("\\d{6}");
            case CLUSTER -> code.matches("\\d{1,9}");
            case TOWN -> code.matches("\\d{9}");
            case VILLAGE -> code.matches("\\d{12}");
        };
        if (!valid) {
            throw new IllegalArgumentException("Not a " + level + " code: " + code);
        }
    }
}
