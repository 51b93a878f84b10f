package org.townbrain.cases;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the cases module ({@code townbrain.cases.*}).
 *
 * @param duplicateRadiusMetres a new report this close to an open case of the same 小类 is suggested for merging
 * @param reminderShare share of the time limit after which a reminder (催办) goes out
 * @param reopenWindow how long after closing the reporter may reopen a case
 * @param workingPeriods the office's working periods of a working day (assumed 08:30–12:00, 13:30–17:30)
 * @param photoMaxSize largest photo accepted
 * @param maxOpen311Days longest period an Open311 request query may span
 * @param contactRetention how long after closing a reporter's or applicant's name and contact are kept
 */
@Validated
@ConfigurationProperties("townbrain.cases")
record CasesProperties(
        @DefaultValue("50") @Min(1) @Max(1000) int duplicateRadiusMetres,
        @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("0.99") double reminderShare,
        @DefaultValue("7d") Duration reopenWindow,
        @DefaultValue({"08:30-12:00", "13:30-17:30"}) @NotEmpty List<String> workingPeriods,
        @DefaultValue("8MB") DataSize photoMaxSize,
        @DefaultValue("90") @Min(1) int maxOpen311Days,
        @DefaultValue("180d") Duration contactRetention) {
}
