package org.townbrain.platform.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final Throttle throttle = new Throttle(new ThrottleProperties(Map.of(
            "public", new ThrottleProperties.Limit(3, 6, 5, 60))), clock);

    @Test
    void aClientGetsItsBurstThenOneTokenPerRefillInterval() {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("public", "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.acquire("public", "10.0.0.1")).isInstanceOf(Throttle.Exceeded.class)
                .satisfies(e -> assertThat(((Throttle.Exceeded) e).retryAfterSeconds()).isEqualTo(10));
        assertThatCode(() -> throttle.acquire("public", "10.0.0.2")).as("other clients are not affected").doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(10)); // 6 per minute: one token every 10 s
        assertThatCode(() -> throttle.acquire("public", "10.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.acquire("public", "10.0.0.1")).isInstanceOf(Throttle.Exceeded.class);
    }

    @Test
    void manyAddressesTogetherMeetTheGlobalLimit() {
        for (int i = 0; i < 5; i++) {
            throttle.acquire("public", "192.0.2." + i);
        }
        assertThatThrownBy(() -> throttle.acquire("public", "192.0.2.99")).isInstanceOf(Throttle.Exceeded.class)
                .satisfies(e -> assertThat(((Throttle.Exceeded) e).retryAfterSeconds()).isEqualTo(1));
        clock.advance(Duration.ofSeconds(1)); // 60 per minute overall
        assertThatCode(() -> throttle.acquire("public", "192.0.2.99")).doesNotThrowAnyException();
    }

    @Test
    void limitsAreSeparateAndAnUnnamedOneGetsTheFallback() {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("public", "10.0.0.5");
        }
        for (int i = 0; i < ThrottleProperties.Limit.FALLBACK.clientBurst(); i++) {
            throttle.acquire("elsewhere", "10.0.0.5");
        }
        assertThatThrownBy(() -> throttle.acquire("elsewhere", "10.0.0.5")).isInstanceOf(Throttle.Exceeded.class);
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
