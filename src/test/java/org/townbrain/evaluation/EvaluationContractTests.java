package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The demo county answers the two contract calls for 2025 on first start. */
@IntegrationTest
class EvaluationContractTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    JsonNode call(String path, String user) throws Exception {
        String body = mvc.perform(get(path).with(httpBasic(user, "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    @Test
    void everyProgrammeTownIsScoredAndTheModelTownsReachModel() throws Exception {
        JsonNode towns = call("/api/evaluation/2025/towns", "county");
        assertThat(towns.size()).isEqualTo(15);
        Map<String, String> tiers = new HashMap<>();
        for (JsonNode town : towns) {
            assertThat(town.has("score") && town.has("commonScore") && town.has("bonusScore") && town.has("satisfaction")
                    && town.has("tier") && town.get("gaps").isArray()).isTrue();
            assertThat(town.get("score").asDouble()).isEqualTo(
                    town.get("commonScore").asDouble() + town.get("bonusScore").asDouble(), org.assertj.core.data.Offset.offset(0.011));
            for (JsonNode gap : town.get("gaps")) {
                assertThat(gap.has("indicator") && gap.has("needed") && gap.has("actual")).isTrue();
            }
            tiers.put(town.get("townCode").asString(), town.get("tier").asString());
        }
        for (String model : List.of("330182104", "330182109", "330182102", "330182107")) {
            assertThat(tiers.get(model)).as(model).isEqualTo("MODEL");
        }
        assertThat(tiers).doesNotContainKey("330182001");
    }

    @Test
    void fundingAllocatesNoMoreThanThePoolAndExplainsEveryYuan() throws Exception {
        JsonNode funding = call("/api/funding/2025", "county");
        long pool = funding.get("pool").asLong();
        long allocated = funding.get("allocated").asLong();
        assertThat(allocated).isPositive().isLessThanOrEqualTo(pool);
        long sum = 0;
        for (JsonNode town : funding.get("towns")) {
            long lines = 0;
            for (JsonNode item : town.get("explanation")) {
                lines += item.get("amount").asLong();
            }
            assertThat(lines).isEqualTo(town.get("total").asLong());
            assertThat(town.has("base") && town.has("rewards")).isTrue();
            sum += town.get("total").asLong();
        }
        assertThat(sum).isEqualTo(allocated);
        assertThat(funding.get("towns").size()).isEqualTo(15);
    }

    @Test
    void aTownUserSeesOnlyTheirTown() throws Exception {
        JsonNode towns = call("/api/evaluation/2025/towns", "meicheng");
        assertThat(towns.size()).isEqualTo(1);
        assertThat(towns.get(0).get("townCode").asString()).isEqualTo("330182104");
        JsonNode funding = call("/api/funding/2025", "meicheng");
        assertThat(funding.get("towns").size()).isEqualTo(1);
        mvc.perform(get("/api/evaluation/2025/towns/330182109").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isNotFound());
        assertThat(call("/api/evaluation/2025/clusters", "meicheng").size()).isZero();
    }

    @Test
    void theYearsResultsExportAsAWorkbookWithARowPerTown() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/evaluation/2025/results.xlsx").with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var book = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var rows = book.getFirstSheet().read();
            assertThat(rows).hasSize(16);
            assertThat(rows.get(0).getCellText(8)).isEqualTo("tier");
        }
    }

    @Test
    void anUnknownYearIsNotFound() throws Exception {
        mvc.perform(get("/api/evaluation/2099/towns").with(httpBasic("county", "demo"))).andExpect(status().isNotFound());
    }
}
