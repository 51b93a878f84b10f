package org.townbrain.sensing.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/**
 * Ingest throughput through {@code POST /api/telemetry} (real HTTP, 4 client threads, batches of
 * 2,000 readings of one device) against raw {@code COPY} of the same number of rows into the same
 * table in the same run, and the latency from posting a threshold breach to its webhook
 * notification under that load. Appends to {@code bench/sensing/RESULTS-ingest.md}.
 */
@IntegrationTest
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class IngestThroughputBench {

    static final int SENSORS = 100;
    static final int PER_SENSOR = 2_000;
    static final int BATCH = 2_000;

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void postVersusCopy() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            int at = body.indexOf("BENCH-" + run + "-");
            if (at >= 0) {
                notifiedAt.putIfAbsent(body.substring(at, at + ("BENCH-" + run + "-").length() + 3), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        hook.start();
        mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"townCode\":\"330182111\",\"name\":\"bench\",\"channel\":\"WEBHOOK\",\"target\":\"http://127.0.0.1:"
                        + hook.getAddress().getPort() + "/\",\"minSeverity\":3}"));

        List<String[]> sensors = new ArrayList<>();
        for (int s = 0; s < SENSORS; s++) {
            String id = "BENCH-" + run + "-" + String.format("%03d", s);
            String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("county", "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content("""
                            {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"330182111","name":"%s","rimLevel":3.0,"thresholdHigh":2.0}"""
                            .formatted(id, id))).andReturn().getResponse().getContentAsString();
            sensors.add(new String[] {id, json.readTree(answer).get("token").asString()});
        }
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(PER_SENSOR * 60L + 3600, ChronoUnit.SECONDS);
        // one batch per sensor; in the last batch of every tenth sensor the level breaches the threshold
        List<Callable> work = new ArrayList<>();
        Map<String, Long> breachSent = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        for (int s = 0; s < SENSORS; s++) {
            String[] sensor = sensors.get(s);
            boolean breach = s % 10 == 0;
            for (int b = 0; b < PER_SENSOR / BATCH; b++) {
                StringBuilder body = new StringBuilder(BATCH * 80).append('[');
                for (int i = 0; i < BATCH; i++) {
                    int k = b * BATCH + i;
                    double v = breach && k >= PER_SENSOR - 20 ? 2.5 : 0.3 + 0.1 * Math.sin(k / 30.0);
                    body.append(i == 0 ? "" : ",").append("{\"sensorId\":\"").append(sensor[0]).append("\",\"observedAt\":\"")
                            .append(t0.plusSeconds(60L * k)).append("\",\"value\":")
                            .append(String.format(Locale.ROOT, "%.3f", v)).append('}');
                }
                String payload = body.append(']').toString();
                boolean last = b == PER_SENSOR / BATCH - 1;
                work.add(() -> {
                    long sent = System.nanoTime();
                    if (breach && last) {
                        breachSent.put(sensor[0], sent);
                    }
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/telemetry"))
                            .header("Authorization", "Device " + sensor[1]).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                    return null;
                });
            }
        }
        Collections.shuffle(work, new java.util.Random(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable c : work) {
            futures.add(pool.submit(c::call));
        }
        for (Future<Object> f : futures) {
            f.get();
        }
        double postSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long stored = jdbc.sql("select count(*) from sensing_reading where sensor_id like :p").param("p", "BENCH-" + run + "-%")
                .query(Long.class).single();

        // raw COPY of the same number of rows (other sensor ids) into the same partitioned table
        StringBuilder csv = new StringBuilder(SENSORS * PER_SENSOR * 60);
        String received = Instant.now().toString();
        for (int s = 0; s < SENSORS; s++) {
            for (int k = 0; k < PER_SENSOR; k++) {
                csv.append("COPY-").append(run).append('-').append(s).append(',').append(t0.plusSeconds(60L * k)).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", 0.3 + 0.1 * Math.sin(k / 30.0))).append(',')
                        .append(received).append('\n');
            }
        }
        long copyStart = System.nanoTime();
        long copied;
        try (var connection = dataSource.getConnection()) {
            copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy sensing_reading (sensor_id, observed_at, value, received_at) from stdin with (format csv)",
                    new StringReader(csv.toString()));
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (notifiedAt.size() < breachSent.size() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<Double> latencies = new ArrayList<>();
        breachSent.forEach((id, sent) -> {
            Long got = notifiedAt.get(id);
            if (got != null) {
                latencies.add((got - sent) / 1e6);
            }
        });
        Collections.sort(latencies);
        hook.stop(0);

        double postRate = stored / postSeconds;
        double copyRate = copied / copySeconds;
        String result = String.format(Locale.ROOT, """

                ### Ingest run %s (%s)

                | path | readings | seconds | readings/s |
                |---|---|---|---|
                | POST /api/telemetry (HTTP, 4 clients, %d-reading batches, checks + roll-ups + alarm rules + forecaster) | %d | %.2f | %.0f |
                | raw COPY into sensing_reading (same row count, same run) | %d | %.2f | %.0f |

                POST reaches %.0f %% of raw COPY. Alarm latency from posting a breaching batch to the webhook call
                (%d alarms of %d, while the load ran): median %.0f ms, max (≈ p99 at this count) %.0f ms.
                """, run, Instant.now(), BATCH, stored, postSeconds, postRate, copied, copySeconds, copyRate,
                100 * postRate / copyRate, latencies.size(), breachSent.size(),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() / 2),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
        StringBuilder phases = new StringBuilder("Server time per phase (all batches, summed over threads): ");
        for (String phase : List.of("check", "store", "rules")) {
            var timer = meters.find("townbrain.sensing.ingest").tag("phase", phase).timer();
            if (timer != null) {
                phases.append(String.format(Locale.ROOT, "%s %.2f s; ", phase, timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000));
            }
        }
        result += phases.append('\n');
        System.out.println(result);
        Path out = Path.of("bench", "sensing", "RESULTS-ingest.md");
        Files.writeString(out, result, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    interface Callable {
        Object call() throws Exception;
    }
}
