package org.townbrain.region;

/** What kind of township unit a town is: 街道 (subdistrict), 镇 (town) or 乡 (township). */
public enum TownKind {
    SUBDISTRICT("街道"), TOWN("镇"), TOWNSHIP("乡");

    private final String suffix;

    TownKind(String suffix) {
        this.suffix = suffix;
    }

    /**
     * The kind from the official name's suffix, falling back to the code's convention
     * (third block 001–099 街道, 100–199 镇, 200–299 乡).
     */
    public static TownKind of(String name, String code) {
        for (TownKind kind : values()) {
            if (name.endsWith(kind.suffix)) {
                return kind;
            }
        }
        int block = Integer.parseInt(code.substring(6, 9));
        return block < 100 ? SUBDISTRICT : block < 200 ? TOWN : TOWNSHIP;
    }
}
