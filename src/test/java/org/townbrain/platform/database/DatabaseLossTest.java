package org.townbrain.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of the PostgreSQL postmaster while requests run, against the application in
 * its own JVM (so the shared test context never sees it): requests answer 503 with
 * {@code Retry-After} (a problem detail for the API, a page for people), never 500;
 * {@code /actuator/health} says DOWN within 5 s; when the server is back the application serves
 * again without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseLossTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseLossTest.class);
    private static final String COUNTY = "Basic " + Base64.getEncoder().encodeToString("county:demo".getBytes(StandardCharsets.UTF_8));

    private Path dir;
    private EmbeddedPostgresServer database;
    private Process app;
    private Path appLog;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void startDatabaseAndApplication() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "database-loss-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        database = EmbeddedPostgresServer.start(dir.resolve("db"), false);
        port = freePort();
        appLog = dir.resolve("app.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.townbrain.TownBrainApplication",
                "--server.port=" + port,
                "--townbrain.db.url=" + database.jdbcUrl(),
                "--townbrain.db.user=" + database.username(),
                "--townbrain.db.password=" + database.password(),
                "--townbrain.demo.enabled=true",
                "--townbrain.data-dir=" + dir.resolve("app"),
                "--logging.file.name=" + dir.resolve("townbrain.log")));
        app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!health().contains("\"UP\"")) {
            assertThat(app.isAlive()).as("the application died while starting:%n%s", tail()).isTrue();
            assertThat(System.nanoTime() - deadline).as("the application did not start:%n%s", tail()).isNegative();
            Thread.sleep(250);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void killedDatabaseAnswers503ReportsDownAndRecoversWithoutARestart() throws Exception {
        assertThat(get("/api/cases", "application/json").statusCode()).isEqualTo(200);

        // requests keep coming while the postmaster dies
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            boolean page = i % 2 == 1;
            load.submit(() -> {
                while (running.get()) {
                    try {
                        int status = get(page ? "/cases" : "/api/cases", page ? "text/html" : "application/json").statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException e) {
                        statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                    } catch (InterruptedException e) {
                        return null;
                    }
                }
                return null;
            });
        }
        Thread.sleep(1000);
        long pid = database.postmasterPid().orElseThrow();
        long killed = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());

        // health says DOWN within 5 s of the kill
        double downAfter = -1;
        while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
            String health = health();
            if (health.contains("\"DOWN\"")) {
                downAfter = (System.nanoTime() - killed) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        assertThat(downAfter).as("seconds until /actuator/health said DOWN").isBetween(0.0, 5.0);

        // while it is down: 503 with Retry-After, a problem detail for the API, a page for people
        HttpResponse<String> api = get("/api/cases", "application/json");
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":503");
        HttpResponse<String> page = get("/cases", "text/html");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<html").contains("数据库暂时不可用");

        // the server comes back on the same address; the application serves again by itself
        long restarting = System.nanoTime();
        database.restartAfterCrash();
        double recoveredAfter = -1;
        while (System.nanoTime() - restarting < TimeUnit.SECONDS.toNanos(60)) {
            if (health().contains("\"UP\"") && get("/api/cases", "application/json").statusCode() == 200) {
                recoveredAfter = (System.nanoTime() - restarting) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        running.set(false);
        load.shutdown();
        load.awaitTermination(30, TimeUnit.SECONDS);
        log.info("database loss: health DOWN {} s after kill -9, recovered {} s after the server was back; statuses {}",
                String.format("%.1f", downAfter), String.format("%.1f", recoveredAfter), statuses);
        assertThat(recoveredAfter).as("seconds until the application served again").isBetween(0.0, 30.0);
        assertThat(get("/cases", "text/html").statusCode()).isEqualTo(200);
        assertThat(statuses.keySet()).as("statuses while the database died and came back: %s", statuses)
                .allMatch(s -> s == 200 || s == 503);
        assertThat(statuses).containsKey(503);
    }

    private String health() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", COUNTY).header("Accept", accept).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(appLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
