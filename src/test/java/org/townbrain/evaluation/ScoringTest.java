package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townbrain.region.Tier;

class ScoringTest {

    private final Scoring scoring = new Scoring(Fixtures.catalogue());

    private static Map<String, Double> allMet() {
        Map<String, Double> values = new HashMap<>();
        values.put("C0", 1.0);
        for (int i = 1; i <= 9; i++) {
            values.put("C" + i, 100.0);
        }
        values.put("B1", 10.0);
        values.put("B2", 5.0);
        return values;
    }

    @Test
    void aTownMeetingEverythingWithSatisfiedResidentsIsAModel() {
        Scorecard card = scoring.score("330182104", "CULTURE_TOURISM", allMet(), 90.0);
        assertThat(card.commonScore()).isEqualTo(100);
        assertThat(card.bonusScore()).as("8 + 4 capped at 10").isEqualTo(10);
        assertThat(card.score()).isEqualTo(110);
        assertThat(card.tier()).isEqualTo(Tier.MODEL);
        assertThat(card.gaps()).isEmpty();
        assertThat(card.lines()).extracting(l -> l.indicator().code()).doesNotContain("X1");
    }

    @Test
    void aTownNotYetClassifiedIsScoredOnTheCommonIndicatorsOnly() {
        Scorecard card = scoring.score("t", null, allMet(), 90.0);
        assertThat(card.commonScore()).isEqualTo(100);
        assertThat(card.bonusScore()).isZero();
        assertThat(card.lines()).extracting(l -> l.indicator().code()).doesNotContain("B1", "B2", "X1");
    }

    @Test
    void lowSatisfactionKeepsAStrongTownAtBaselineAndSaysSo() {
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", allMet(), 80.0);
        assertThat(card.tier()).isEqualTo(Tier.BASELINE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator, TownResult.Gap::needed, TownResult.Gap::actual)
                .containsExactly(tuple("SATISFACTION", 85.0, 80.0));
    }

    @Test
    void unknownSatisfactionIsAGapToo() {
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", allMet(), null);
        assertThat(card.tier()).isEqualTo(Tier.BASELINE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator).containsExactly("SATISFACTION");
    }

    @Test
    void aFailedHardIndicatorMeansNoTierWhateverTheScore() {
        Map<String, Double> values = allMet();
        values.put("C0", 0.0);
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", values, 95.0);
        assertThat(card.commonScore()).isEqualTo(90);
        assertThat(card.tier()).isEqualTo(Tier.NONE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator, TownResult.Gap::needed, TownResult.Gap::actual)
                .containsExactly(tuple("C0", 1.0, 0.0));
    }

    @Test
    void aLowCommonScoreNamesTheIndicatorsThatWouldCloseTheGap() {
        Map<String, Double> values = allMet();
        values.put("C1", 50.0);
        values.put("C2", 60.0);
        values.put("C3", 80.0);
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", values, 95.0);
        assertThat(card.commonScore()).isEqualTo(78);
        assertThat(card.tier()).isEqualTo(Tier.NONE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator, TownResult.Gap::needed, TownResult.Gap::actual)
                .containsExactly(tuple("COMMON_SCORE", 80.0, 78.0), tuple("C1", 100.0, 50.0));
    }

    @Test
    void aBaselineTownShortOfNinetyIsToldWhichIndicatorsLoseTheMostPoints() {
        Map<String, Double> values = allMet();
        values.remove("B1");
        values.remove("B2");
        values.put("C4", 75.0);
        values.put("C5", 90.0);
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", values, 95.0);
        assertThat(card.score()).isEqualTo(93);
        assertThat(card.tier()).isEqualTo(Tier.MODEL);
        values.put("C6", 50.0);
        card = scoring.score("t", "CULTURE_TOURISM", values, 95.0);
        assertThat(card.score()).isEqualTo(83);
        assertThat(card.tier()).isEqualTo(Tier.BASELINE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator)
                .containsExactly("TOTAL_SCORE", "C6");
    }

    @Test
    void missingValuesScoreNothingAndAreNotMet() {
        Scorecard card = scoring.score("t", "GENERAL", Map.of(), 99.0);
        assertThat(card.score()).isZero();
        assertThat(card.tier()).isEqualTo(Tier.NONE);
        assertThat(card.gaps().get(0).indicator()).isEqualTo("C0");
        assertThat(card.gaps().get(0).actual()).isNull();
    }

    @Test
    void passLinesAreData() {
        Catalogue strict = new Catalogue(2025, "strict", 10, new PassLines(95, 105, 90), 1, true,
                Fixtures.catalogue().indicators(), java.util.List.of());
        Scorecard card = new Scoring(strict).score("t", "CULTURE_TOURISM", allMet(), 88.0);
        assertThat(card.tier()).isEqualTo(Tier.BASELINE);
        assertThat(card.gaps()).extracting(TownResult.Gap::indicator).containsExactly("SATISFACTION");
    }

    @Test
    void theRadarShowsEachDimensionsShare() {
        Map<String, Double> values = allMet();
        values.put("C0", 0.0);
        Scorecard card = scoring.score("t", "CULTURE_TOURISM", values, 70.0);
        assertThat(card.dimensionPercent().get(Dimension.GOVERNANCE)).isLessThan(100.0);
        assertThat(card.dimensionPercent().get(Dimension.SATISFACTION)).isEqualTo(70.0);
    }
}
