package org.townbrain.sensing.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townbrain.sensing.WarningLevel;

class SkillScorerTest {

    static final long H = 3600;
    static final long T0 = 1_780_000_000L;

    /** A level of 1 m sampled every 5 minutes for {@code hours}, at the rim (2 m) during the given spans. */
    static SkillScorer.Truth truth(long hours, long[]... overflowSpans) {
        int n = (int) (hours * 12);
        long[] times = new long[n];
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = T0 + i * 300L;
            levels[i] = 1.0;
            for (long[] span : overflowSpans) {
                if (times[i] >= T0 + span[0] && times[i] < T0 + span[1]) {
                    levels[i] = 2.0;
                }
            }
        }
        return new SkillScorer.Truth(2.0, times, levels);
    }

    static Warning w(long at, WarningLevel level) {
        return new Warning("M", T0 + at, T0 + at, level, "");
    }

    static Skill score(SkillScorer.Truth truth, long scoredFrom, Warning... warnings) {
        return SkillScorer.score(Map.of("M", truth), new ArrayList<>(List.of(warnings)), T0 + scoredFrom);
    }

    @Test
    void firstWarningOfAnyLevelInTheSixHoursBeforeTheStartIsAHitWithItsLead() {
        SkillScorer.Truth t = truth(48, new long[] {20 * H, 22 * H});
        Skill s = score(t, 0, w(13 * H, WarningLevel.BLUE), w(15 * H, WarningLevel.YELLOW),
                w(18 * H, WarningLevel.ORANGE), w(19 * H, WarningLevel.RED));
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.meanLeadMinutes()).isEqualTo(300.0);
        assertThat(s.warningPod()).isEqualTo(1.0);
        assertThat(s.warningEpisodes()).isEqualTo(1);
        assertThat(s.falseAlarms()).isZero();
        assertThat(s.csi()).isEqualTo(1.0);
    }

    @Test
    void anEventWithNoWarningInItsSixHoursIsAMissAndAnEarlierWarningDoesNotCount() {
        SkillScorer.Truth t = truth(48, new long[] {20 * H, 22 * H});
        Skill s = score(t, 0, w(13 * H, WarningLevel.BLUE));
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.hits()).isZero();
        assertThat(s.pod()).isZero();
    }

    @Test
    void aWarningAtTheStartItselfIsAHitWithNoLead() {
        Skill s = score(truth(48, new long[] {20 * H, 22 * H}), 0, w(20 * H, WarningLevel.RED));
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.meanLeadMinutes()).isZero();
    }

    @Test
    void orangeRedWarningsLessThanTwoHoursApartAreOneEpisodeAndWithoutAnEventItIsAFalseAlarm() {
        SkillScorer.Truth t = truth(48);
        Skill s = score(t, 0, w(10 * H, WarningLevel.ORANGE), w(11 * H + 3500, WarningLevel.RED),
                w(13 * H + 3000, WarningLevel.ORANGE), w(20 * H, WarningLevel.ORANGE), w(30 * H, WarningLevel.YELLOW));
        assertThat(s.warningEpisodes()).isEqualTo(2);
        assertThat(s.falseAlarms()).isEqualTo(2);
        assertThat(s.far()).isEqualTo(1.0);
        assertThat(s.events()).isZero();
    }

    @Test
    void anEpisodeIsRightWhenAnEventStartsWithinSixHoursOfItsFirstWarning() {
        SkillScorer.Truth t = truth(48, new long[] {26 * H, 27 * H});
        Skill inTime = score(t, 0, w(20 * H, WarningLevel.ORANGE));
        Skill tooEarly = score(t, 0, w(19 * H, WarningLevel.ORANGE));
        assertThat(inTime.falseAlarms()).isZero();
        assertThat(inTime.hits()).isEqualTo(1);
        assertThat(tooEarly.falseAlarms()).isEqualTo(1);
        assertThat(tooEarly.misses()).isEqualTo(1);
    }

    @Test
    void overflowsLessThanSixHoursApartAreOneEventAndEpisodesDuringOrJustAfterAnOverflowAreNotScored() {
        // overflow 10–12 h, below for 4 h, overflow again 16–17 h: one event only
        SkillScorer.Truth t = truth(48, new long[] {10 * H, 12 * H}, new long[] {16 * H, 17 * H});
        Skill s = score(t, 0, w(5 * H, WarningLevel.ORANGE), w(11 * H, WarningLevel.RED),
                w(20 * H, WarningLevel.ORANGE), w(30 * H, WarningLevel.ORANGE));
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.hits()).isEqualTo(1);
        // 5 h: scored, right; 11 h: during the overflow; 20 h: 3 h after the second one ended; 30 h: false
        assertThat(s.warningEpisodes()).isEqualTo(2);
        assertThat(s.falseAlarms()).isEqualTo(1);
    }

    @Test
    void theStartOfTheSeriesDoesNotCountAsSixHoursBelowAndTheWarmUpIsNotScored() {
        SkillScorer.Truth t = truth(48, new long[] {2 * H, 3 * H}, new long[] {20 * H, 21 * H});
        Skill s = score(t, 24 * H, w(1 * H, WarningLevel.RED), w(15 * H, WarningLevel.RED));
        assertThat(s.events()).isZero();
        assertThat(s.warningEpisodes()).isZero();
        Skill all = score(t, 0, w(15 * H, WarningLevel.RED));
        assertThat(all.events()).isEqualTo(1);
    }

    @Test
    void leadPercentilesUseTheNearestRank() {
        Skill s = new Skill(4, 4, 0, new long[] {600, 1200, 1800, 6000}, 0, 0, 0);
        assertThat(s.medianLeadMinutes()).isEqualTo(20.0);
        assertThat(s.percentileLeadMinutes(0.1)).isEqualTo(10.0);
        assertThat(s.meanLeadMinutes()).isEqualTo(40.0);
    }
}
