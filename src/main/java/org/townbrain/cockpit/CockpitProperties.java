package org.townbrain.cockpit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the cockpit highlights a unit as in trouble: thresholds as settings, not code (the
 * defaults are assumptions for Jiande, shown as such in the README).
 *
 * @param refresh how often open cockpits are re-read for the live feed
 * @param minOnTimeRate 按期结案率 below this is trouble
 * @param minResumptionRate work resumption below this is trouble
 * @param minInvestmentCompletion investment completion (actual / planned so far) below this is trouble
 */
@Validated
@ConfigurationProperties("townbrain.cockpit")
record CockpitProperties(@DefaultValue("15s") Duration refresh,
        @DefaultValue("0.9") @DecimalMin("0") @DecimalMax("1") double minOnTimeRate,
        @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("1") double minResumptionRate,
        @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double minInvestmentCompletion) {
}
