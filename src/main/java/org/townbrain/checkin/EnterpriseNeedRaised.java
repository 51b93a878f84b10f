package org.townbrain.checkin;

import java.time.LocalDate;

/**
 * The answer when town staff turn a need from an enterprise's daily resumption report into a
 * case. Not an event (nobody listened to it): the case itself is requested through
 * {@link org.townbrain.cases.CaseRequested}. It carries ids and the minimal facts, never
 * personal data.
 *
 * @param enterpriseId the enterprise's id in this module
 * @param reportDay the day of the report the need came from
 * @param townCode the enterprise's town
 * @param villageCode the enterprise's village, or {@code null}
 * @param enterpriseName the enterprise's registered name (public business information)
 * @param need the need as the enterprise wrote it
 * @param externalRef a stable reference for de-duplication, such as {@code checkin-need:12:2026-11-27}
 */
public record EnterpriseNeedRaised(long enterpriseId, LocalDate reportDay, String townCode, String villageCode,
        String enterpriseName, String need, String externalRef) {
}
