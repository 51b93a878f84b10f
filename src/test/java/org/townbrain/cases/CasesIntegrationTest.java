package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class CasesIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired CaseStatistics statistics;

    private JsonNode report(String user, String description) throws Exception {
        String body = """
                {"categoryCode":"E0102","townCode":"330182104","longitude":119.4701,"latitude":29.5502,
                 "address":"梅城镇正大街","description":"%s"}""".formatted(description);
        String answer = mvc.perform(post("/api/cases").with(httpBasic(user, "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer);
    }

    private JsonNode act(String user, long id, String action, String body) throws Exception {
        String answer = mvc.perform(post("/api/cases/" + id + "/" + action).with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        return json.readTree(answer);
    }

    @Test
    void aGridReportGoesThroughTheWholeLifecycleAndCountsAsClosedOnTime() throws Exception {
        JsonNode reported = report("grid.meicheng", "正大街路口暴露垃圾 " + UUID.randomUUID());
        long id = reported.get("id").asLong();
        JsonNode c = act("county", id, "accept", "{\"version\":0}");
        c = act("county", id, "dispatch", "{\"version\":" + c.get("version").asInt() + "}");
        assertThat(c.get("unit").asString()).isEqualTo("镇街环卫站");
        assertThat(c.get("deadline").isNull()).isFalse();
        c = act("meicheng", id, "start", "{\"version\":" + c.get("version").asInt() + "}");
        c = act("meicheng", id, "report-back", "{\"version\":" + c.get("version").asInt() + ",\"note\":\"已清运\"}");
        c = act("inspector", id, "verify-fail", "{\"version\":" + c.get("version").asInt() + ",\"note\":\"仍有残留\"}");
        assertThat(c.get("reworkCount").asInt()).isEqualTo(1);
        c = act("meicheng", id, "report-back", "{\"version\":" + c.get("version").asInt() + ",\"note\":\"已彻底清理\"}");
        c = act("inspector", id, "verify-pass", "{\"version\":" + c.get("version").asInt() + ",\"closingReason\":\"FIXED\"}");
        assertThat(c.get("state").asString()).isEqualTo("CLOSED");
        assertThat(c.get("timeline").size()).isEqualTo(8);

        LocalDate today = LocalDate.now();
        CaseFigures town = statistics.town("330182104", today.minusDays(1), today.plusDays(1));
        assertThat(town.closed()).isGreaterThanOrEqualTo(1);
        assertThat(town.onTimeClosingRate()).isNotNull();
    }

    @Test
    void theLoserOfAConcurrentActionGets409() throws Exception {
        long id = report("grid.meicheng", "井盖缺失 " + UUID.randomUUID()).get("id").asLong();
        act("county", id, "accept", "{\"version\":0}");
        mvc.perform(post("/api/cases/" + id + "/void").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0,\"note\":\"重复\"}")).andExpect(status().isConflict());
    }

    @Test
    void aTransitionTheStateDoesNotAllowIs409AndARoleWithoutTheRightIs403() throws Exception {
        long id = report("grid.meicheng", "路灯不亮 " + UUID.randomUUID()).get("id").asLong();
        mvc.perform(post("/api/cases/" + id + "/verify-pass").with(httpBasic("inspector", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"closingReason\":\"FIXED\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/cases/" + id + "/accept").with(httpBasic("grid.meicheng", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}")).andExpect(status().isForbidden());
    }

    @Test
    void anotherTownsStaffCannotEvenSeeTheCase() throws Exception {
        long id = report("grid.meicheng", "乱堆物料 " + UUID.randomUUID()).get("id").asLong();
        mvc.perform(get("/api/cases/" + id).with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/cases/" + id).with(httpBasic("meicheng", "demo"))).andExpect(status().isOk());
    }

    @Test
    void badInputIsRefusedWithoutWritingAnything() throws Exception {
        long before = jdbc.sql("select count(*) from cases_case").query(Long.class).single();
        mvc.perform(post("/api/cases").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON).content("""
                {"categoryCode":"X9999","townCode":"330182104","longitude":119.47,"latitude":29.55,"description":"未知小类测试"}"""))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("categoryCode"));
        mvc.perform(post("/api/cases").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON).content("""
                {"categoryCode":"E0102","townCode":"330182104","longitude":121.47,"latitude":31.23,"description":"上海的位置"}"""))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.field").value("location"));
        mvc.perform(post("/api/cases").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON).content("""
                {"categoryCode":"E0102","townCode":"330182109","longitude":119.22,"latitude":29.38,"description":"别的镇"}"""))
                .andExpect(status().isUnprocessableContent());
        assertThat(jdbc.sql("select count(*) from cases_case").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aSecondReportNearbyOfTheSameCategoryIsSuggestedAsDuplicate() throws Exception {
        long first = report("grid.meicheng", "暴露垃圾甲 " + UUID.randomUUID()).get("id").asLong();
        JsonNode second = report("grid.meicheng", "暴露垃圾乙 " + UUID.randomUUID());
        assertThat(second.get("possibleDuplicates").toString()).contains(String.valueOf(first));
        long id = second.get("id").asLong();
        JsonNode merged = act("county", id, "merge", "{\"version\":0,\"target\":" + first + "}");
        assertThat(merged.get("state").asString()).isEqualTo("MERGED");
    }

    @Test
    void open311ReadsArePublicPostsNeedAKeyAndContactsStayPrivate() throws Exception {
        mvc.perform(get("/open311/v2/services.json")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.service_code == 'E0102')].service_name").value("暴露垃圾"));
        mvc.perform(get("/open311/v2/services.xml")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<service_code>E0102</service_code>")));
        mvc.perform(get("/open311/v2/discovery.json")).andExpect(status().isOk());
        mvc.perform(post("/open311/v2/requests.json").param("service_code", "E0102").param("lat", "29.55")
                .param("long", "119.47").param("attribute[town]", "330182104").param("description", "垃圾无人清运"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$[0].code").value(403));
        String answer = mvc.perform(post("/open311/v2/requests.json").param("api_key", JiandeDemoCases.DEMO_OPEN311_KEY)
                .param("service_code", "E0102").param("lat", "29.551").param("long", "119.471")
                .param("attribute[town]", "330182104").param("description", "垃圾无人清运 open311")
                .param("phone", "13800001234").param("first_name", "张"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode created = json.readTree(answer).get(0);
        String ref = created.get("service_request_id").asString();
        String view = mvc.perform(get("/open311/v2/requests/" + ref + ".json")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("open")).andReturn().getResponse().getContentAsString();
        assertThat(view).doesNotContain("13800001234").doesNotContain("张");
        mvc.perform(get("/open311/v2/tokens/" + created.get("token").asString() + ".xml")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(ref)));
        mvc.perform(get("/open311/v2/requests/2000-9999999.json")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$[0].code").value(404));
        mvc.perform(get("/open311/v2/requests.json").param("start_date", "2026-01-01T00:00:00+08:00")
                .param("end_date", "2026-06-01T00:00:00+08:00")).andExpect(status().isBadRequest());
        mvc.perform(get("/open311/v2/requests.json").param("status", "open")).andExpect(status().isOk());
    }

    @Test
    void anotherModulesRequestOpensACase() {
        String ref = "alarm-" + UUID.randomUUID();
        transaction.executeWithoutResult(s -> events.publishEvent(new CaseRequested("SENSOR_ALARM", "330182109", CaseRequested.Reason.SEWER_OVERFLOW,
                "寿昌镇泵站溢流告警持续 30 分钟", 119.22, 29.38, ref)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from cases_case where external_ref = :r")
                .param("r", ref).query(Integer.class).single() == 1);
        assertThat(jdbc.sql("select category_code from cases_case where external_ref = :r").param("r", ref)
                .query(String.class).single()).as("the cases module maps the reason to its catalogue's 污水溢流").isEqualTo("E0406");
    }

    @Test
    void demoDataHoldsTheSourceDocumentsFigures() {
        assertThat(jdbc.sql("select count(*) from cases_order where demo").query(Integer.class).single()).isEqualTo(56);
        assertThat(jdbc.sql("select count(*) from cases_case c join cases_order o on o.id = c.order_id where o.demo")
                .query(Integer.class).single()).isEqualTo(460);
    }

    @Test
    void theSearchAnswersHtmxWithTheResultsOnlyAndStaysInTheCallersTowns() throws Exception {
        String full = mvc.perform(get("/cases").param("state", "CLOSED").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(full).contains("<html").contains("id=\"search-results\"").contains("table compact cases");
        var fragment = mvc.perform(get("/cases").param("state", "CLOSED").param("overdue", "").header("HX-Request", "true")
                        .with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(header().string("Vary", org.hamcrest.Matchers.containsString("HX-Request")))
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").startsWith("<div id=\"search-results\">")
                .contains("export.xlsx?state=CLOSED").contains("梅城镇").doesNotContain("寿昌镇");
        assertThat(jdbc.sql("select count(*) from cases_case where town_code = '330182104' and state = 'CLOSED'")
                .query(Integer.class).single()).as("the demo has closed cases in 梅城 to find").isPositive();
    }

    @Test
    void pagesRenderForTheirRoles() throws Exception {
        mvc.perform(get("/cases").with(httpBasic("county", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/cases/new").with(httpBasic("grid.meicheng", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/orders").with(httpBasic("county", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/case-statistics").with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("梅城镇")));
        byte[] xlsx = mvc.perform(get("/case-statistics.xlsx").param("from", "2025-01-01").param("to", "2026-12-31")
                .with(httpBasic("county", "demo"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var rows = workbook.getFirstSheet().read();
            assertThat(rows.getFirst().getCellText(0)).isEqualTo("镇街");
            assertThat(rows.stream().map(r -> r.getCellText(0)).toList()).contains("梅城镇", "∑");
        }
        mvc.perform(get("/cases/export.xlsx").param("town", "330182104").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/cases/categories").with(httpBasic("county", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/admin/cases/categories").with(httpBasic("meicheng", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/report")).andExpect(status().isOk());
        long order = jdbc.sql("select min(id) from cases_order where demo").query(Long.class).single();
        mvc.perform(get("/orders/" + order).with(httpBasic("county", "demo"))).andExpect(status().isOk());
    }
}
