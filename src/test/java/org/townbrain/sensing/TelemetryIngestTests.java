package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class TelemetryIngestTests {

    static final String MEICHENG = "330182104";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    record Sensor(String id, String token) {
    }

    Sensor register(String kind, String town, String user) throws Exception {
        String id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"id":"%s","kind":"%s","townCode":"%s","name":"test","lat":29.5,"lon":119.5,"rimLevel":1.8,"gaugeId":null}"""
                .formatted(id, kind, town);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic(user, "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode node = json.readTree(answer);
        return new Sensor(id, node.get("token").asString());
    }

    @Test
    void goodRowsAreStoredOnceAndEachBadRowIsAnsweredWithItsError() throws Exception {
        Sensor s = register("MANHOLE_LEVEL", MEICHENG, "meicheng");
        // on the hour, so that both stored readings fall into one hourly roll-up whatever the clock says
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        String batch = """
                [{"sensorId":"%1$s","observedAt":"%2$s","value":0.42},
                 {"sensorId":"%1$s","observedAt":"%3$s","value":"0.44"},
                 {"sensorId":"%1$s","observedAt":"%3$s","value":0.44},
                 {"sensorId":"NOPE-1","observedAt":"%2$s","value":1},
                 {"sensorId":"%1$s","observedAt":"%4$s","value":99},
                 {"sensorId":"%1$s","observedAt":"%5$s","value":0.5},
                 {"sensorId":"%1$s","observedAt":"yesterday","value":0.5},
                 {"sensorId":"%1$s","observedAt":"%2$s"}]"""
                .formatted(s.id(), t.atOffset(java.time.ZoneOffset.ofHours(8)), t.plusSeconds(300),
                        t.plusSeconds(600), Instant.now().plus(1, ChronoUnit.DAYS));
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(8))
                .andExpect(jsonPath("$.stored").value(2))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.rejected.length()").value(5))
                .andExpect(jsonPath("$.rejected[0].index").value(3))
                .andExpect(jsonPath("$.rejected[0].error").value(org.hamcrest.Matchers.containsString("unknown sensor")))
                .andExpect(jsonPath("$.rejected[1].error").value(org.hamcrest.Matchers.containsString("physical range")))
                .andExpect(jsonPath("$.rejected[2].error").value(org.hamcrest.Matchers.containsString("future")))
                .andExpect(jsonPath("$.rejected[3].error").value(org.hamcrest.Matchers.containsString("ISO-8601")))
                .andExpect(jsonPath("$.rejected[4].error").value(org.hamcrest.Matchers.containsString("number")));

        // sending the same batch again stores nothing new and leaves the roll-up alone
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(0))
                .andExpect(jsonPath("$.duplicates").value(3));
        assertThat(jdbc.sql("select count(*) from sensing_reading where sensor_id = :id").param("id", s.id())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select sum(n) from sensing_reading_hourly where sensor_id = :id").param("id", s.id())
                .query(Long.class).single()).isEqualTo(2);

        mvc.perform(get("/api/sensing/devices/" + s.id()).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.online").value(true))
                .andExpect(jsonPath("$.lastValue").value(0.44));
        mvc.perform(get("/api/sensing/devices/" + s.id() + "/readings?hours=6").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/sensing/devices/" + s.id() + "/readings?hours=100").with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].value").value(0.43));
    }

    @Test
    void aWrongTokenOrAnotherDevicesTokenOrMalformedJsonIsRefused() throws Exception {
        Sensor a = register("RAIN_GAUGE", MEICHENG, "county");
        Sensor b = register("RAIN_GAUGE", MEICHENG, "county");
        String row = "[{\"sensorId\":\"%s\",\"observedAt\":\"2026-06-01T08:00:00+08:00\",\"value\":1.2}]";
        mvc.perform(post("/api/telemetry").header("Authorization", "Device tbd_wrong")
                        .contentType(MediaType.APPLICATION_JSON).content(row.formatted(a.id())))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + b.token())
                        .contentType(MediaType.APPLICATION_JSON).content(row.formatted(a.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(0))
                .andExpect(jsonPath("$.rejected[0].error").value(org.hamcrest.Matchers.containsString("not valid")));
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + a.token())
                        .contentType(MediaType.APPLICATION_JSON).content("[{\"sensorId\":"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select token_hash from sensing_device where id = :id").param("id", a.id())
                .query(String.class).single()).doesNotContain(a.token()).hasSize(64);
    }

    @Test
    void gridWorkersCannotRegisterSensorsAndPartitionsExistAhead() throws Exception {
        mvc.perform(post("/api/sensing/devices").with(httpBasic("grid.meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"G-1\",\"kind\":\"SMOKE\",\"townCode\":\"330182104\"}"))
                .andExpect(status().isForbidden());
        java.time.YearMonth next = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1);
        assertThat(jdbc.sql("select count(*) from pg_class where relname = :n")
                .param("n", String.format("sensing_reading_%04d_%02d", next.getYear(), next.getMonthValue()))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void staffUploadCsvForTheirOwnTownsOnly() throws Exception {
        Sensor mine = register("MANHOLE_LEVEL", MEICHENG, "meicheng");
        Sensor other = register("MANHOLE_LEVEL", "330182109", "shouchang");
        String csv = """
                sensor_id,observed_at,value
                %1$s,2026-07-01T08:00:00+08:00,0.3
                %1$s,2026-07-01T08:05:00+08:00
                %2$s,2026-07-01T08:00:00+08:00,0.3
                """.formatted(mine.id(), other.id());
        mvc.perform(post("/api/sensing/telemetry.csv").with(httpBasic("meicheng", "demo"))
                        .contentType("text/csv").content(csv))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.rejected[0].error").value(org.hamcrest.Matchers.containsString("malformed CSV")))
                .andExpect(jsonPath("$.rejected[1].error").value(org.hamcrest.Matchers.containsString("unknown sensor")));
        mvc.perform(get("/api/sensing/devices/" + other.id()).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isNotFound());
    }
}
