package org.townbrain.cases;

/**
 * A 小类 of the catalogue: what counts as a case (acceptance), how long it may take, when it is
 * done (closing) and who handles it by default.
 *
 * @param code kind letter (C 部件, E 事件) + 大类 + 小类, e.g. {@code E0102}
 */
record Category(String code, Kind kind, String majorCode, String majorName, String minorCode, String name,
        String acceptance, TimeLimit limit, String closing, String defaultUnit, boolean active, int version) {

    enum Kind {
        COMPONENT('C'), EVENT('E');

        final char letter;

        Kind(char letter) {
            this.letter = letter;
        }
    }

    Category {
        if (kind == null || majorCode == null || !majorCode.matches("\\d{2}") || minorCode == null
                || !minorCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("大类 and 小类 are two digits each");
        }
        String expected = kind.letter + majorCode + minorCode;
        if (code == null) {
            code = expected;
        } else if (!code.equals(expected)) {
            throw new IllegalArgumentException("Code " + code + " does not match " + expected);
        }
        for (String text : new String[] {majorName, name, acceptance, closing, defaultUnit}) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("Every field of a 小类 is required");
            }
        }
    }
}
