package org.townbrain.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A lock-out is judged at the injected clock's instant when the account was read, not the wall clock. */
class LockOutClockTest {

    @Test
    void aLockOutEndsWhenTheClockSaysSo() {
        Instant until = Instant.parse("2030-01-01T00:05:00Z");
        assertThat(user(until, Instant.parse("2030-01-01T00:00:00Z")).isAccountNonLocked()).isFalse();
        assertThat(user(until, Instant.parse("2030-01-01T00:06:00Z")).isAccountNonLocked()).isTrue();
        assertThat(user(null, Instant.parse("2030-01-01T00:00:00Z")).isAccountNonLocked()).isTrue();
    }

    private static AccessUser user(Instant lockedUntil, Instant readAt) {
        return new AccessUser(1, "probe", "Probe", "{noop}x", Role.values()[0], null, true, 5, lockedUntil, 0, readAt);
    }
}
