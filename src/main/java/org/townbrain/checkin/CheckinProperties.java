package org.townbrain.checkin;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the check-in module ({@code townbrain.checkin.*}).
 *
 * @param phoneKey base64 of a 32-byte secret from which the phone encryption and index keys are
 *        derived; blank only in demo mode, where a fixed development key is used with a warning
 * @param cipher {@code AES-GCM} (default) or {@code SM4-GCM} for new records; both are always readable
 * @param retention how long identifiable check-ins are kept (PIPL: the shortest time necessary)
 * @param sameVisitWindow a second scan of the same venue within this time is the same check-in
 * @param autoCheckoutAfter a visitor who has not checked out is counted as gone after this stay
 * @param consentVersion the version of the consent text shown to first-time visitors
 * @param publicBaseUrl the address printed on posters, such as {@code https://tb.jiande.gov.cn};
 *        blank to use the address the poster was requested on
 * @param writers returning visitors' check-ins are written in this many shares, each one group at a
 *        time (group commit); more shares, more parallel statements, smaller groups
 */
@Validated
@ConfigurationProperties("townbrain.checkin")
record CheckinProperties(
        @DefaultValue("") String phoneKey,
        @DefaultValue("AES-GCM") @NotBlank String cipher,
        @DefaultValue("28d") @NotNull Duration retention,
        @DefaultValue("2h") @NotNull Duration sameVisitWindow,
        @DefaultValue("4h") @NotNull Duration autoCheckoutAfter,
        @DefaultValue("2026-11-v1") @NotBlank String consentVersion,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("2") @Min(1) @jakarta.validation.constraints.Max(16) int writers) {
}
