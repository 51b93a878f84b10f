package org.townbrain.platform.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Token buckets that keep public writes within limits: one bucket per limit and client address,
 * so one client cannot flood the tables or try codes at speed, and one per limit for all clients
 * together, so many addresses cannot either. The one throttle of the application: the public
 * write filter, the check-in fast lane and the check-in pages all use it. In memory: with several
 * instances each enforces its own share, which is enough against a flooding client.
 */
@Component
public class Throttle {

    private static final int MAX_CLIENTS = 100_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ThrottleProperties properties;
    private final Clock clock;

    Throttle(ThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Thrown when a client, or everybody together, is over a limit; answered with 429 and {@code Retry-After}. */
    public static final class Exceeded extends RuntimeException {

        private final transient Duration retryAfter;

        Exceeded(Duration retryAfter) {
            super("over the limit", null, false, false);
            this.retryAfter = retryAfter;
        }

        /** When a request has a token again. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** {@link #retryAfter()} in whole seconds, at least one: the {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /**
     * Takes a token for this client under the named limit.
     *
     * @throws Exceeded when the client's bucket or the shared one is empty (a refused request
     *         takes nothing from the shared bucket)
     */
    public void acquire(String limitName, String client) {
        ThrottleProperties.Limit limit = properties.limit(limitName);
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // crude bound on memory under an address-spraying attack
        }
        long now = clock.millis();
        Bucket mine = buckets.compute(limitName + "|" + client, (key, old) -> (old == null
                ? new Bucket(limit.clientBurst(), now, false) : old).refill(now, limit.clientBurst(), limit.clientPerMinute())
                .take());
        if (!mine.granted()) {
            throw new Exceeded(mine.untilNext(limit.clientPerMinute()));
        }
        Bucket all = buckets.compute(limitName, (key, old) -> (old == null
                ? new Bucket(limit.globalBurst(), now, false) : old).refill(now, limit.globalBurst(), limit.globalPerMinute())
                .take());
        if (!all.granted()) {
            throw new Exceeded(all.untilNext(limit.globalPerMinute()));
        }
    }

    private record Bucket(double tokens, long at, boolean granted) {

        Bucket refill(long now, int burst, int perMinute) {
            double added = (now - at) * perMinute / 60_000.0;
            return new Bucket(Math.min(burst, tokens + Math.max(0, added)), Math.max(now, at), false);
        }

        Bucket take() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }

        Duration untilNext(int perMinute) {
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 60_000.0 / perMinute));
        }
    }
}
