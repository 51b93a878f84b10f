package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townbrain.projects.RatingPolicy.Scores;

class RatingPolicyTest {

    private final RatingPolicy rules = new RatingPolicy(Map.of(Criterion.QUALITY, bd(50), Criterion.PROGRESS, bd(30),
            Criterion.CIVILISED_CONSTRUCTION, bd(20)), bd(75));

    @Test
    void anInspectionScoreIsTheWeightedMeanOfItsCriteria() {
        assertThat(rules.score(scores(90, 80, 70))).isEqualByComparingTo("83.00");
        assertThat(rules.score(scores(100, 100, 100))).isEqualByComparingTo("100");
    }

    @Test
    void changingTheWeightsChangesTheScore() {
        RatingPolicy progressFirst = new RatingPolicy(Map.of(Criterion.QUALITY, bd(1), Criterion.PROGRESS, bd(3),
                Criterion.CIVILISED_CONSTRUCTION, bd(0)), bd(75));
        assertThat(progressFirst.score(scores(90, 50, 0))).isEqualByComparingTo("60.00");
    }

    @Test
    void theRatingIsTheMeanOverTheWindowAndLowRatingsAreWatched() {
        double rating = rules.rating(List.of(scores(90, 80, 70), scores(60, 60, 60))).orElseThrow();
        assertThat(rating).isEqualTo(71.5);
        assertThat(rules.watched(rating)).isTrue();
        assertThat(rules.watched(83)).isFalse();
        assertThat(rules.rating(List.of())).isEmpty();
    }

    @Test
    void refusesImpossibleRules() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RatingPolicy(Map.of(Criterion.QUALITY, bd(0),
                Criterion.PROGRESS, bd(0), Criterion.CIVILISED_CONSTRUCTION, bd(0)), bd(75)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RatingPolicy(Map.of(Criterion.QUALITY, bd(-1),
                Criterion.PROGRESS, bd(1), Criterion.CIVILISED_CONSTRUCTION, bd(1)), bd(75)));
        assertThatIllegalArgumentException().isThrownBy(() -> scores(101, 50, 50));
    }

    private static Scores scores(int q, int p, int c) {
        return new Scores(bd(q), bd(p), bd(c));
    }

    private static BigDecimal bd(int v) {
        return BigDecimal.valueOf(v);
    }
}
