package org.townbrain.village;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** The small brain's contract, its jurisdiction, and the life and ecology scenarios that open cases. */
@IntegrationTest
class VillageBrainsTests {

    static final String DAYANG = "330182107238";
    static final String QIANHE = "330182104232";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    VillageWork work;

    @BeforeEach
    void brains() throws Exception {
        for (String code : new String[] {DAYANG, QIANHE}) {
            mvc.perform(post("/api/village-brains").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"villageCode\":\"" + code + "\"}"))
                    .andExpect(status().is(Matchers.anyOf(Matchers.is(201), Matchers.is(409))));
        }
    }

    @Test
    void theContractListsVillagesAndAnswersTheThreeGroups() throws Exception {
        mvc.perform(get("/api/village-brains").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(Matchers.hasItems(DAYANG, QIANHE)))
                .andExpect(jsonPath("$[?(@.code == '" + DAYANG + "')].town").doesNotExist())
                .andExpect(jsonPath("$[?(@.code == '" + DAYANG + "')].townName").value(Matchers.hasItem("大洋镇")));
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.production[*].key").value(Matchers.contains("plots", "cooperatives", "sales")))
                .andExpect(jsonPath("$.life[*].key").value(Matchers.contains("elderly", "notices")))
                .andExpect(jsonPath("$.ecology[*].key").value(Matchers.contains("water", "waste", "sewage", "reports")));
    }

    @Test
    void aVillagesGridWorkerSeesOnlyTheirVillageAndTownStaffOnlyTheirTown() throws Exception {
        mvc.perform(get("/api/village-brains").with(httpBasic("grid.dayang", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(Matchers.contains(DAYANG)));
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("grid.dayang", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/village-brains/" + QIANHE).with(httpBasic("grid.dayang", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/village-brains/" + QIANHE).with(httpBasic("meicheng", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/village-brains/330182107999").with(httpBasic("county", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/village-brains/" + DAYANG)).andExpect(status().isUnauthorized());
        // a grid worker writes in their village only, and cannot give a village a brain
        mvc.perform(post("/api/village-brains/" + QIANHE + "/reports").with(httpBasic("grid.dayang", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"BURNING\",\"description\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/village-brains").with(httpBasic("grid.dayang", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"villageCode\":\"" + DAYANG + "\"}")).andExpect(status().isForbidden());
    }

    @Test
    void aBurningReportAndALowWasteCheckBecomeCasesOfTheVillage() throws Exception {
        String answer = mvc.perform(post("/api/village-brains/" + DAYANG + "/reports").with(httpBasic("grid.dayang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"BURNING\",\"description\":\"后山田边焚烧秸秆\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long reportId = json.readTree(answer).get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "select village_code || ' ' || category_code from cases_case where external_ref = :r")
                .param("r", "village-report:" + reportId).query(String.class).list()).containsExactly(DAYANG + " E0108"));

        mvc.perform(post("/api/village-brains/" + DAYANG + "/reports").with(httpBasic("grid.dayang", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"FIREWORKS\",\"description\":\"x\"}"))
                .andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/api/village-brains/" + DAYANG + "/waste-checks").with(httpBasic("grid.dayang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"groupName\":\"测试9组\",\"households\":20,\"sortedHouseholds\":25}"))
                .andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/api/village-brains/" + DAYANG + "/waste-checks").with(httpBasic("grid.dayang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"groupName\":\"测试8组\",\"households\":20,\"sortedHouseholds\":18}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.caseRequested").value(false));
        mvc.perform(post("/api/village-brains/" + DAYANG + "/waste-checks").with(httpBasic("grid.dayang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"groupName\":\"测试9组\",\"households\":20,\"sortedHouseholds\":9}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.caseRequested").value(true));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                select c.village_code from cases_case c join village_waste_group w on c.external_ref = 'village-waste:' || w.id
                where w.group_name = '测试9组'""").query(String.class).list()).containsExactly(DAYANG));
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("grid.dayang", "demo")))
                .andExpect(jsonPath("$.ecology[?(@.key == 'waste')].items[?(@.group == '测试9组')].ratePercent").value(Matchers.hasItem(45.0)));
    }

    @Test
    void anElderWhoMissesTheDailyCheckInBecomesAHomeVisitCaseOnceAndTheNameIsMasked() throws Exception {
        mvc.perform(post("/api/village-brains/" + DAYANG + "/elders").with(httpBasic("grid.dayang", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"赵大伯\",\"method\":\"CHECKIN\"}"))
                .andExpect(status().isUnprocessableEntity());
        String answer = mvc.perform(post("/api/village-brains/" + DAYANG + "/elders").with(httpBasic("grid.dayang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"赵大伯\",\"method\":\"CHECKIN\",\"consentBy\":\"本人签字同意\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = json.readTree(answer).get("id").asLong();
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("grid.dayang", "demo")))
                .andExpect(jsonPath("$.life[0].items[?(@.id == " + id + ")].name").value(Matchers.contains("赵**")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("赵大伯"))));

        // two days without a check-in: one case, however often the watch runs
        jdbc.sql("update village_elder set consent_at = consent_at - interval '2 days' where id = :id").param("id", id).update();
        work.requestVisitsForMissedCheckins();
        work.requestVisitsForMissedCheckins();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "select village_code from cases_case where external_ref like :r").param("r", "village-elder:" + id + ":%")
                .query(String.class).list()).containsExactly(DAYANG));

        // a check-in with a stale version is refused; the right one records it
        mvc.perform(post("/api/village-brains/" + DAYANG + "/elders/" + id + "/check-in?version=7").with(httpBasic("grid.dayang", "demo")))
                .andExpect(status().isConflict());
        int version = jdbc.sql("select version from village_elder where id = :id").param("id", id).query(Integer.class).single();
        mvc.perform(post("/api/village-brains/" + DAYANG + "/elders/" + id + "/check-in?version=" + version)
                .with(httpBasic("grid.dayang", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/village-brains/" + DAYANG).with(httpBasic("grid.dayang", "demo")))
                .andExpect(jsonPath("$.life[0].items[?(@.id == " + id + ")].checkedInToday").value(Matchers.contains(true)));
    }

    private static org.springframework.test.web.servlet.result.ContentResultMatchers content() {
        return org.springframework.test.web.servlet.result.MockMvcResultMatchers.content();
    }
}
