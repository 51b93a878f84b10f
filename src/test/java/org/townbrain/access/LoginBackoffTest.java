package org.townbrain.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LoginBackoffTest {

    private final MutableClock clock = new MutableClock();
    private final LoginBackoff backoff = new LoginBackoff(new AccessProperties(
            new AccessProperties.LoginBackoff(5, 20, Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofHours(1)),
            Duration.ofDays(365), null, null), clock);

    @Test
    void theWaitGrowsWithEveryFailureUpToTheCeilingAndOnlyForThatAddress() {
        for (int i = 0; i < 5; i++) {
            backoff.failed("meicheng", "10.0.0.1");
        }
        assertThat(backoff.wait("meicheng", "10.0.0.1")).as("five free attempts").isZero();
        backoff.failed("meicheng", "10.0.0.1");
        assertThat(backoff.wait("meicheng", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        backoff.failed("meicheng", "10.0.0.1");
        assertThat(backoff.wait("meicheng", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            backoff.failed("meicheng", "10.0.0.1");
        }
        assertThat(backoff.wait("meicheng", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.wait("meicheng", "10.0.0.2")).as("the owner elsewhere").isZero();

        clock.advance(Duration.ofMinutes(15));
        assertThat(backoff.wait("meicheng", "10.0.0.1")).isZero();
        clock.advance(Duration.ofHours(2));
        backoff.failed("meicheng", "10.0.0.1");
        assertThat(backoff.wait("meicheng", "10.0.0.1")).as("forgotten after a quiet hour").isZero();
    }

    @Test
    void sprayingManyAccountsFromOneAddressSlowsThatAddress() {
        for (int i = 0; i < 20; i++) {
            backoff.failed("user" + i, "10.0.0.9");
        }
        assertThat(backoff.wait("someone-else", "10.0.0.9")).isZero();
        backoff.failed("user21", "10.0.0.9");
        assertThat(backoff.wait("someone-else", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.wait("someone-else", "10.0.0.10")).isZero();
    }

    @Test
    void aSuccessClearsTheAccountsCountFromThatAddress() {
        for (int i = 0; i < 6; i++) {
            backoff.failed("meicheng", "10.0.0.3");
        }
        backoff.succeeded("meicheng", "10.0.0.3");
        assertThat(backoff.wait("meicheng", "10.0.0.3")).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
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
