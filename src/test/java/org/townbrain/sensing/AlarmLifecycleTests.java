package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class AlarmLifecycleTests {

    static final String SHOUCHANG = "330182109";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    Alarms alarms;

    @Test
    void aThresholdAlarmIsRaisedNotifiedAcknowledgedAndClearedAndBecomesACaseWhenItPersists() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        try {
            mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"townCode":"%s","name":"寿昌值班群","channel":"WEBHOOK","target":"http://127.0.0.1:%d/hook","minSeverity":3}"""
                                    .formatted(SHOUCHANG, hook.getAddress().getPort())))
                    .andExpect(status().isCreated());

            String id = "A-" + UUID.randomUUID().toString().substring(0, 8);
            String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("shouchang", "demo"))
                            .contentType(MediaType.APPLICATION_JSON).content("""
                                    {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"%s","name":"寿昌路窨井","rimLevel":2.0,"thresholdHigh":1.5}"""
                                    .formatted(id, SHOUCHANG)))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            String token = json.readTree(answer).get("token").asString();

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
            send(id, token, t0, 0.4, 0.5, 1.55, 1.6, 1.62);
            String list = mvc.perform(get("/api/sensing/alarms").with(httpBasic("shouchang", "demo")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            var alarm = java.util.stream.StreamSupport.stream(json.readTree(list).spliterator(), false)
                    .filter(a -> a.get("sensorId").asString().equals(id) && a.get("type").asString().equals("THRESHOLD"))
                    .findFirst().orElseThrow();
            long alarmId = alarm.get("id").asLong();
            assertThat(alarm.get("state").asString()).isEqualTo("ACTIVE");
            assertThat(alarm.get("level").asString()).isEqualTo("ORANGE");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.stream().anyMatch(b -> b.contains("alarm:" + alarmId)));

            // the cockpit shows it, worst first, and flags the town
            mvc.perform(get("/api/cockpit").param("level", "town").param("id", SHOUCHANG).with(httpBasic("duty", "demo")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.figures.activeWarnings").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
                    .andExpect(jsonPath("$.trouble[*].key").value(org.hamcrest.Matchers.hasItem("cockpit.trouble.activeWarnings")))
                    .andExpect(jsonPath("$.lists.warnings[?(@.alarmId == " + alarmId + ")].severity").value(org.hamcrest.Matchers.hasItem("orange")));

            // another town's staff cannot see it; a stale version is refused
            mvc.perform(get("/api/sensing/alarms/" + alarmId).with(httpBasic("meicheng", "demo"))).andExpect(status().isNotFound());
            mvc.perform(post("/api/sensing/alarms/" + alarmId + "/acknowledge?version=99").with(httpBasic("shouchang", "demo")))
                    .andExpect(status().isConflict());
            mvc.perform(post("/api/sensing/alarms/" + alarmId + "/acknowledge?version=" + alarm.get("version").asInt())
                            .with(httpBasic("shouchang", "demo")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ACKNOWLEDGED"))
                    .andExpect(jsonPath("$.acknowledgedBy").value("shouchang"));

            // persisting: published once for a case
            jdbc.sql("update sensing_alarm set raised_at = raised_at - interval '2 hours' where id = :id").param("id", alarmId).update();
            alarms.publishPersisted();
            assertThat(jdbc.sql("select case_requested from sensing_alarm where id = :id").param("id", alarmId)
                    .query(Boolean.class).single()).isTrue();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select source || ' ' || category_code from cases_case where external_ref = :r")
                    .param("r", "sensing-alarm:" + alarmId).query(String.class).list())
                    .as("the town now handles it as a 污水溢流 case").containsExactly("SENSOR_ALARM E0406"));

            // 1.45 is inside the hysteresis band (limit 1.5 − 0.1): still open; 1.3 clears it
            send(id, token, t0.plus(30, ChronoUnit.MINUTES), 1.45);
            assertThat(state(alarmId)).isEqualTo("ACKNOWLEDGED");
            send(id, token, t0.plus(35, ChronoUnit.MINUTES), 1.3);
            assertThat(state(alarmId)).isEqualTo("CLEARED");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void nowcastsAreAcceptedFromDutyStaffOnlyForKnownGauges() throws Exception {
        String body = """
                [{"gaugeId":"DEMO-RG-MC","issuedAt":"2026-07-01T08:00:00+08:00","validFrom":"2026-07-01T08:00:00+08:00",
                  "validTo":"2026-07-01T08:30:00+08:00","rainMm":12.5},
                 {"gaugeId":"DEMO-RG-MC","issuedAt":"2026-07-01T08:00:00+08:00","validFrom":"2026-07-01T08:30:00+08:00",
                  "validTo":"2026-07-01T08:30:00+08:00","rainMm":1}]""";
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(1)).andExpect(jsonPath("$.rejected").value(1));
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("grid.meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"gaugeId\":\"RG-X\",\"rainMm\":-1}]")).andExpect(status().is4xxClientError());
        mvc.perform(post("/api/sensing/nowcasts").with(httpBasic("duty", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content(body.replace("DEMO-RG-MC", "RG-UNKNOWN"))).andExpect(status().isNotFound());
    }

    private String state(long alarmId) {
        return jdbc.sql("select state from sensing_alarm where id = :id").param("id", alarmId).query(String.class).single();
    }

    private void send(String id, String token, Instant from, double... values) throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(id).append("\",\"observedAt\":\"")
                    .append(from.plus(5L * i, ChronoUnit.MINUTES)).append("\",\"value\":").append(values[i]).append('}');
        }
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(batch.append(']').toString()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(values.length));
        // the rules run in the background, in the transaction that also records the device's last value
        Instant last = from.plus(5L * (values.length - 1), ChronoUnit.MINUTES);
        await().atMost(Duration.ofSeconds(10)).until(() -> last.equals(jdbc.sql("select last_value_at from sensing_device where id = :id")
                .param("id", id).query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null)));
    }
}
