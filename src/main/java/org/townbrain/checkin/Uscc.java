package org.townbrain.checkin;

import java.util.Locale;
import org.townbrain.platform.errors.RejectedException;

/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
 * set (digits and capitals without I, O, S, V, Z); the last is a check character computed from
 * the first 17 with weights 3^i mod 31.
 */
record Uscc(String value) {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    Uscc {
        if (!isValid(value)) {
            throw new RejectedException("uscc", "统一社会信用代码无效（18位，校验位不符） / invalid unified social credit code");
        }
    }

    static Uscc parse(String input) {
        return new Uscc(input == null ? null : input.strip().toUpperCase(Locale.ROOT));
    }

    static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return false; // the registering authority's division code
            }
        }
        return checkCharacter(code.substring(0, 17)) == code.charAt(17);
    }

    /** The check character for the first 17 characters of a code. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return CHARSET.charAt(check);
    }

    /** The division code of the registering authority (characters 3–8). */
    String divisionCode() {
        return value.substring(2, 8);
    }

    @Override
    public String toString() {
        return value;
    }
}
