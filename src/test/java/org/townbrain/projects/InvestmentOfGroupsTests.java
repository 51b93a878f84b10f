package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import org.townbrain.support.IntegrationTest;

/** The batched investment of several town groups answers what one call per group would. */
@IntegrationTest
class InvestmentOfGroupsTests {

    @Autowired
    ProjectStatistics statistics;

    @Autowired
    Regions regions;

    @Test
    void eachGroupGetsTheSameFiguresAsItsOwnCall() {
        LocalDate from = LocalDate.of(2020, 1, 1);
        LocalDate to = LocalDate.of(2026, 12, 31);
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("all", Set.copyOf(regions.towns().stream().map(Town::code).toList()));
        for (Cluster c : regions.clusters()) {
            groups.put("cluster " + c.id(), Set.copyOf(c.memberTownCodes()));
        }
        regions.towns().forEach(t -> groups.put(t.code(), Set.of(t.code())));
        groups.put("none", Set.of());

        Map<String, InvestmentFigures> batched = statistics.investmentOfGroups(from, to, groups);

        assertThat(batched.keySet()).containsExactlyElementsOf(groups.keySet());
        groups.forEach((key, towns) -> {
            InvestmentFigures one = statistics.investment(from, to, towns);
            InvestmentFigures b = batched.get(key);
            assertThat(b.key()).isEqualTo(key);
            assertThat(b.planned()).as(key).isEqualByComparingTo(one.planned());
            assertThat(b.actual()).as(key).isEqualByComparingTo(one.actual());
            assertThat(b.completion()).as(key).isEqualTo(one.completion());
            assertThat(b.projects()).as(key).isEqualTo(one.projects());
        });
        assertThat(batched.get("none").projects()).isZero();
    }
}
