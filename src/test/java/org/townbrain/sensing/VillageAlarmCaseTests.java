package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * The village small brain end to end through the real modules: a sewage terminal's sensor of a
 * village stops flowing → sensing raises the alarm → the village page shows it → it persists →
 * a case of that village, which the village's grid worker sees and another village's does not.
 */
@IntegrationTest
class VillageAlarmCaseTests {

    static final String DAYANG_TOWN = "330182107";
    static final String DAYANG_VILLAGE = "330182107238";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    Alarms alarms;

    @Test
    void aStoppedSewageTerminalBecomesACaseOfItsVillageForTheVillagesGridWorker() throws Exception {
        mvc.perform(post("/api/village-brains").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"villageCode\":\"" + DAYANG_VILLAGE + "\"}"))
                .andExpect(status().is(Matchers.anyOf(Matchers.is(201), Matchers.is(409))));
        String id = "SF-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"%s","kind":"SEWAGE_FLOW","townCode":"%s","name":"测试污水终端"}""".formatted(id, DAYANG_TOWN)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = json.readTree(answer).get("token").asString();
        // only town staff and above place sensors; a grid worker cannot
        mvc.perform(post("/api/village-brains/" + DAYANG_VILLAGE + "/sensors/" + id).with(httpBasic("grid.dayang", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/village-brains/" + DAYANG_VILLAGE + "/sensors/" + id).with(httpBasic("county", "demo")))
                .andExpect(status().isOk());

        // 2.5 hours of no outflow after a working one: the 2-hour "stopped" rule fires
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
        double[] values = new double[32];
        values[0] = 1.6;
        send(id, token, t0, values);
        long alarmId = jdbc.sql("select id from sensing_alarm where sensor_id = :s and state <> 'CLEARED'").param("s", id)
                .query(Long.class).single();

        mvc.perform(get("/api/village-brains/" + DAYANG_VILLAGE).with(httpBasic("grid.dayang", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ecology[?(@.key == 'sewage')].alarms[*].id").value(Matchers.hasItem((int) alarmId)))
                .andExpect(jsonPath("$.ecology[?(@.key == 'sewage')].items[?(@.sensorId == '" + id + "')].stateKey")
                        .value(Matchers.hasItem("village.sewage.stopped")));

        jdbc.sql("update sensing_alarm set raised_at = raised_at - interval '2 hours' where id = :id").param("id", alarmId).update();
        alarms.publishPersisted();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                "select village_code from cases_case where external_ref = :r").param("r", "sensing-alarm:" + alarmId)
                .query(String.class).list()).as("the case belongs to the village, not only the town").containsExactly(DAYANG_VILLAGE));
        long caseId = jdbc.sql("select id from cases_case where external_ref = :r").param("r", "sensing-alarm:" + alarmId)
                .query(Long.class).single();
        mvc.perform(get("/api/cases/" + caseId).with(httpBasic("grid.dayang", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/cases/" + caseId).with(httpBasic("grid.qianhe", "demo"))).andExpect(status().isNotFound());
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
        Instant last = from.plus(5L * (values.length - 1), ChronoUnit.MINUTES);
        await().atMost(Duration.ofSeconds(10)).until(() -> last.equals(jdbc.sql("select last_value_at from sensing_device where id = :id")
                .param("id", id).query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null)));
    }
}
