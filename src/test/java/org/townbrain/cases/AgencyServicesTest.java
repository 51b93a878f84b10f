package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.townbrain.support.IntegrationTest;

@IntegrationTest
class AgencyServicesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired AgencyDeadlineWatch watch;
    @Autowired CalendarStore calendar;
    @Autowired java.time.Clock clock;

    private long open(String user, String type, String town) throws Exception {
        String url = mvc.perform(post("/services").with(httpBasic(user, "demo")).param("type", type)
                .param("townCode", town).param("summary", "代办测试").param("applicantName", "王阿姨")
                .param("applicantContact", "13900005678")).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    private String code(long id) {
        return jdbc.sql("select tracking_code from cases_service_request where id = :id").param("id", id)
                .query(String.class).single();
    }

    private int version(long id) {
        return jdbc.sql("select version from cases_service_request where id = :id").param("id", id)
                .query(Integer.class).single();
    }

    @Test
    void eachStepHasAWorkingDayDeadlineFromTheOfficialCalendar() throws Exception {
        long id = open("meicheng", "RURAL_HOUSE", "330182104");
        var row = jdbc.sql("select step_started_at, step_deadline from cases_service_request where id = :id").param("id", id)
                .query((rs, n) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).single();
        // 材料收取 has 2 working days: the close of the second working day after the day it started
        assertThat(row[1]).isEqualTo(calendar.calendar().endOfNthWorkingDayAfter(row[0], 2));
        ZonedDateTime due = row[1].atZone(clock.getZone());
        assertThat(calendar.calendar().isWorkingDay(due.toLocalDate())).isTrue();
        assertThat(due.toLocalDate()).isAfter(row[0].atZone(clock.getZone()).toLocalDate());
        mvc.perform(post("/services/" + id + "/advance").with(httpBasic("meicheng", "demo")).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        var next = jdbc.sql("select step_started_at, step_deadline from cases_service_request where id = :id").param("id", id)
                .query((rs, n) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).single();
        // 村级审核 has 5 working days: a later deadline, recorded against the step that was done
        assertThat(next[1]).isEqualTo(calendar.calendar().endOfNthWorkingDayAfter(next[0], 5));
        assertThat(jdbc.sql("select deadline from cases_service_step where request_id = :id").param("id", id)
                .query(Timestamp.class).single().toInstant()).isEqualTo(row[1]);
    }

    @Test
    void theTownAssignsAnAgentOfItsOwnTownWhoThenSeesAndWorksTheRequest() throws Exception {
        long id = open("meicheng", "GENERIC", "330182104");
        mvc.perform(post("/services/" + id + "/assign").with(httpBasic("meicheng", "demo")).param("version", "0")
                .param("assignee", "agent.shouchang")).andExpect(status().isUnprocessableContent());
        mvc.perform(post("/services/" + id + "/assign").with(httpBasic("meicheng", "demo")).param("version", "0")
                .param("assignee", "agent.meicheng")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/services/" + id + "/assign").with(httpBasic("meicheng", "demo")).param("version", "0")
                .param("assignee", "agent.meicheng2")).andExpect(status().isConflict());
        assertThat(jdbc.sql("select assignee from cases_service_request where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("agent.meicheng");
        String list = mvc.perform(get("/services").with(httpBasic("agent.meicheng", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(code(id)).contains("梅城镇代办员（演示）");
        mvc.perform(post("/services/" + id + "/assign").with(httpBasic("agent.meicheng", "demo")).param("version", "1")
                .param("assignee", "agent.meicheng2")).andExpect(status().isForbidden());
        mvc.perform(get("/services/" + id).with(httpBasic("agent.shouchang", "demo"))).andExpect(status().isNotFound());
        mvc.perform(post("/services/" + id + "/advance").with(httpBasic("agent.meicheng", "demo")).param("version", "1"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aStepNearItsDeadlineRemindsOnceAndAnOverdueStepIsNotifiedOnce() throws Exception {
        mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"townCode":"330182109","name":"寿昌代办群","channel":"WEBHOOK","target":"http://127.0.0.1:9/agency","minSeverity":1}"""))
                .andExpect(status().is2xxSuccessful());
        long id = open("shouchang", "GENERIC", "330182109");
        // thirty calendar days used, under a day left: well past 80 % of the step's working time
        jdbc.sql("update cases_service_request set step_started_at = now() - interval '30 days', step_deadline = now() + interval '20 hours' where id = :id")
                .param("id", id).update();
        watch.check();
        watch.check();
        assertThat(jdbc.sql("select reminded_at is not null and overdue_at is null from cases_service_request where id = :id")
                .param("id", id).query(Boolean.class).single()).isTrue();
        jdbc.sql("update cases_service_request set step_deadline = now() - interval '1 hour' where id = :id").param("id", id).update();
        watch.check();
        watch.check();
        String step = "service:" + id + ":材料收取:";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from notify_delivery where reference = :r").param("r", step + "OVERDUE").query(Integer.class)
                .single() >= 1);
        for (String kind : new String[] {"REMINDER", "OVERDUE"}) {
            assertThat(jdbc.sql("select count(*) = count(distinct roster_id) and count(*) > 0 from notify_delivery where reference = :r")
                    .param("r", step + kind).query(Boolean.class).single()).as("one %s per roster entry", kind).isTrue();
        }
        String text = jdbc.sql("select title from notify_delivery where reference = :r limit 1").param("r", step + "OVERDUE")
                .query(String.class).single();
        assertThat(text).contains("代办超期").contains(code(id));
        // the page shows it overdue; completing the step clears the marks and sets the next deadline
        assertThat(mvc.perform(get("/services").with(httpBasic("shouchang", "demo"))).andReturn().getResponse()
                .getContentAsString()).contains("已超期");
        mvc.perform(post("/services/" + id + "/advance").with(httpBasic("shouchang", "demo")).param("version", String.valueOf(version(id))))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select reminded_at is null and overdue_at is null and step_deadline > now() from cases_service_request where id = :id")
                .param("id", id).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select deadline < done_at from cases_service_step where request_id = :id").param("id", id)
                .query(Boolean.class).single()).as("the late step stays marked late").isTrue();
    }

    @Test
    void thePublicPageShowsStepsAndDeadlinesButNoPersonalDataAndIsThrottled() throws Exception {
        long id = open("meicheng", "ELDERLY_ALLOWANCE", "330182104");
        mvc.perform(post("/services/" + id + "/assign").with(httpBasic("meicheng", "demo")).param("version", "0")
                .param("assignee", "agent.meicheng")).andExpect(status().is3xxRedirection());
        RequestPostProcessor phone = request -> {
            request.setRemoteAddr("203.0.113.19");
            return request;
        };
        String page = mvc.perform(get("/track/service").param("code", code(id).toLowerCase()).with(phone))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("材料收取").contains("办理期限").contains("已有代办员为您办理")
                .doesNotContain("王阿姨").doesNotContain("13900005678").doesNotContain("代办测试").doesNotContain("agent.meicheng")
                .doesNotContain("梅城镇代办员");
        String due = jdbc.sql("select step_deadline from cases_service_request where id = :id").param("id", id)
                .query(Timestamp.class).single().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString()
                .replace('T', ' ').substring(0, 16);
        assertThat(page).as("the deadline in the county's time").contains(due);
        mvc.perform(get("/track/service/DB2222ZZZZ").with(phone)).andExpect(status().isNotFound());
        mvc.perform(get("/track/service").param("code", "' or 1=1 --").with(phone)).andExpect(status().isNotFound());
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status = mvc.perform(get("/track/service/" + code(id)).with(phone)).andReturn().getResponse().getStatus();
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("a phone trying codes at speed is slowed down").isGreaterThan(0);
        mvc.perform(get("/track/service/" + code(id))).andExpect(status().isOk());
    }

    @Test
    void theDemoCountyHasRequestsAtEveryStage() {
        var figures = jdbc.sql("""
                select count(*) filter (where state = 'OPEN'), count(*) filter (where state = 'DONE'),
                  count(*) filter (where assignee is not null), count(*) filter (where assignee is null and state = 'OPEN'),
                  count(*) filter (where state = 'OPEN' and step_deadline is null)
                from cases_service_request where demo""").query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5)}).single();
        assertThat(figures[0]).isGreaterThanOrEqualTo(6);
        assertThat(figures[1]).isGreaterThanOrEqualTo(2);
        assertThat(figures[2]).isGreaterThanOrEqualTo(4);
        assertThat(figures[3]).isGreaterThanOrEqualTo(2);
        assertThat(figures[4]).as("every open demo request has a step deadline").isZero();
    }

    @Test
    void anAgentTakesARequestThroughItsStepsAndTheResidentFollowsItByCode() throws Exception {
        String url = mvc.perform(post("/services").with(httpBasic("meicheng", "demo")).param("type", "GENERIC")
                .param("townCode", "330182104").param("summary", "代办老年证").param("applicantName", "李大爷")
                .param("applicantContact", "13700001234")).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl();
        long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        String code = jdbc.sql("select tracking_code from cases_service_request where id = :id").param("id", id)
                .query(String.class).single();

        mvc.perform(get("/services/" + id).with(httpBasic("shouchang", "demo"))).andExpect(status().isNotFound());
        for (int version = 0; version < 3; version++) {
            mvc.perform(post("/services/" + id + "/advance").with(httpBasic("meicheng", "demo"))
                    .param("version", String.valueOf(version))).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/services/" + id + "/advance").with(httpBasic("meicheng", "demo")).param("version", "3"))
                .andExpect(status().isConflict());
        String page = mvc.perform(get("/track/service/" + code)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("已办结").contains("结果送达").doesNotContain("李大爷").doesNotContain("13700001234");
        mvc.perform(get("/services").with(httpBasic("grid.meicheng", "demo"))).andExpect(status().isForbidden());
    }
}
