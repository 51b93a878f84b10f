package org.townbrain.projects;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the code's
 * 31-character alphabet (digits and capitals without I, O, Z, S, V), the last one a check
 * character computed from the first 17. Constructed only when valid.
 */
public record Uscc(String value) {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public Uscc {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a valid unified social credit code");
        }
    }

    /** Reads a code as people type it: surrounding blanks dropped, letters upper-cased. */
    public static Uscc parse(String text) {
        return new Uscc(text == null ? null : text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(code.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == ALPHABET.charAt(check);
    }

    /** Completes 17 characters with their check character (used to build demo firms' codes). */
    static Uscc withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return new Uscc(first17 + ALPHABET.charAt((31 - sum % 31) % 31));
    }

    /** The 6-digit administrative division code of the registering authority (characters 3–8). */
    public String divisionCode() {
        return value.substring(2, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
