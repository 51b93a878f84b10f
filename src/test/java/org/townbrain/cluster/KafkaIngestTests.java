package org.townbrain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.townbrain.platform.database.EmbeddedPostgresServer;
import org.townbrain.support.ChildApp;

/**
 * Kafka as the ingest log (#21 item 3), with a real broker (KRaft, in this JVM) and two
 * instances in their own JVMs on one database: readings sent to either instance are
 * acknowledged once the broker has them, stored once, and digested (rules, forecaster) by the
 * instance that reads their partition; when one instance is killed with {@code kill -9}, the
 * survivor takes its partitions within the group's session timeout, stores everything that was
 * acknowledged, and raises alarms for the catchments it took over; with the broker gone,
 * ingest answers 503 with Retry-After and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaIngestTests {

    private static final int PARTITIONS = 4;
    private static final int SENSORS = 8;
    private static final String TOWN = "330182104";

    private Path dir;
    private EmbeddedPostgresServer database;
    private EmbeddedKafkaKraftBroker broker;
    private ChildApp a;
    private ChildApp b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "kafka-ingest-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        database = EmbeddedPostgresServer.start(dir.resolve("db"), false);
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        a = ChildApp.start("a", dir, database, kafka());
        try (Connection db = connect()) {
            for (int i = 0; i < SENSORS; i++) {
                execute(db, """
                        insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, token_hash, token_prefix, created_at)
                        values ('%s', 'manhole_level', '%s', 'Kafka 测试井 %d', 29.55, 119.47, 3.0, '%s', 'tbd_kaf', now())"""
                        .formatted(sensor(i), TOWN, i, sha256(token(i))));
            }
        }
        b = ChildApp.start("b", dir, database, kafka());
    }

    private List<String> kafka() {
        return List.of("--townbrain.sensing.kafka.enabled=true",
                "--townbrain.sensing.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--townbrain.sensing.kafka.partitions=" + PARTITIONS,
                "--townbrain.sensing.kafka.ack-timeout=3s",
                "--townbrain.sensing.kafka.session-timeout=6s");
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.process().destroyForcibly(); // its consumer would wait for the broker the test took away
        }
        ChildApp.stopAll(a, b);
        if (broker != null) {
            broker.destroy();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void acknowledgedReadingsAreStoredOnceAndTheSurvivorTakesOverTheCatchments() throws Exception {
        // load through both instances, A killed mid-load
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean aDead = new AtomicBoolean();
        AtomicBoolean killing = new AtomicBoolean();
        AtomicInteger refusedByDeadA = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong seconds = new AtomicLong();
        Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    int s = (client * 2 + n) % SENSORS;
                    ChildApp target = (n++ % 2 == 0 && !aDead.get()) ? a : b;
                    List<Instant> times = new ArrayList<>();
                    StringBuilder body = new StringBuilder("[");
                    for (int r = 0; r < 20; r++) {
                        Instant at = base.plusSeconds(seconds.incrementAndGet());
                        times.add(at);
                        body.append(r == 0 ? "" : ",").append("{\"sensorId\":\"").append(sensor(s))
                                .append("\",\"observedAt\":\"").append(at).append("\",\"value\":1.0}");
                    }
                    try {
                        HttpResponse<String> answer = post(target, s, body.append(']').toString());
                        if (answer.statusCode() == 200) {
                            times.forEach(t -> acknowledged.add(sensor(s) + "@" + t));
                        } else {
                            errors.add(target.name() + " " + answer.statusCode() + " " + answer.body());
                        }
                    } catch (java.io.IOException e) {
                        if (target == a && killing.get()) {
                            refusedByDeadA.incrementAndGet(); // not acknowledged: nothing promised
                        } else {
                            errors.add(target.name() + " " + e);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        errors.add(target.name() + " " + e);
                    }
                }
            });
        }
        Thread.sleep(5_000);
        killing.set(true); // requests in flight to A from now on may die with it, unacknowledged
        a.process().destroyForcibly(); // SIGKILL
        assertThat(a.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        aDead.set(true);
        long killedAt = System.nanoTime();
        Thread.sleep(5_000);
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).as("unexpected answers").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(100);

        // every acknowledged reading is stored (once: the primary key), by whichever instance read its partition
        try (Connection db = connect()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stored(db).containsAll(acknowledged));
            long storedFromLoad = stored(db).size();
            Duration allStored = Duration.ofNanos(System.nanoTime() - killedAt);

            // the survivor digests every catchment, A's included: a level over the alarm line (80 % of the rim)
            // for five minutes raises one alarm per sensor
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int s = 0; s < SENSORS; s++) {
                String body = "[{\"sensorId\":\"%1$s\",\"observedAt\":\"%2$s\",\"value\":2.7},{\"sensorId\":\"%1$s\",\"observedAt\":\"%3$s\",\"value\":2.8}]"
                        .formatted(sensor(s), now.minus(Duration.ofMinutes(6)), now);
                assertThat(post(b, s, body).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(db, "select count(distinct sensor_id) from sensing_alarm where sensor_id like 'KAFKA-%' "
                            + "and type = 'THRESHOLD'") == SENSORS);
            assertThat(count(db, "select count(*) from sensing_alarm where sensor_id like 'KAFKA-%' and type = 'THRESHOLD'"))
                    .as("one alarm per sensor's episode").isEqualTo(SENSORS);
            Set<Integer> aHad = partitionsOnceReadBy(a);
            Set<Integer> bHad = partitionsOnceReadBy(b);
            assertThat(aHad).as("A read partitions before its death").isNotEmpty();
            assertThat(bHad).as("B read every partition after A's death").containsAll(aHad);
            System.out.printf("kafka ingest: %d readings acknowledged through two instances (%d requests refused by the "
                    + "killed A), all %d stored once %d s after the kill; A read partitions %s, B took them over; "
                    + "alarms for all %d sensors on the survivor%n", acknowledged.size(), refusedByDeadA.get(),
                    storedFromLoad, allStored.toSeconds(), aHad, SENSORS);

            // the broker gone: nothing is promised, nothing stored
            broker.destroy();
            broker = null;
            Instant lost = now.plusSeconds(1);
            long started = System.nanoTime();
            HttpResponse<String> refused = post(b, 0, "[{\"sensorId\":\"%s\",\"observedAt\":\"%s\",\"value\":1.0}]"
                    .formatted(sensor(0), lost));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(tookMs).as("answered within the ack timeout and a little").isLessThan(10_000);
            Thread.sleep(2_000);
            assertThat(stored(db)).doesNotContain(sensor(0) + "@" + lost);
        }
    }

    /** The partitions an instance logged as taken ("partitions [townbrain.readings-0, …] now read here"). */
    private static Set<Integer> partitionsOnceReadBy(ChildApp app) throws Exception {
        Set<Integer> partitions = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("townbrain\\.readings-(\\d+)").matcher(
                String.join("\n", app.appLog().lines().filter(l -> l.contains("now read here")).toList()));
        while (m.find()) {
            partitions.add(Integer.parseInt(m.group(1)));
        }
        return partitions;
    }

    private HttpResponse<String> post(ChildApp target, int sensor, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(target.url("/api/telemetry")))
                .header("Authorization", "Device " + token(sensor)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> stored(Connection db) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select sensor_id, observed_at from sensing_reading where sensor_id like 'KAFKA-%'")) {
            while (rs.next()) {
                stored.add(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant());
            }
        }
        return stored;
    }


    private static String sensor(int i) {
        return "KAFKA-" + i;
    }

    private static String token(int i) {
        return "tbd_kafka_test_token_" + i;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
