package org.townbrain.sensing.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NowcastsTest {

    @Test
    void onlyIssuesMadeByNowCountAndTheNewestWinsStepByStep() {
        long t = 1_780_000_200L - 1_780_000_200L % 300;
        Nowcasts nowcasts = new Nowcasts(List.of(
                new Nowcasts.Window("G", t - 1800, t, t + 1800, 6.0),
                new Nowcasts.Window("G", t, t + 900, t + 1800, 30.0),
                new Nowcasts.Window("G", t + 300, t, t + 1800, 600.0)));
        double[] rain = nowcasts.expected("G", t, 8);
        assertThat(rain[0]).isCloseTo(1.0, within(1e-9));
        assertThat(rain[2]).isCloseTo(1.0, within(1e-9));
        assertThat(rain[3]).isCloseTo(10.0, within(1e-9));
        assertThat(rain[5]).isCloseTo(10.0, within(1e-9));
        assertThat(rain[6]).isNaN();
        assertThat(nowcasts.expected("other", t, 3)[0]).isNaN();
    }
}
