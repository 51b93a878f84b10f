package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** "Today" follows the injected clock and its county zone, not the server's clock or zone. */
class CountyTodayTest {

    @Test
    void aPinnedClockMovesTodayInTheCountyZone() {
        // 16:30 UTC on 5 December is 00:30 on 6 December in Beijing; the test JVM runs in UTC
        Clock pinned = Clock.fixed(Instant.parse("2026-12-05T16:30:00Z"), ZoneId.of("Asia/Shanghai"));
        ResumptionEnterprises enterprises = new ResumptionEnterprises(null, null, null, pinned, null, null);
        assertThat(enterprises.today()).isEqualTo(LocalDate.of(2026, 12, 6));
        Clock later = Clock.fixed(Instant.parse("2027-03-01T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(new ResumptionEnterprises(null, null, null, later, null, null).today()).isEqualTo(LocalDate.of(2027, 3, 1));
    }
}
