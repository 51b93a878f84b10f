package org.townbrain.sensing.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * notification under that load. {@value #WARM_UP_ROUNDS} warm-up rounds (not counted), then
 * {@value #ROUNDS} measured rounds, each: POST, wait until the hourly roll-ups hold every
 * stored reading (the derived work has caught up), raw COPY. Appends to
 * {@code bench/sensing/RESULTS-ingest.md}. With {@code -Dbench.jfr=file.jfr} the POST phase of the
 * last round is recorded with Flight Recorder's profile settings.
 */
@IntegrationTest
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class IngestThroughputBench {

    static final int SENSORS = 100;
    static final int BATCH = 2_000;
    static final int ROUNDS = 5;
    /** Not counted: they let the JIT compile the path per reading and per request, as in a server that has been up a while. */
    static final int WARM_UP_ROUNDS = 3;
    static final int CLIENTS = 4;
    /** Every second sensor's batch ends in a breach of its threshold: 50 alarms a round. */
    static final int BREACH_EVERY = 2;

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
    MeterRegistry meters;

    int profiled;
    final String run = UUID.randomUUID().toString().substring(0, 6);
    final Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
    final Map<String, Long> breachSent = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(BATCH * 60L + 3600, ChronoUnit.SECONDS);

    /** CPU seconds used so far by this JVM (server and HTTP client alike) and by the PostgreSQL server. */
    record Cpu(double jvm, double postgres) {
        Cpu minus(Cpu earlier) {
            return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres);
        }
    }

    record Round(long stored, double postSeconds, double caughtUpSeconds, Cpu postCpu, long copied, double copySeconds,
            Cpu copyCpu) {
        double postRate() {
            return stored / postSeconds;
        }

        double copyRate() {
            return copied / copySeconds;
        }

        double share() {
            return postRate() / copyRate();
        }
    }

    @Test
    void postVersusCopy() throws Exception {
        String loadBefore = loadAverages();
        HttpServer hook = webhook();
        try {
            for (int w = 0; w < WARM_UP_ROUNDS; w++) {
                send(requests(register("W" + w, SENSORS), false));
                copy(csv("W" + w, SENSORS));
            }
            List<List<String[]>> sensors = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                sensors.add(register("R" + r, SENSORS));
            }
            Map<String, Double> phasesBefore = phaseSeconds();
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                rounds.add(round("R" + r, sensors.get(r)));
            }
            Map<String, Double> phases = phaseSeconds();
            phases.replaceAll((phase, total) -> total - phasesBefore.getOrDefault(phase, 0.0));
            List<Double> latencies = alarmLatencies();
            String loadAfter = loadAverages();
            report(rounds, latencies, phases, loadBefore, loadAfter);
        } finally {
            hook.stop(0);
        }
    }

    private Round round(String name, List<String[]> sensors) throws Exception {
        List<Callable> requests = requests(sensors, true);
        String csv = csv(name, SENSORS);
        Cpu cpu = cpu();
        jdk.jfr.Recording profile = profile();
        long start = System.nanoTime();
        long stored = send(requests);
        double postSeconds = (System.nanoTime() - start) / 1e9;
        String[] ids = sensors.stream().map(s -> s[0]).toArray(String[]::new);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (rolledUp(ids) < stored && System.nanoTime() < deadline) {
            Thread.sleep(10); // a benchmark polls; spinning would take a core from the server it measures
        }
        double caughtUp = (System.nanoTime() - start) / 1e9;
        if (profile != null) {
            profile.stop(); // writes its destination
            profile.close();
        }
        Cpu copyCpu = cpu();
        Cpu postCpu = copyCpu.minus(cpu);
        long copyStart = System.nanoTime();
        long copied = copy(csv);
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        return new Round(stored, postSeconds, caughtUp, postCpu, copied, copySeconds, cpu().minus(copyCpu));
    }

    /** With {@code -Dbench.jfr=file.jfr}: a Flight Recorder profile of the POST phase of the last round. */
    private jdk.jfr.Recording profile() throws Exception {
        String file = System.getProperty("bench.jfr");
        if (file == null || ++profiled < ROUNDS) {
            return null;
        }
        jdk.jfr.Recording profile = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        profile.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
        profile.setDestination(Path.of(file));
        profile.start();
        return profile;
    }

    /** Linux only: PostgreSQL's from /proc (the postmaster, its live children and those that ended). */
    private Cpu cpu() throws Exception {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        String dataDirectory = jdbc.sql("show data_directory").query(String.class).single();
        String postmaster = Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).getFirst().strip();
        long ticks = 0;
        try (var processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    boolean self = process.getFileName().toString().equals(postmaster);
                    if (self || f[1].equals(postmaster)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + (self ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return new Cpu(jvm, ticks / 100.0); // USER_HZ
    }

    private long rolledUp(String[] sensorIds) {
        return jdbc.sql("select coalesce(sum(n), 0) from sensing_reading_hourly where sensor_id = any(:ids)").param("ids", sensorIds)
                .query(Long.class).single();
    }

    private HttpServer webhook() throws Exception {
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String marker = "BENCH-" + run + "-";
        hook.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long now = System.nanoTime();
            int at = body.indexOf(marker);
            if (at >= 0) {
                int end = at + marker.length();
                while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '-')) {
                    end++;
                }
                notifiedAt.putIfAbsent(body.substring(at, end), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        hook.start();
        mvc.perform(post("/api/notify/roster").with(httpBasic("county", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"townCode\":\"330182111\",\"name\":\"bench\",\"channel\":\"WEBHOOK\",\"target\":\"http://127.0.0.1:"
                        + hook.getAddress().getPort() + "/\",\"minSeverity\":3}"));
        return hook;
    }

    private List<String[]> register(String round, int count) throws Exception {
        List<String[]> sensors = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            String id = "BENCH-" + run + "-" + round + "-" + String.format("%03d", s);
            String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("county", "demo"))
                    .contentType(MediaType.APPLICATION_JSON).content("""
                            {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"330182111","name":"%s","rimLevel":3.0,"thresholdHigh":2.0}"""
                            .formatted(id, id))).andReturn().getResponse().getContentAsString();
            sensors.add(new String[] {id, json.readTree(answer).get("token").asString()});
        }
        return sensors;
    }

    /** One request per sensor with a batch of its readings, in a shuffled order. */
    private List<Callable> requests(List<String[]> sensors, boolean breaches) {
        List<Callable> work = new ArrayList<>();
        for (int s = 0; s < sensors.size(); s++) {
            String[] sensor = sensors.get(s);
            boolean breach = breaches && s % BREACH_EVERY == 0;
            StringBuilder body = new StringBuilder(BATCH * 80).append('[');
            for (int k = 0; k < BATCH; k++) {
                double v = breach && k >= BATCH - 20 ? 2.5 : 0.3 + 0.1 * Math.sin(k / 30.0);
                body.append(k == 0 ? "" : ",").append("{\"sensorId\":\"").append(sensor[0]).append("\",\"observedAt\":\"")
                        .append(t0.plusSeconds(60L * k)).append("\",\"value\":")
                        .append(String.format(Locale.ROOT, "%.3f", v)).append('}');
            }
            byte[] payload = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
            work.add(() -> {
                long sent = System.nanoTime();
                if (breach) {
                    breachSent.put(sensor[0], sent);
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/telemetry"))
                        .header("Authorization", "Device " + sensor[1]).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                return json.readTree(r.body()).get("stored").asLong();
            });
        }
        Collections.shuffle(work, new Random(1));
        return work;
    }

    /** Sends the requests with {@value #CLIENTS} clients and waits for every answer; returns how many readings were stored. */
    private long send(List<Callable> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (Callable c : work) {
                futures.add(pool.submit(c::call));
            }
            long stored = 0;
            for (Future<Long> f : futures) {
                stored += f.get();
            }
            return stored;
        } finally {
            pool.shutdown();
        }
    }

    /** The same number of rows as CSV, for other sensor ids. */
    private String csv(String round, int sensors) {
        StringBuilder csv = new StringBuilder(sensors * BATCH * 60);
        String received = Instant.now().toString();
        for (int s = 0; s < sensors; s++) {
            for (int k = 0; k < BATCH; k++) {
                csv.append("COPY-").append(run).append('-').append(round).append('-').append(s).append(',')
                        .append(t0.plusSeconds(60L * k)).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", 0.3 + 0.1 * Math.sin(k / 30.0))).append(',')
                        .append(received).append('\n');
            }
        }
        return csv.toString();
    }

    /** Raw COPY into the same partitioned table; returns the rows copied. */
    private long copy(String csv) throws Exception {
        try (var connection = dataSource.getConnection()) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy sensing_reading (sensor_id, observed_at, value, received_at) from stdin with (format csv)",
                    new StringReader(csv));
        }
    }

    /** Milliseconds from posting each breaching batch to its first webhook call, sorted. */
    private List<Double> alarmLatencies() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!notifiedAt.keySet().containsAll(breachSent.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<Double> latencies = new ArrayList<>();
        breachSent.forEach((id, sent) -> {
            Long got = notifiedAt.get(id);
            if (got != null) {
                latencies.add((got - sent) / 1e6);
            }
        });
        Collections.sort(latencies);
        return latencies;
    }

    private Map<String, Double> phaseSeconds() {
        Map<String, Double> phases = new TreeMap<>();
        for (Timer timer : meters.find("townbrain.sensing.ingest").timers()) {
            phases.put(timer.getId().getTag("phase"), timer.totalTime(TimeUnit.MILLISECONDS) / 1000);
        }
        return phases;
    }

    /** The 1, 5 and 15-minute load averages, as {@code uptime} shows them. */
    private static String loadAverages() throws java.io.IOException {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1));
    }

    private void report(List<Round> rounds, List<Double> latencies, Map<String, Double> phases, String loadBefore,
            String loadAfter) throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, """

                ### Ingest run %s (%s)

                Load average (1, 5, 15 min) before: %s; after: %s. %d warm-up rounds not counted.

                | round | POST readings | POST s | POST readings/s | derived work caught up after s | CPU µs/reading JVM + PostgreSQL, POST to caught up | COPY readings | COPY s | COPY readings/s | CPU µs/reading JVM + PostgreSQL, COPY | POST / COPY |
                |---|---|---|---|---|---|---|---|---|---|---|
                """, run, Instant.now(), loadBefore, loadAfter, WARM_UP_ROUNDS));
        List<Double> shares = new ArrayList<>();
        List<Double> postRates = new ArrayList<>();
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            shares.add(r.share());
            postRates.add(r.postRate());
            out.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.0f | %.2f | %.1f + %.1f | %d | %.2f | %.0f | %.1f + %.1f | %.0f %% |%n",
                    i + 1, r.stored(), r.postSeconds(), r.postRate(), r.caughtUpSeconds(), 1e6 * r.postCpu().jvm() / r.stored(),
                    1e6 * r.postCpu().postgres() / r.stored(), r.copied(), r.copySeconds(), r.copyRate(),
                    1e6 * r.copyCpu().jvm() / r.copied(), 1e6 * r.copyCpu().postgres() / r.copied(), 100 * r.share()));
        }
        Collections.sort(shares);
        Collections.sort(postRates);
        out.append(String.format(Locale.ROOT, """

                POST (HTTP, %d clients, %d-reading batches of one device each) median %.0f readings/s, median %.0f %% of raw COPY.
                Alarm latency from posting a breaching batch to the webhook call (%d alarms of %d, while the load ran):
                p50 %.0f ms, p99 %.0f ms, max %.0f ms.
                Server time per phase (measured rounds, summed over threads):""", CLIENTS, BATCH,
                postRates.get(postRates.size() / 2), 100 * shares.get(shares.size() / 2), latencies.size(), breachSent.size(),
                percentile(latencies, 50), percentile(latencies, 99),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1)));
        phases.forEach((phase, seconds) -> out.append(String.format(Locale.ROOT, " %s %.2f s;", phase, seconds)));
        out.append('\n');
        System.out.println(out);
        Files.writeString(Path.of("bench", "sensing", "RESULTS-ingest.md"), out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    interface Callable {
        Long call() throws Exception;
    }
}
