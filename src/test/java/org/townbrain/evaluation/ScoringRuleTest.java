package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringRuleTest {

    @Test
    void passFailGivesAllOrNothing() {
        ScoringRule rule = ScoringRule.parse("PASS_FAIL");
        assertThat(rule.share(1, 1, true)).isEqualTo(1);
        assertThat(rule.share(0, 1, true)).isZero();
        assertThat(rule.share(0, 0, false)).as("no accidents where none are allowed").isEqualTo(1);
        assertThat(rule.share(1, 0, false)).isZero();
    }

    @Test
    void thresholdGivesHalfFromTheFloor() {
        ScoringRule rule = ScoringRule.parse("threshold");
        assertThat(rule.share(100, 100, true)).isEqualTo(1);
        assertThat(rule.share(85, 100, true)).isEqualTo(0.5);
        assertThat(rule.share(79, 100, true)).isZero();
        assertThat(ScoringRule.parse("THRESHOLD 0.9").share(89, 100, true)).isZero();
    }

    @Test
    void linearIsAStraightLineBetweenTwoPointsClamped() {
        ScoringRule rule = ScoringRule.parse("LINEAR 60 95");
        assertThat(rule.share(60, 95, true)).isZero();
        assertThat(rule.share(77.5, 95, true)).isEqualTo(0.5);
        assertThat(rule.share(99, 95, true)).isEqualTo(1);
        assertThat(rule.share(10, 95, true)).isZero();
        ScoringRule lower = ScoringRule.parse("LINEAR 10 2");
        assertThat(lower.share(6, 2, false)).as("fewer is better").isEqualTo(0.5);
    }

    @Test
    void bandsGiveTheBestBandReached() {
        ScoringRule rule = ScoringRule.parse("BANDS 80=0.5;90=0.8;100=1");
        assertThat(rule.share(79, 100, true)).isZero();
        assertThat(rule.share(85, 100, true)).isEqualTo(0.5);
        assertThat(rule.share(95, 100, true)).isEqualTo(0.8);
        assertThat(rule.share(100, 100, true)).isEqualTo(1);
        assertThat(ScoringRule.parse("BANDS 5=0.5;0=1").share(3, 0, false)).isEqualTo(0.5);
        assertThat(rule.text()).isEqualTo("BANDS 80=0.5;90=0.8;100=1");
    }

    @Test
    void aRuleThatIsNotARuleIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ScoringRule.parse("MAGIC")).hasMessageContaining("unknown scoring rule");
        assertThatThrownBy(() -> ScoringRule.parse("LINEAR 60")).hasMessageContaining("two points");
        assertThatThrownBy(() -> ScoringRule.parse("LINEAR 5 5")).hasMessageContaining("two different points");
        assertThatThrownBy(() -> ScoringRule.parse("BANDS 80=x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ScoringRule.parse("BANDS 80=2")).hasMessageContaining("between 0 and 1");
    }

    @Test
    void valuesOfTheWrongUnitOrTypeAreRefused() {
        Indicator percent = Fixtures.common("PX", Dimension.ENVIRONMENT, Indicator.Kind.PERCENT, "%", 90, "LINEAR 60 90", 2, false);
        assertThat(percent.refusal(95, "%")).isNull();
        assertThat(percent.refusal(95, "个")).contains("unit must be %");
        assertThat(percent.refusal(120, null)).contains("0–100");
        Indicator yesNo = Fixtures.common("BX", Dimension.LIVING, Indicator.Kind.BOOLEAN, "是/否", 1, "PASS_FAIL", 2, false);
        assertThat(yesNo.refusal(2, null)).contains("yes (1) or no (0)");
        Indicator count = Fixtures.common("NX", Dimension.LIVING, Indicator.Kind.NUMBER, "个", 3, "LINEAR 1 3", 2, false);
        assertThat(count.refusal(-1, null)).contains("negative");
        assertThatThrownBy(() -> new Indicator("TX", 1, "t", Dimension.INDUSTRY, Indicator.Category.TYPE_SPECIFIC, Set.of(), "个",
                Indicator.Kind.NUMBER, Indicator.Direction.HIGHER, 1, new ScoringRule.PassFail(), 1, false, false, "", true))
                .hasMessageContaining("needs town types");
    }
}
