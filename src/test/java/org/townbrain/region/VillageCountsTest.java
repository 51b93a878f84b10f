package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.townbrain.support.IntegrationTest;

/** The village count of every town in one query matches the villages listed per town. */
@IntegrationTest
class VillageCountsTest {

    @Autowired
    Regions regions;

    @Test
    void countsMatchTheVillagesOfEachTown() {
        Map<String, Integer> counts = regions.villageCounts();
        for (Town town : regions.towns()) {
            int villages = regions.villages(town.code()).size();
            assertThat(counts.getOrDefault(town.code(), 0)).as(town.code()).isEqualTo(villages);
        }
        assertThat(regions.towns().stream().map(Town::code).toList()).containsAll(counts.keySet());
    }
}
