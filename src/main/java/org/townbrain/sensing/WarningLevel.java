package org.townbrain.sensing;

import java.util.Locale;

/**
 * The warning ladder. {@link #BLUE} and {@link #YELLOW} are watches (heavy rain on its way, get
 * ready); {@link #ORANGE} and {@link #RED} are warnings (overflow expected soon, act).
 */
public enum WarningLevel {
    BLUE, YELLOW, ORANGE, RED;

    /** Whether this level asks for action rather than readiness. */
    public boolean isWarning() {
        return this == ORANGE || this == RED;
    }

    /** The lower-case word used in files and APIs. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WarningLevel ofWord(String word) {
        return valueOf(word.strip().toUpperCase(Locale.ROOT));
    }
}
