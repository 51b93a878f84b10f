package org.townbrain.platform.web;

import java.util.List;

/**
 * Request paths (Ant patterns) that need no login, contributed as a bean by the module that
 * serves them. Everything not listed by some module needs a logged-in user.
 *
 * <p>Writes (POST, PUT, PATCH, DELETE) to these paths are throttled per client and overall by
 * the named limit ({@code townbrain.throttle.limits.<name>}, see
 * {@link org.townbrain.platform.throttle.Throttle}); a module that throttles its public writes
 * itself, with the same component, declares its paths with {@link #throttledByModule}.
 *
 * @param patterns the paths
 * @param throttle the limit applied to writes at the door, or {@code null} when the module applies one itself
 */
public record PublicPaths(List<String> patterns, String throttle) {

    /** The limit public writes get unless their module names another. */
    public static final String PUBLIC = "public";

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns), PUBLIC);
    }

    /** Paths whose writes are throttled with the named limit. */
    public static PublicPaths throttled(String limit, String... patterns) {
        return new PublicPaths(List.of(patterns), limit);
    }

    /** Paths whose module calls the {@link org.townbrain.platform.throttle.Throttle} itself (with its own answer). */
    public static PublicPaths throttledByModule(String... patterns) {
        return new PublicPaths(List.of(patterns), null);
    }
}
