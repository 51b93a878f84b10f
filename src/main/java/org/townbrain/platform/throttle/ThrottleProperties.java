package org.townbrain.platform.throttle;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The limits on public writes ({@code townbrain.throttle.*}), by name: {@code public} for the
 * forms anyone may post (problem reports, the survey), {@code open311} for GeoReport clients,
 * {@code telemetry} for devices, {@code checkin} for visitors' check-ins; defaults in
 * {@code application.yml}. A name without settings gets {@link Limit#FALLBACK}.
 *
 * @param limits the limits by name
 */
@Validated
@ConfigurationProperties("townbrain.throttle")
public record ThrottleProperties(@DefaultValue Map<String, @Valid Limit> limits) {

    public ThrottleProperties {
        limits = Map.copyOf(limits);
    }

    /** The named limit, or the fallback. */
    public Limit limit(String name) {
        return limits.getOrDefault(name, Limit.FALLBACK);
    }

    /**
     * Two token buckets: one per client address, one for everybody together.
     *
     * @param clientBurst requests one client may make at once
     * @param clientPerMinute the rate at which a client's bucket refills
     * @param globalBurst requests all clients together may make at once
     * @param globalPerMinute the rate at which the shared bucket refills
     */
    public record Limit(@DefaultValue("10") @Min(1) int clientBurst, @DefaultValue("10") @Min(1) int clientPerMinute,
            @DefaultValue("300") @Min(1) int globalBurst, @DefaultValue("1200") @Min(1) int globalPerMinute) {

        /** For a limit nobody configured: modest, like a person filling in forms. */
        public static final Limit FALLBACK = new Limit(10, 10, 300, 1200);
    }
}
