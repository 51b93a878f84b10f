package org.townbrain.access;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the access module.
 *
 * @param loginBackoff how failed logins slow the address they come from (accounts are never locked)
 * @param apiTokenLifetime how long a new personal API token is valid
 * @param adminUsername first county admin created at start when no user exists (outside demo mode)
 * @param adminPassword that admin's password (from a secret, never from a committed file)
 */
@Validated
@ConfigurationProperties("townbrain.access")
record AccessProperties(@DefaultValue @jakarta.validation.constraints.NotNull @jakarta.validation.Valid LoginBackoff loginBackoff,
        @DefaultValue("365d") Duration apiTokenLifetime,
        String adminUsername,
        String adminPassword) {

    /**
     * The back-off after failed logins ({@link org.townbrain.access.LoginBackoff}).
     *
     * @param freePerAccount failures of one account from one address before it must wait
     * @param freePerAddress failures from one address, over all accounts, before it must wait
     * @param firstDelay the first wait, doubling with every further failure
     * @param maxDelay the longest wait
     * @param forgetAfter failures are forgotten after this long without another
     */
    record LoginBackoff(@DefaultValue("5") @Min(1) int freePerAccount, @DefaultValue("20") @Min(1) int freePerAddress,
            @DefaultValue("2s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("1h") Duration forgetAfter) {
    }
}
