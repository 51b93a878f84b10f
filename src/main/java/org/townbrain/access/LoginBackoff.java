package org.townbrain.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without locking anyone out. Failed logins are counted per client
 * address and per account from that address; past a few free attempts each further failure makes
 * that address wait longer before it may try again (doubling up to a ceiling). The account itself
 * is never locked: its owner logging in from another address is not held up by an attacker, and
 * an attacker cannot lock a colleague out with five wrong passwords. In memory, like the public
 * write throttles: with several instances each enforces its own share.
 */
@Component
class LoginBackoff {

    private static final int MAX_KEYS = 100_000;

    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final AccessProperties.LoginBackoff settings;
    private final Clock clock;

    LoginBackoff(AccessProperties properties, Clock clock) {
        this.settings = properties.loginBackoff();
        this.clock = clock;
    }

    private record Failures(int count, long lastAt, long waitUntil) {
    }

    /** How long this address must still wait before trying this account (zero when it may try now). */
    Duration wait(String username, String address) {
        long now = clock.millis();
        long until = Math.max(until(addressKey(address), now), until(accountKey(username, address), now));
        return Duration.ofMillis(Math.max(0, until - now));
    }

    private long until(String key, long now) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.waitUntil();
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_KEYS) {
            failures.clear(); // crude bound on memory under an address-spraying attack
        }
        long now = clock.millis();
        count(addressKey(address), settings.freePerAddress(), now);
        count(accountKey(username, address), settings.freePerAccount(), now);
    }

    void succeeded(String username, String address) {
        failures.remove(accountKey(username, address));
    }

    private void count(String key, int free, long now) {
        long forget = settings.forgetAfter().toMillis();
        failures.compute(key, (k, old) -> {
            int count = old == null || now - old.lastAt() > forget ? 1 : old.count() + 1;
            return new Failures(count, now, now + delay(count, free).toMillis());
        });
    }

    /** The wait after the {@code count}th failure in a row: none while free, then first delay, doubling up to the ceiling. */
    Duration delay(int count, int free) {
        if (count <= free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - free - 1, 30);
        Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String accountKey(String username, String address) {
        return "u:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)) + "|" + address;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            failed(event.getAuthentication().getName(), details.getRemoteAddress());
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            succeeded(event.getAuthentication().getName(), details.getRemoteAddress());
        }
    }
}
