package org.townbrain.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.townbrain.evaluation.AssessmentLocked;
import org.townbrain.region.Tier;
import org.townbrain.sensing.AlarmRaised;
import org.townbrain.sensing.WarningLevel;
import org.townbrain.support.IntegrationTest;

/** sensing → cockpit and evaluation → cockpit: a new alarm or a locked assessment re-reads open cockpits at once. */
@IntegrationTest
@EnableScenarios
class CockpitFeedScenarioTests {

    @Autowired CockpitFeed feed;

    @Test
    void aLockedAssessmentNudgesTheOpenCockpits(Scenario scenario) {
        long before = feed.nudges();
        scenario.publish(new AssessmentLocked("330182104", 2025, Tier.values()[0], 88.5))
                .andWaitAtMost(Duration.ofSeconds(10))
                .andWaitForStateChange(feed::nudges, n -> n > before)
                .andVerify(n -> assertThat(n).isGreaterThan(before));
    }

    @Test
    void aRaisedAlarmNudgesTheOpenCockpits(Scenario scenario) {
        long before = feed.nudges();
        scenario.publish(new AlarmRaised(-1, "330182104", WarningLevel.values()[0]))
                .andWaitAtMost(Duration.ofSeconds(10))
                .andWaitForStateChange(feed::nudges, n -> n > before)
                .andVerify(n -> assertThat(n).isGreaterThan(before));
    }
}
