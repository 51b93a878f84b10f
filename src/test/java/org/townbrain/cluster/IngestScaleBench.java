package org.townbrain.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.townbrain.platform.database.EmbeddedPostgresServer;
import org.townbrain.support.ChildApp;

/**
 * Ingest throughput with one and with two instances on one database, directly and through the
 * Kafka ingest log, measured in the same run on the same machine: readings per second
 * acknowledged to the senders, and stored end to end (in {@code sensing_reading}). Writes
 * bench/cluster/RESULTS.md. Run: {@code ./mvnw test -Dgroups=bench -DexcludedGroups=none -Dtest=IngestScaleBench}.
 */
@Tag("bench")
class IngestScaleBench {

    private static final int SENSORS = 40;
    private static final int CLIENTS = 4;
    private static final int BATCH = 2_000;
    private static final int READINGS = Integer.getInteger("bench.readings", 200_000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Result(String path, int instances, int readings, double ackSeconds, double storedSeconds) {
        String row() {
            return "| %s | %d | %d | %.2f | %.0f | %.2f | %.0f |".formatted(path, instances, readings, ackSeconds,
                    readings / ackSeconds, storedSeconds, readings / storedSeconds);
        }
    }

    @Test
    void oneAndTwoInstancesDirectAndThroughKafka() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "ingest-scale-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        EmbeddedPostgresServer database = EmbeddedPostgresServer.start(dir.resolve("db"), false);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
        List<Result> results = new ArrayList<>();
        try {
            List<String> kafka = List.of("--townbrain.sensing.kafka.enabled=true",
                    "--townbrain.sensing.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--townbrain.sensing.kafka.partitions=4");
            int phase = 0;
            for (List<String> arguments : List.of(List.<String>of(), kafka)) {
                String path = arguments.isEmpty() ? "direct (PostgreSQL)" : "Kafka log (acks=all) → PostgreSQL";
                ChildApp a = ChildApp.start("a" + phase, dir, database, arguments);
                ChildApp b = null;
                try {
                    results.add(run(path, database, List.of(a), phase++));
                    b = ChildApp.start("b" + phase, dir, database, arguments);
                    Thread.sleep(15_000); // the group settles (Kafka) and both are warm enough
                    results.add(run(path, database, List.of(a, b), phase++));
                } finally {
                    ChildApp.stopAll(a, b);
                }
            }
        } finally {
            broker.destroy();
            database.stop();
        }
        StringBuilder report = new StringBuilder("\n### Ingest scale run (" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version().feature()
                + ", PostgreSQL, broker and clients on the same machine)\n\n"
                + "| path | instances | readings | s to acknowledge | acknowledged/s | s until stored | stored/s |\n"
                + "|---|---|---|---|---|---|---|\n");
        results.forEach(r -> report.append(r.row()).append('\n'));
        report.append("\nTwo instances / one (stored/s): direct %.2f, Kafka %.2f. Kafka / direct (stored/s, one instance): %.2f.\n"
                .formatted(results.get(1).readings() / results.get(1).storedSeconds() / (results.get(0).readings() / results.get(0).storedSeconds()),
                        results.get(3).readings() / results.get(3).storedSeconds() / (results.get(2).readings() / results.get(2).storedSeconds()),
                        results.get(2).readings() / results.get(2).storedSeconds() / (results.get(0).readings() / results.get(0).storedSeconds())));
        System.out.println(report);
        Path out = Path.of("bench/cluster/RESULTS.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private Result run(String path, EmbeddedPostgresServer database, List<ChildApp> instances, int phase) throws Exception {
        String prefix = "BENCH" + phase + "-";
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement s = db.createStatement()) {
            for (int i = 0; i < SENSORS; i++) {
                s.execute("""
                        insert into sensing_device (id, kind, town_code, name, lat, lon, rim_level_m, token_hash, token_prefix, created_at)
                        values ('%s%d', 'manhole_level', '330182104', '压测井 %d', 29.55, 119.47, 3.0, '%s', 'tbd_ben', now())"""
                        .formatted(prefix, i, i, sha256("tbd_ben_" + prefix + i)));
            }
            Instant base = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            int batches = READINGS / BATCH;
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int n; (n = next.getAndIncrement()) < batches; ) {
                        int sensor = n % SENSORS;
                        StringBuilder body = new StringBuilder("[");
                        for (int r = 0; r < BATCH; r++) {
                            body.append(r == 0 ? "" : ",").append("{\"sensorId\":\"").append(prefix).append(sensor)
                                    .append("\",\"observedAt\":\"").append(base.plusSeconds((long) (n / SENSORS) * BATCH + r))
                                    .append("\",\"value\":1.0}");
                        }
                        ChildApp target = instances.get(n % instances.size());
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(target.url("/api/telemetry")))
                                .header("Authorization", "Device tbd_ben_" + prefix + sensor).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            double ack = (System.nanoTime() - started) / 1e9;
            clients.shutdown();
            int expected = batches * BATCH;
            while (count(s, "select count(*) from sensing_reading where sensor_id like '" + prefix + "%'") < expected) {
                Thread.sleep(50);
            }
            double stored = (System.nanoTime() - started) / 1e9;
            return new Result(path, instances.size(), expected, ack, stored);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
