package org.townbrain.region;

/** A village (村) or urban community (社区) of a town. */
public record Village(String code, String name, String townCode) {
}
