package org.townbrain.projects;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the projects module.
 *
 * @param ratingWindowMonths a firm's rating is the weighted mean of its assessments in this many
 *        months up to today (assumed, configurable)
 * @param watchThreshold firms rated below this score go on the watch list (assumed, configurable)
 * @param photoMaxSize largest photo accepted
 * @param photoMaxPixels longest side a stored photo keeps; larger ones are scaled down
 */
@ConfigurationProperties("townbrain.projects")
@Validated
record ProjectsProperties(@DefaultValue("12") @Min(1) @Max(120) int ratingWindowMonths,
        @DefaultValue("75") @DecimalMin("0") @DecimalMax("100") BigDecimal watchThreshold,
        @DefaultValue("10MB") DataSize photoMaxSize,
        @DefaultValue("2560") @Min(200) int photoMaxPixels) {
}
