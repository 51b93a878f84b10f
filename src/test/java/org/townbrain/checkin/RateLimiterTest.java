package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MovableClock clock = new MovableClock();
    private final RateLimiter limiter = new RateLimiter(new CheckinProperties("", "AES-GCM", Duration.ofDays(28),
            Duration.ofHours(2), Duration.ofHours(4), "v1", "", ZoneId.of("Asia/Shanghai"),
            new CheckinProperties.RateLimit(3, 6), 2), clock);

    @Test
    void aClientGetsItsBurstThenOneTokenPerRefillInterval() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("10.0.0.1");
        }
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOf(RateLimiter.Flooded.class);
        assertThatCode(() -> limiter.acquire("10.0.0.2")).as("other clients are not affected").doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(10)); // 6 per minute: one token every 10 s
        assertThatCode(() -> limiter.acquire("10.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOf(RateLimiter.Flooded.class);
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("10.0.0.1"); // refilled up to the burst, never beyond
        }
        assertThatThrownBy(() -> limiter.acquire("10.0.0.1")).isInstanceOf(RateLimiter.Flooded.class);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
