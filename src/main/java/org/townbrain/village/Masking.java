package org.townbrain.village;

/** Names on screens are masked like check-in data: the family name only (张**). */
final class Masking {

    private Masking() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.strip();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(0, n.length()) - 1));
    }
}
