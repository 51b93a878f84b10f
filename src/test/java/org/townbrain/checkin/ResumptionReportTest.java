package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.townbrain.platform.errors.RejectedException;

class ResumptionReportTest {

    private final LocalDate day = LocalDate.of(2026, 2, 10);

    @Test
    void theRateIsWorkersBackOverWorkersExpected() {
        assertThat(new ResumptionReport(1, day, 40, 30, 60, "  ", null).rate()).isEqualTo(0.75);
        assertThat(new ResumptionReport(1, day, 0, 0, 0, null, null).rate()).as("nobody expected").isEqualTo(1.0);
        assertThat(new ResumptionReport(1, day, 40, 30, 60, "  ", null).needs()).as("blank needs are none").isNull();
    }

    @Test
    void impossibleFiguresAreRefusedWithTheFieldAtFault() {
        assertThatThrownBy(() -> new ResumptionReport(1, day, 40, 41, 60, null, null)).isInstanceOf(RejectedException.class)
                .extracting(e -> ((RejectedException) e).field()).isEqualTo("workersBack");
        assertThatThrownBy(() -> new ResumptionReport(1, day, 40, 10, 101, null, null))
                .extracting(e -> ((RejectedException) e).field()).isEqualTo("capacityPercent");
        assertThatThrownBy(() -> new ResumptionReport(1, day, -1, 0, 0, null, null)).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> new ResumptionReport(1, null, 1, 0, 0, null, null)).isInstanceOf(RejectedException.class);
    }
}
