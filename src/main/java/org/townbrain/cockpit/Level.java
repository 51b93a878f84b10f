package org.townbrain.cockpit;

/** The drill-down levels of the cockpit. */
public enum Level {
    COUNTY, CLUSTER, TOWN, VILLAGE;

    static Level parse(String value) {
        if (value == null || value.isBlank()) {
            return COUNTY;
        }
        try {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.townbrain.platform.errors.RejectedException("level",
                    "level 应为 county、cluster、town 或 village / level must be county, cluster, town or village");
        }
    }
}
