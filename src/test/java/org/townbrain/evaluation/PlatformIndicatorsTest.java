package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townbrain.cases.CaseStatistics;
import org.townbrain.projects.ProjectStatistics;
import org.townbrain.support.IntegrationTest;

/** Indicators computed from the platform's own records carry the number and where it came from. */
@IntegrationTest
class PlatformIndicatorsTest {

    @Autowired
    List<IndicatorSource> sources;
    @Autowired
    CaseStatistics cases;
    @Autowired
    ProjectStatistics projects;

    private IndicatorSource source(String code) {
        return sources.stream().filter(s -> s.indicatorCode().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void visitorsComeFromTheTourismFiguresInTenThousands() {
        ComputedValue meicheng2020 = source("TS_CT_VISITORS").compute("330182104", 2020).orElseThrow();
        assertThat(meicheng2020.value()).as("the National Day week alone brought 40.31 万").isGreaterThan(40.31);
        assertThat(meicheng2020.source()).contains("tourism");
        assertThat(source("TS_CT_VISITORS").compute("330182104", 2031)).as("no records, no value").isEmpty();
    }

    @Test
    void theOnTimeRateIsTheCasesModulesOwnFigure() {
        int year = LocalDate.now().getYear();
        var expected = cases.town("330182104", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).onTimeClosingRate();
        var computed = source("GOV_CASE_ONTIME_RATE").compute("330182104", year);
        if (expected == null) {
            assertThat(computed).isEmpty();
        } else {
            assertThat(computed).hasValueSatisfying(v -> {
                assertThat(v.value()).isEqualTo(expected.doubleValue());
                assertThat(v.source()).contains("cases");
            });
        }
        assertThat(source("GOV_CASE_ONTIME_RATE").compute("330182104", 2031)).isEmpty();
    }

    @Test
    void investmentCompletionIsActualOverPlanned() {
        var f = projects.investment(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), Set.of("330182104"));
        var computed = source("IND_INVESTMENT_DONE").compute("330182104", 2020);
        if (f.planned().signum() == 0) {
            assertThat(computed).isEmpty();
        } else {
            assertThat(computed).hasValueSatisfying(v -> assertThat(v.value())
                    .isCloseTo(f.completion() * 100, org.assertj.core.data.Offset.offset(0.06)));
        }
    }
}
