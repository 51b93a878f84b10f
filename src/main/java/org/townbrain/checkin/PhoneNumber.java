package org.townbrain.checkin;

import java.util.regex.Pattern;
import org.townbrain.platform.errors.RejectedException;

/**
 * A mainland China mobile number (11 digits, 1[3-9]…). Its {@link #toString()} is masked so that
 * a number written to a log by mistake does not leak; only {@link #digits()} gives it whole.
 */
record PhoneNumber(String digits) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    PhoneNumber {
        if (digits == null || !MOBILE.matcher(digits).matches()) {
            throw new RejectedException("phone", "请输入11位手机号码 / enter an 11-digit mobile number");
        }
    }

    /** Accepts what people type: spaces, dashes and a +86 or 0086 prefix are dropped. */
    static PhoneNumber parse(String input) {
        if (input == null) {
            throw new RejectedException("phone", "请输入11位手机号码 / enter an 11-digit mobile number");
        }
        String cleaned = input.replaceAll("[\\s\\-()]", "");
        if (cleaned.startsWith("+86")) {
            cleaned = cleaned.substring(3);
        } else if (cleaned.startsWith("0086")) {
            cleaned = cleaned.substring(4);
        }
        return new PhoneNumber(cleaned);
    }

    /** 138****1234. */
    String masked() {
        return mask(digits);
    }

    static String mask(String digits) {
        if (digits == null || digits.length() < 7) {
            return "****";
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
