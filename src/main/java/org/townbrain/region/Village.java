package org.townbrain.region;

/** A village (村) or urban community (社区) of a town; {@code seat} is null where no position is known. */
public record Village(String code, String name, String townCode, Seat seat) {

    /** A village whose seat is not known (or not needed). */
    public Village(String code, String name, String townCode) {
        this(code, name, townCode, null);
    }
}
