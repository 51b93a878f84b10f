package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** The smart steward's pages tell one story: alarm times, device names, the season's alarms, one case per storm. */
@IntegrationTest
class StewardCoherenceTests {

    static final String SHOUCHANG = "330182109";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Alarms alarms;
    @Autowired java.time.Clock clock;

    private String[] device(String name) throws Exception {
        String id = "SC-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("shouchang", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"%s","name":"%s","rimLevel":2.0,"thresholdHigh":1.5}"""
                                .formatted(id, SHOUCHANG, name)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new String[] {id, json.readTree(answer).get("token").asString()};
    }

    @Test
    void theAlarmInboxNamesTheDeviceAndNeverPredictsAnOverflowBeforeTheAlarm() throws Exception {
        String[] d = device("寿昌西湖路 3 号窨井");
        LocalDate today = LocalDate.now(clock);
        Instant raised = ZonedDateTime.of(today.atTime(15, 51), clock.getZone()).toInstant();
        Instant predicted = ZonedDateTime.of(today.atTime(10, 50), clock.getZone()).toInstant();
        jdbc.sql("""
                insert into sensing_alarm (sensor_id, town_code, type, level, state, raised_at, updated_at, predicted_overflow_at, why)
                values (:s, :t, 'OVERFLOW_FORECAST', 'orange', 'ACTIVE', :r, :r, :p, '模型预报')""")
                .param("s", d[0]).param("t", SHOUCHANG).param("r", Timestamp.from(raised)).param("p", Timestamp.from(predicted))
                .update();
        String page = mvc.perform(get("/sensing/alarms").with(httpBasic("shouchang", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).as("the inbox names the device").contains("寿昌西湖路 3 号窨井");
        String row = page.substring(page.indexOf("寿昌西湖路 3 号窨井") - 400, page.indexOf("寿昌西湖路 3 号窨井") + 600);
        assertThat(row).contains("15:51").doesNotContain("10:50").doesNotContain(">" + d[0] + "<");
        // the cockpit's warning list agrees
        mvc.perform(get("/api/cockpit").param("level", "town").param("id", SHOUCHANG).with(httpBasic("duty", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lists.warnings[?(@.title == '寿昌西湖路 3 号窨井')].predicted").isEmpty());
        jdbc.sql("update sensing_alarm set state = 'CLEARED', cleared_at = now() where sensor_id = :s").param("s", d[0]).update();
    }

    @Test
    void theSeasonReportCountsTheAlarmsThatExist() throws Exception {
        String[] d = device("寿昌南门窨井");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        send(d, t0, 0.4, 0.5, 1.55, 1.6, 1.62);
        LocalDate today = LocalDate.now(clock);
        Instant from = today.minusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        int expected = jdbc.sql("select count(*) from sensing_alarm where raised_at >= :f and raised_at < :t")
                .param("f", Timestamp.from(from)).param("t", Timestamp.from(to)).query(Integer.class).single();
        assertThat(expected).isPositive();
        String page = mvc.perform(get("/sensing/report").param("from", today.minusDays(1).toString())
                .param("to", today.plusDays(1).toString()).with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher kpi = Pattern.compile("id=\"report-alarms\"><b>(\\d+)</b>").matcher(page);
        assertThat(kpi.find()).as("the report shows the period's alarms").isTrue();
        assertThat(Integer.parseInt(kpi.group(1))).isEqualTo(expected);
        jdbc.sql("update sensing_alarm set state = 'CLEARED', cleared_at = now() where sensor_id = :s").param("s", d[0]).update();
    }

    @Test
    void oneStormOnOneManholeIsOneCaseNotOnePerAlarm() throws Exception {
        String[] d = device("寿昌北门窨井");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
        send(d, t0, 0.4, 0.5, 1.55, 1.6, 1.62);
        long first = openAlarm(d[0]);
        jdbc.sql("update sensing_alarm set raised_at = raised_at - interval '2 hours' where id = :id").param("id", first).update();
        alarms.publishPersisted();
        // the level falls below the band and rises again within the storm: a new alarm, the same episode
        send(d, t0.plus(30, ChronoUnit.MINUTES), 1.3);
        send(d, t0.plus(40, ChronoUnit.MINUTES), 1.55, 1.6, 1.62);
        long second = openAlarm(d[0]);
        assertThat(second).isNotEqualTo(first);
        jdbc.sql("update sensing_alarm set raised_at = raised_at - interval '1 hour' where id = :id").param("id", second).update();
        alarms.publishPersisted();
        List<Long> ids = List.of(first, second);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from cases_case where external_ref = :r").param("r", "sensing-alarm:" + first).query(Integer.class)
                .single() == 1);
        Thread.sleep(1500); // a second case would come through the same event registry
        int cases = jdbc.sql("select count(*) from cases_case where external_ref = any(:refs)")
                .param("refs", ids.stream().map(id -> "sensing-alarm:" + id).toArray(String[]::new)).query(Integer.class).single();
        assertThat(cases).as("one case for the storm").isEqualTo(1);
        assertThat(jdbc.sql("select episode_of from sensing_alarm where id = :id").param("id", second).query(Long.class).single())
                .isEqualTo(first);
        jdbc.sql("update sensing_alarm set state = 'CLEARED', cleared_at = now() where sensor_id = :s").param("s", d[0]).update();
    }

    private long openAlarm(String sensor) {
        return jdbc.sql("select id from sensing_alarm where sensor_id = :s and type = 'THRESHOLD' and state <> 'CLEARED'")
                .param("s", sensor).query(Long.class).single();
    }

    private void send(String[] d, Instant from, double... values) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(d[0]).append("\",\"observedAt\":\"")
                    .append(from.plus(5L * i, ChronoUnit.MINUTES)).append("\",\"value\":").append(values[i]).append('}');
        }
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + d[1])
                        .contentType(MediaType.APPLICATION_JSON).content(batch.append(']').toString()))
                .andExpect(status().isOk());
        Instant last = from.plus(5L * (values.length - 1), ChronoUnit.MINUTES);
        await().atMost(Duration.ofSeconds(10)).until(() -> last.equals(jdbc.sql("select last_value_at from sensing_device where id = :id")
                .param("id", d[0]).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null)));
    }
}
