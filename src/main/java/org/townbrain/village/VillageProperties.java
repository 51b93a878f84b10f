package org.townbrain.village;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the village small brain ({@code townbrain.village.*}).
 *
 * @param irrigation the irrigation advice's limits
 * @param checkinGrace an elder watched by daily check-in who has not checked in for this long
 *        becomes a case for the grid worker (a day and a bit, so a late check-in is no case)
 * @param wasteSortingTarget share of a household group that must sort its waste; a group
 *        checked below it becomes a case
 */
@Validated
@ConfigurationProperties("townbrain.village")
record VillageProperties(@DefaultValue Irrigation irrigation, @DefaultValue("26h") Duration checkinGrace,
        @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double wasteSortingTarget) {

    /**
     * @param dryBelow soil moisture (volumetric %) under which a plot needs water now
     * @param lowBelow soil moisture under which a plot needs water this evening when it is hot
     * @param hotFrom air temperature (°C) from which a plot with low moisture is watered this evening
     */
    record Irrigation(@DefaultValue("20") double dryBelow, @DefaultValue("30") double lowBelow,
            @DefaultValue("30") double hotFrom) {
    }
}
