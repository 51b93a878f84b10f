package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class SupervisionAndDeadlinesTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcClient jdbc;
    @Autowired DeadlineWatch deadlines;
    @Autowired ContactRetention retention;

    private JsonNode act(String user, long id, String action, String extra) throws Exception {
        int version = json.readTree(mvc.perform(get("/api/cases/" + id).with(httpBasic(user, "demo")))
                .andReturn().getResponse().getContentAsString()).get("version").asInt();
        return json.readTree(mvc.perform(post("/api/cases/" + id + "/" + action).with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + extra + "}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void anUnannouncedInspectionsFindingsBecomeAnOrderThatClosesWhenEveryPointIsVerified() throws Exception {
        String title = "暗访 " + UUID.randomUUID();
        String location = mvc.perform(post("/inspections").with(httpBasic("inspector", "demo")).param("title", title)
                .param("mode", "COVERT").param("townCode", "330182109").param("heldOn", LocalDate.now().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long inspection = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        for (String problem : List.of("沿街店招破损", "绿地黄土裸露")) {
            mvc.perform(multipart("/cases/new").with(httpBasic("inspector", "demo")).param("categoryCode", "E0202")
                    .param("townCode", "330182109").param("longitude", "119.221").param("latitude", "29.381")
                    .param("description", problem).param("inspection", String.valueOf(inspection)))
                    .andExpect(status().is3xxRedirection());
        }
        String orderUrl = mvc.perform(post("/inspections/" + inspection + "/order").with(httpBasic("county", "demo"))
                .param("title", "寿昌镇暗访问题整改督办").param("deadline", LocalDate.now().plusDays(10).toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long order = Long.parseLong(orderUrl.substring(orderUrl.lastIndexOf('/') + 1));
        List<Long> points = jdbc.sql("select id from cases_case where order_id = :o order by id").param("o", order)
                .query(Long.class).list();
        assertThat(points).hasSize(2);
        assertThat(jdbc.sql("select source from cases_case where id = :id").param("id", points.getFirst())
                .query(String.class).single()).isEqualTo("COVERT_INSPECTION");
        mvc.perform(get("/orders/" + order).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());

        for (long point : points) {
            assertThat(orderState(order)).isEqualTo("OPEN");
            act("county", point, "accept", "");
            act("county", point, "dispatch", "");
            act("shouchang", point, "report-back", ",\"note\":\"已整改\"");
            act("inspector", point, "verify-pass", ",\"closingReason\":\"FIXED\"");
        }
        assertThat(orderState(order)).isEqualTo("CLOSED");
    }

    private String orderState(long order) {
        return jdbc.sql("select state from cases_order where id = :o").param("o", order).query(String.class).single();
    }

    @Test
    void overdueDispatchedCasesAreEscalatedOnce() throws Exception {
        String body = """
                {"categoryCode":"E0102","townCode":"330182104","longitude":119.47,"latitude":29.55,"description":"超期测试 %s"}"""
                .formatted(UUID.randomUUID());
        long id = json.readTree(mvc.perform(post("/api/cases").with(httpBasic("county", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString())
                .get("id").asLong();
        act("county", id, "accept", "");
        act("county", id, "dispatch", "");
        mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"townCode":"330182104","name":"梅城督办群","channel":"WEBHOOK","target":"http://127.0.0.1:9/hook","minSeverity":2}"""));
        jdbc.sql("update cases_case set dispatched_at = now() - interval '3 days', deadline = now() - interval '1 hour' where id = :id")
                .param("id", id).update();
        deadlines.check();
        deadlines.check();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from notify_delivery where reference = :r").param("r", "case:" + id + ":ESCALATION")
                .query(Integer.class).single() == 1);
        List<String> types = jdbc.sql("select type from cases_event where case_id = :id order by id").param("id", id)
                .query(String.class).list();
        assertThat(types).containsOnlyOnce("ESCALATED").doesNotContain("NOTICED");
        jdbc.sql("update cases_case set dispatched_at = now() - interval '6 days', deadline = now() - interval '4 days' where id = :id").param("id", id).update();
        deadlines.check();
        assertThat(jdbc.sql("select count(*) from cases_event where case_id = :id and type = 'NOTICED'").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
        mvc.perform(get("/api/cases").param("overdue", "true").with(httpBasic("meicheng", "demo")))
                .andExpect(content().string(Matchers.containsString("\"id\":" + id)));
    }

    @Test
    void aCaseThatUsedMostOfItsWorkingTimeGetsAReminderButNoEscalation() throws Exception {
        String body = """
                {"categoryCode":"E0101","townCode":"330182104","longitude":119.47,"latitude":29.55,"description":"催办测试 %s"}"""
                .formatted(UUID.randomUUID());
        long id = json.readTree(mvc.perform(post("/api/cases").with(httpBasic("county", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString())
                .get("id").asLong();
        act("county", id, "accept", "");
        act("county", id, "dispatch", "");
        // thirty calendar days used (even across a holiday week), at most one working day left: well past 80% of the working time
        jdbc.sql("update cases_case set dispatched_at = now() - interval '30 days', deadline = now() + interval '20 hours' where id = :id")
                .param("id", id).update();
        deadlines.check();
        List<String> types = jdbc.sql("select type from cases_event where case_id = :id order by id").param("id", id)
                .query(String.class).list();
        assertThat(types).containsOnlyOnce("REMINDED").doesNotContain("ESCALATED");
    }

    @Test
    void theCountyImportsCategoriesFromXlsxAllOrNothing() throws Exception {
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(good, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("catalogue");
        for (int c = 0; c < CategoryCatalogue.COLUMNS.size(); c++) {
            sheet.value(0, c, CategoryCatalogue.COLUMNS.get(c));
        }
        Object[] row = {"E0698", "EVENT", "06", "美丽城镇", "98", "景观灯损坏", "景观灯不亮或破损", 3, "WORK_DAYS", "灯具修复", "镇街城建办", "true"};
        for (int c = 0; c < row.length; c++) {
            if (row[c] instanceof Number n) {
                sheet.value(1, c, n);
            } else {
                sheet.value(1, c, (String) row[c]);
            }
        }
        workbook.finish();
        mvc.perform(multipart("/admin/cases/categories/import").file(new MockMultipartFile("file", "c.xlsx", null, good.toByteArray()))
                .with(httpBasic("county", "demo"))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/open311/v2/services/E0698.json")).andExpect(status().isOk());
        mvc.perform(multipart("/admin/cases/categories/import").file(new MockMultipartFile("file", "c.xlsx", null, "no".getBytes()))
                .with(httpBasic("county", "demo"))).andExpect(status().isUnprocessableContent());
    }

    @Test
    void aResidentReportsWithoutAnAccountAndFollowsItByCode() throws Exception {
        String track = mvc.perform(multipart("/report").with(csrf()).param("categoryCode", "C0111").param("townCode", "330182104")
                .param("longitude", "119.468").param("latitude", "29.552").param("description", "路灯三天不亮了")
                .param("contact", "13900001111"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(track).startsWith("/track/");
        String page = mvc.perform(get(track.replace("?new", ""))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("待受理").doesNotContain("13900001111");
        mvc.perform(get("/track/nonexistent-token")).andExpect(status().isNotFound());

        long id = jdbc.sql("select id from cases_case where public_token = :t").param("t", track.substring(7).replace("?new", ""))
                .query(Long.class).single();
        String view = mvc.perform(get("/api/cases/" + id).with(httpBasic("meicheng", "demo"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(view).contains("139****1111").doesNotContain("13900001111");
        jdbc.sql("update cases_case set state = 'CLOSED', closed_at = now() - interval '200 days' where id = :id").param("id", id).update();
        retention.purge();
        assertThat(jdbc.sql("select reporter_contact from cases_case where id = :id").param("id", id).query(String.class)
                .optional()).isEmpty();
    }
}
