package org.townbrain.region;

import java.util.regex.Pattern;

/**
 * A National Bureau of Statistics division code (统计用区划代码): 6 digits for a county,
 * 9 for a town, 12 for a village.
 */
public record DivisionCode(String value) {

    private static final Pattern DIGITS = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");

    public enum Level { COUNTY, TOWN, VILLAGE }

    public DivisionCode {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("A division code has 6, 9 or 12 digits: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && DIGITS.matcher(value).matches();
    }

    public Level level() {
        return switch (value.length()) {
            case 6 -> Level.COUNTY;
            case 9 -> Level.TOWN;
            default -> Level.VILLAGE;
        };
    }

    /** The code of the county this code lies in. */
    public String countyCode() {
        return value.substring(0, 6);
    }

    /** Whether this code lies within {@code parent} (a county contains its towns, a town its villages). */
    public boolean isWithin(DivisionCode parent) {
        return value.length() > parent.value.length() && value.startsWith(parent.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
