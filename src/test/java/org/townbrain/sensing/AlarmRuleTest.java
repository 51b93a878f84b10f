package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.townbrain.sensing.AlarmRule.Decision;

class AlarmRuleTest {

    final AlarmRule above = new AlarmRule(AlarmRule.Type.THRESHOLD, false, 1.6, Duration.ofMinutes(10), 0.1,
            WarningLevel.ORANGE);

    @Test
    void raisesOnlyAfterTheLimitHeldForTheDurationAndOnlyOnce() {
        AlarmRule.Condition c = new AlarmRule.Condition();
        assertThat(above.decide(c, 1.7, 0)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.65, 300)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.8, 600)).isEqualTo(Decision.RAISE);
        assertThat(above.decide(c, 1.9, 900)).isEqualTo(Decision.NONE);
    }

    @Test
    void aDipBackInsideRestartsTheDuration() {
        AlarmRule.Condition c = new AlarmRule.Condition();
        above.decide(c, 1.7, 0);
        assertThat(above.decide(c, 1.4, 300)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.7, 600)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.7, 1200)).isEqualTo(Decision.RAISE);
    }

    @Test
    void clearsOnlyOnceBackInsideByMoreThanTheHysteresis() {
        AlarmRule.Condition c = new AlarmRule.Condition();
        above.decide(c, 1.7, 0);
        above.decide(c, 1.7, 600);
        assertThat(above.decide(c, 1.55, 900)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.61, 1200)).isEqualTo(Decision.NONE);
        assertThat(above.decide(c, 1.49, 1500)).isEqualTo(Decision.CLEAR);
        assertThat(above.decide(c, 1.3, 1800)).isEqualTo(Decision.NONE);
    }

    @Test
    void belowRulesWorkTheOtherWayRound() {
        AlarmRule low = new AlarmRule(AlarmRule.Type.THRESHOLD, true, 0.1, Duration.ZERO, 0.05, WarningLevel.ORANGE);
        AlarmRule.Condition c = new AlarmRule.Condition();
        assertThat(low.decide(c, 0.08, 0)).isEqualTo(Decision.RAISE);
        assertThat(low.decide(c, 0.12, 60)).isEqualTo(Decision.NONE);
        assertThat(low.decide(c, 0.2, 120)).isEqualTo(Decision.CLEAR);
    }

    @Test
    void aSensorsOwnThresholdOverridesTheKindAndManholesDefaultToEightyPercentOfTheRim() {
        Alarms.RuleRow row = new Alarms.RuleRow("manhole_level", AlarmRule.Type.THRESHOLD, false, null, null, 5, 0.1,
                WarningLevel.ORANGE);
        Alarms.SensorFacts plain = new Alarms.SensorFacts("M", SensorKind.MANHOLE_LEVEL, "t", "M", 2.0, null, null, null, null);
        Alarms.SensorFacts own = new Alarms.SensorFacts("M", SensorKind.MANHOLE_LEVEL, "t", "M", 2.0, 1.2, null, null, null);
        Alarms.SensorFacts noRim = new Alarms.SensorFacts("M", SensorKind.MANHOLE_LEVEL, "t", "M", null, null, null, null, null);
        assertThat(Alarms.ruleFor(row, plain).map(AlarmRule::limit)).contains(1.6);
        assertThat(Alarms.ruleFor(row, own).map(AlarmRule::limit)).contains(1.2);
        assertThat(Alarms.ruleFor(row, noRim)).isEqualTo(Optional.empty());
    }
}
