package org.townbrain.checkin;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for the public check-in endpoints, so that one client cannot
 * flood the tables or try codes at speed. In memory: with several instances each enforces its own
 * share, which is enough against a single flooding client.
 */
@Component("checkinRateLimiter")
class RateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final CheckinProperties.RateLimit limit;
    private final Clock clock;

    RateLimiter(CheckinProperties properties, Clock clock) {
        this.limit = properties.rateLimit();
        this.clock = clock;
    }

    /** Thrown when a client is over its limit; answered with 429. */
    static final class Flooded extends RuntimeException {
        Flooded() {
            super("too many check-ins from this client", null, false, false);
        }
    }

    void acquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // crude bound on memory under an address-spraying attack
        }
        long now = clock.millis();
        Bucket bucket = buckets.compute(client, (key, old) -> (old == null ? new Bucket(limit.burst(), now) : old)
                .refill(now, limit.burst(), limit.perMinute()).take());
        if (!bucket.granted()) {
            throw new Flooded();
        }
    }

    private record Bucket(double tokens, long at, boolean granted) {

        Bucket(double tokens, long at) {
            this(tokens, at, false);
        }

        Bucket refill(long now, int burst, int perMinute) {
            double added = (now - at) * perMinute / 60_000.0;
            return new Bucket(Math.min(burst, tokens + Math.max(0, added)), now, false);
        }

        Bucket take() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }
    }
}
