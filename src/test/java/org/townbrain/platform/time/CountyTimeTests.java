package org.townbrain.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * With the server's own zone UTC (the test JVM runs with {@code -Duser.timezone=UTC}), a person
 * reads county time (Beijing, +08:00) on the pages and the API writes instants with the county
 * offset. Every expectation is eight hours away from what the server's zone would give, so a path
 * that formats with the JVM's zone fails here.
 */
@IntegrationTest
class CountyTimeTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;
    @Autowired ZoneId countyZone;
    @Autowired ObjectMapper json;

    @Test
    void theServerRunsInUtcWhileTheCountyClockRunsInBeijing() {
        assertThat(ZoneId.systemDefault().normalized()).as("the test JVM's zone (pom: -Duser.timezone=UTC)")
                .isEqualTo(ZoneOffset.UTC);
        assertThat(countyZone).isEqualTo(BEIJING);
        assertThat(clock.getZone()).isEqualTo(BEIJING);
    }

    @Test
    void theAuditLogReadsBeijingTime() throws Exception {
        // 17:30 UTC is 01:30 the next day in Beijing: both the hour and the date differ
        Instant at = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).plusSeconds(17 * 3600 + 30 * 60);
        String who = "zone-probe-" + System.nanoTime();
        jdbc.sql("insert into access_audit (at, username, action, outcome) values (:at, :u, 'GET /probe', 200)")
                .param("at", Timestamp.from(at)).param("u", who).update();
        String page = mvc.perform(get("/admin/audit").param("user", who).with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        assertThat(page).contains(shown.format(at.atZone(BEIJING)))
                .doesNotContain(shown.format(at.atZone(ZoneOffset.UTC)));
    }

    @Test
    void aCaseTimelineAndDeadlineReadBeijingTime() throws Exception {
        long id = jdbc.sql("select c.id from cases_case c where c.deadline is not null and c.town_code = '330182104' "
                + "and exists (select 1 from cases_event e where e.case_id = c.id) order by c.id limit 1").query(Long.class).single();
        Instant deadline = jdbc.sql("select deadline from cases_case where id = :id").param("id", id)
                .query(Timestamp.class).single().toInstant();
        Instant first = jdbc.sql("select at from cases_event where case_id = :id order by id limit 1").param("id", id)
                .query(Timestamp.class).single().toInstant();
        String page = mvc.perform(get("/cases/" + id).with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        assertThat(page).contains(shown.format(deadline.atZone(BEIJING)), shown.format(first.atZone(BEIJING)))
                .doesNotContain(shown.format(deadline.atZone(ZoneOffset.UTC)));
    }

    @Test
    void theApiWritesTheCountyOffset() throws Exception {
        String body = mvc.perform(get("/api/cockpit").with(httpBasic("county", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String generatedAt = json.readTree(body).get("generatedAt").asString();
        assertThat(generatedAt).endsWith("+08:00");
        assertThat(java.time.OffsetDateTime.parse(generatedAt).toInstant())
                .isCloseTo(clock.instant(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
        // and an instant written by the application's mapper reads back as the same instant
        Instant probe = Instant.parse("2026-12-05T17:30:00Z");
        String written = json.writeValueAsString(probe);
        assertThat(written).isEqualTo("\"2026-12-06T01:30:00+08:00\"");
        assertThat(json.readValue(written, Instant.class)).isEqualTo(probe);
    }
}
