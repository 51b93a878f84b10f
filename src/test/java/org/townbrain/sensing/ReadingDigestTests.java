package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * Roll-ups and alarms follow acknowledged readings in the background, survive a crash between
 * the two, and count every reading once.
 */
@IntegrationTest
class ReadingDigestTests {

    static final String MEICHENG = "330182104";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ReadingDigest digest;

    @Autowired
    Alarms alarms;

    @Autowired
    TelemetryPartitions partitions;

    record Sensor(String id, String token) {
    }

    @Test
    void batchesCommittedButNotDigestedBeforeARestartAreRolledUpAndAlarmedAfterIt() throws Exception {
        Sensor s = manhole();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        partitions.ensure(new java.util.TreeSet<>(List.of(YearMonth.from(t0.atZone(ZoneOffset.UTC)), YearMonth.now(ZoneOffset.UTC))));
        digest.stop();
        try {
            // what a kill -9 between commit and digest leaves: readings and their pending rows, nothing else;
            // a batch digested before (sent through the API meanwhile) lies between the two pending ones
            Instant first = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MICROS);
            committedNotDigested(s.id(), first, t0, 0.4, 0.5, 0.6);
            send(s, t0.plus(15, ChronoUnit.MINUTES), 0.7, 0.8);
            Instant second = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS);
            committedNotDigested(s.id(), second, t0.plus(25, ChronoUnit.MINUTES), 1.6, 1.7, 1.8);
        } finally {
            digest.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> rolledUp(s.id()) >= 8);
        assertThat(rolledUp(s.id())).as("every reading rolled up once").isEqualTo(8);
        assertThat(jdbc.sql("select max_value from sensing_reading_hourly where sensor_id = :id and hour = :h")
                .param("id", s.id()).param("h", Timestamp.from(t0)).query(Double.class).single()).isEqualTo(1.8);
        assertThat(jdbc.sql("select last_value from sensing_device where id = :id").param("id", s.id())
                .query(Double.class).single()).isEqualTo(1.8);
        assertThat(openAlarms(s.id())).as("1.6 and more for 10 minutes, over the limit of 1.5").contains("THRESHOLD");
        assertThat(jdbc.sql("select count(*) from sensing_reading_pending").query(Long.class).single()).isZero();
    }

    @Test
    void anAlarmRaisedBeforeARestartStillClearsAfterIt() throws Exception {
        Sensor s = manhole();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.HOURS);
        send(s, t0, 1.6, 1.7, 1.8);
        await().atMost(Duration.ofSeconds(10)).until(() -> openAlarms(s.id()).contains("THRESHOLD"));

        alarms.rolledBack(); // forgets every rule's state, as a restart does
        send(s, t0.plus(15, ChronoUnit.MINUTES), 1.2);

        await().atMost(Duration.ofSeconds(10)).until(() -> !openAlarms(s.id()).contains("THRESHOLD"));
    }

    @Test
    void aBatchSentAgainOrARestartAfterItWasDigestedAddsNothing() throws Exception {
        Sensor s = manhole();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(6, ChronoUnit.HOURS);
        send(s, t0, 0.3, 0.4, 0.5);
        await().atMost(Duration.ofSeconds(10)).until(() -> rolledUp(s.id()) >= 3);

        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(batch(s.id(), t0, 0.3, 0.4, 0.5, 0.6)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(1)).andExpect(jsonPath("$.duplicates").value(3));
        digest.stop();
        digest.start();
        // the digest catches up before it takes new batches: once this one is in, the catch-up is done
        send(s, t0.plus(1, ChronoUnit.HOURS), 0.7);
        await().atMost(Duration.ofSeconds(10)).until(() -> rolledUp(s.id()) >= 5);

        assertThat(rolledUp(s.id())).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from sensing_reading_pending").query(Long.class).single()).isZero();
    }

    @Test
    void theSweepLeavesABatchAnotherInstanceIsDigestingAndTakesOneLeftBehind() throws Exception {
        Sensor s = manhole();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(9, ChronoUnit.HOURS);
        // two batches another instance took in: one a moment ago (it is digesting it), one it left pending two minutes ago (it died)
        Instant inFlight = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        Instant orphaned = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        committedNotDigested(s.id(), inFlight, t0, 0.4, 0.5);
        committedNotDigested(s.id(), orphaned, t0.plus(1, ChronoUnit.HOURS), 0.6, 0.7, 0.8);
        try {
            jdbc.sql("update platform_job_lock set lock_until = locked_at").update();
            digest.sweep();

            await().atMost(Duration.ofSeconds(10)).until(() -> rolledUp(s.id()) >= 3);
            assertThat(rolledUp(s.id())).as("the orphaned batch, and only it").isEqualTo(3);
            assertThat(jdbc.sql("select count(*) from sensing_reading_pending where received_at = :r")
                    .param("r", Timestamp.from(inFlight)).query(Long.class).single()).as("left to its instance").isOne();
        } finally {
            digest.catchUp(false);
        }
        assertThat(rolledUp(s.id())).isEqualTo(5);
    }

    private Sensor manhole() throws Exception {
        String id = "D-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("meicheng", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"%s","name":"test","rimLevel":2.0,"thresholdHigh":1.5}"""
                                .formatted(id, MEICHENG)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Sensor(id, json.readTree(answer).get("token").asString());
    }

    /** Readings five minutes apart from {@code from}. */
    private static String batch(String sensor, Instant from, double... values) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(sensor).append("\",\"observedAt\":\"")
                    .append(from.plus(5L * i, ChronoUnit.MINUTES)).append("\",\"value\":").append(values[i]).append('}');
        }
        return batch.append(']').toString();
    }

    private void send(Sensor s, Instant from, double... values) throws Exception {
        mvc.perform(post("/api/telemetry").header("Authorization", "Device " + s.token())
                        .contentType(MediaType.APPLICATION_JSON).content(batch(s.id(), from, values)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(values.length));
    }

    private void committedNotDigested(String sensor, Instant receivedAt, Instant from, double... values) {
        for (int i = 0; i < values.length; i++) {
            jdbc.sql("insert into sensing_reading (sensor_id, observed_at, value, received_at) values (:s, :at, :v, :r)")
                    .param("s", sensor).param("at", Timestamp.from(from.plus(5L * i, ChronoUnit.MINUTES))).param("v", values[i])
                    .param("r", Timestamp.from(receivedAt)).update();
        }
        jdbc.sql("insert into sensing_reading_pending (received_at, readings) values (:r, :n)")
                .param("r", Timestamp.from(receivedAt)).param("n", values.length).update();
    }

    private long rolledUp(String sensor) {
        return jdbc.sql("select coalesce(sum(n), 0) from sensing_reading_hourly where sensor_id = :id").param("id", sensor)
                .query(Long.class).single();
    }

    private List<String> openAlarms(String sensor) {
        return jdbc.sql("select type from sensing_alarm where sensor_id = :id and state <> 'CLEARED' order by type")
                .param("id", sensor).query(String.class).list();
    }
}
