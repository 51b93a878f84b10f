package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townbrain.support.IntegrationTest;

/** Per-town figures of a set of towns in one call add up to that set's figures. */
@IntegrationTest
class CaseStatisticsByTownTest {

    @Autowired
    CaseStatistics statistics;

    @Test
    void theRowsOfASetOfTownsSumToTheSetsFigures() {
        LocalDate from = LocalDate.of(2020, 1, 1);
        LocalDate to = LocalDate.now().plusDays(1);
        List<String> towns = List.of("330182104", "330182109", "330182001");

        List<CaseFigures> rows = statistics.byTown(towns, from, to);

        assertThat(rows).allSatisfy(r -> assertThat(towns).contains(r.key()));
        assertThat(CaseFigures.sum("towns", rows)).isEqualTo(statistics.towns(towns, from, to));
        for (CaseFigures row : rows) {
            assertThat(row).isEqualTo(statistics.town(row.key(), from, to));
        }
        assertThat(statistics.byTown(List.of(), from, to)).isEmpty();
        assertThat(CaseFigures.sum("none", List.of())).isEqualTo(new CaseFigures("none", 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
