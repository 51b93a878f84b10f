package org.townbrain.access;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the access module.
 *
 * @param maxFailedLogins failed logins in a row before the account is locked
 * @param lockout how long a locked account stays locked
 * @param apiTokenLifetime how long a new personal API token is valid
 * @param adminUsername first county admin created at start when no user exists (outside demo mode)
 * @param adminPassword that admin's password (from a secret, never from a committed file)
 */
@Validated
@ConfigurationProperties("townbrain.access")
record AccessProperties(@DefaultValue("5") @Min(1) int maxFailedLogins,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("365d") Duration apiTokenLifetime,
        String adminUsername,
        String adminPassword) {
}
