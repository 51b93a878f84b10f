package org.townbrain.platform.web;

import java.util.List;

/**
 * Request paths (Ant patterns) that need no login, contributed as a bean by the module that
 * serves them. Everything not listed by some module needs a logged-in user.
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
