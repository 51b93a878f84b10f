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
        awaitRolledUp(s.id(), 2);

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

    String readings(String sensor, Instant from, int count, double base) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(sensor).append("\",\"observedAt\":\"")
                    .append(from.plusSeconds(60L * i)).append("\",\"value\":").append(base + i / 100.0).append('}');
        }
        return body.append(']').toString();
    }

    record Hourly(long n, double min, double max, double sum) {
    }

    /** Roll-ups follow in the background: waits until they count {@code readings} of the sensor. */
    void awaitRolledUp(String sensor, long readings) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select coalesce(sum(n), 0) from sensing_reading_hourly where sensor_id = :id")
                .param("id", sensor).query(Long.class).single() >= readings);
        assertThat(jdbc.sql("select sum(n) from sensing_reading_hourly where sensor_id = :id").param("id", sensor)
                .query(Long.class).single()).as("each reading rolled up once").isEqualTo(readings);
    }

    Hourly hourly(String sensor, Instant hour) {
        return jdbc.sql("select n, min_value, max_value, sum_value from sensing_reading_hourly where sensor_id = :id and hour = :h")
                .param("id", sensor).param("h", java.sql.Timestamp.from(hour))
                .query((rs, n) -> new Hourly(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4))).single();
    }

    @Test
    void aBatchOverlappingStoredReadingsAddsOnlyTheNewOnesToTheRollUp() throws Exception {
        Sensor s = register("MANHOLE_LEVEL", MEICHENG, "meicheng");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(readings(s.id(), hour, 30, 0.5)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(30));
        // minutes 20..49: 10 already stored, 20 new, and one new reading sent twice in the same batch
        String overlapping = readings(s.id(), hour.plusSeconds(20 * 60), 30, 0.7);
        overlapping = overlapping.substring(0, overlapping.length() - 1) + ",{\"sensorId\":\"" + s.id()
                + "\",\"observedAt\":\"" + hour.plusSeconds(49 * 60) + "\",\"value\":1.5}]";
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(overlapping))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(31))
                .andExpect(jsonPath("$.stored").value(20))
                .andExpect(jsonPath("$.duplicates").value(11));
        awaitRolledUp(s.id(), 50);
        double sum = 0;
        for (int i = 0; i < 30; i++) {
            sum += 0.5 + i / 100.0;
        }
        for (int i = 10; i < 30; i++) {
            sum += 0.7 + i / 100.0;
        }
        Hourly h = hourly(s.id(), hour);
        assertThat(h.n()).isEqualTo(50);
        assertThat(h.min()).isEqualTo(0.5);
        assertThat(h.max()).isEqualTo(0.7 + 29 / 100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(h.sum()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(jdbc.sql("select count(*) from sensing_reading where sensor_id = :id").param("id", s.id())
                .query(Long.class).single()).isEqualTo(50);
    }

    @Test
    void lateAndOutOfOrderReadingsAreStoredAndRolledUpInTheirOwnHour() throws Exception {
        Sensor s = register("RAIN_GAUGE", MEICHENG, "meicheng");
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant late = now.minus(200, ChronoUnit.DAYS);
        String batch = """
                [{"sensorId":"%1$s","observedAt":"%2$s","value":1.0},
                 {"sensorId":"%1$s","observedAt":"%3$s","value":0.4},
                 {"sensorId":"%1$s","observedAt":"%4$s","value":0.2}]"""
                .formatted(s.id(), now.minusSeconds(600), late.plusSeconds(120), late.plusSeconds(60));
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(3));
        awaitRolledUp(s.id(), 3);
        assertThat(hourly(s.id(), late)).isEqualTo(new Hourly(2, 0.2, 0.4, 0.6000000000000001));
        assertThat(hourly(s.id(), now.minus(1, ChronoUnit.HOURS)).n()).isEqualTo(1);
        mvc.perform(get("/api/sensing/devices/" + s.id()).with(httpBasic("meicheng", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.lastValue").value(1.0));
    }

    @Test
    void theSameBatchSentConcurrentlyIsStoredAndCountedOnce() throws Exception {
        Sensor s = register("MANHOLE_LEVEL", MEICHENG, "meicheng");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.HOURS);
        String batch = readings(s.id(), hour, 120, 0.3);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit(() -> json.readTree(mvc.perform(post("/api/telemetry")
                            .header("Authorization", "Device " + s.token())
                            .contentType(MediaType.APPLICATION_JSON).content(batch))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("stored").asInt()));
        }
        int stored = 0;
        for (var answer : answers) {
            stored += answer.get();
        }
        pool.shutdown();
        assertThat(stored).isEqualTo(120);
        awaitRolledUp(s.id(), 120);
        assertThat(hourly(s.id(), hour).n()).isEqualTo(60);
        assertThat(hourly(s.id(), hour.plus(1, ChronoUnit.HOURS)).n()).isEqualTo(60);
    }
}
