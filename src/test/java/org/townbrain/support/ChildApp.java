package org.townbrain.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.townbrain.platform.database.EmbeddedPostgresServer;

/**
 * The application in its own JVM (same class path) on a given database, for tests of several
 * instances: it can be killed with {@code kill -9} like a real server. Public writes are not
 * throttled, as the load comes from one address.
 */
public record ChildApp(String name, Process process, int port, Path log) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Starts an instance named {@code name} with the demo county and extra arguments, and waits until it is healthy. */
    public static ChildApp start(String name, Path dir, EmbeddedPostgresServer database, List<String> arguments)
            throws Exception {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.townbrain.TownBrainApplication",
                "--server.port=" + port,
                "--townbrain.db.url=" + database.jdbcUrl(),
                "--townbrain.db.user=" + database.username(),
                "--townbrain.db.password=" + database.password(),
                "--townbrain.demo.enabled=true",
                "--townbrain.data-dir=" + dir.resolve(name),
                "--townbrain.sensing.forecast-lease.instance=" + name,
                "--logging.file.name=" + dir.resolve(name + "-app.log")));
        for (String limit : List.of("public", "open311", "telemetry", "checkin")) {
            for (String knob : List.of("client-burst", "client-per-minute", "global-burst", "global-per-minute")) {
                command.add("--townbrain.throttle.limits." + limit + "." + knob + "=10000000");
            }
        }
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildApp app = new ChildApp(name, process, port, log);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            assertThat(process.isAlive()).as("instance %s died while starting:%n%s", name, app.tail()).isTrue();
            assertThat(System.nanoTime() - deadline).as("instance %s did not start:%n%s", name, app.tail()).isNegative();
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return app;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    /** Stops the instances (SIGTERM, then SIGKILL after 30 s). */
    public static void stopAll(ChildApp... apps) {
        for (ChildApp app : apps) {
            if (app != null) {
                app.process().destroy();
            }
        }
        for (ChildApp app : apps) {
            if (app != null) {
                try {
                    app.process().waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                app.process().destroyForcibly();
            }
        }
    }

    /** The last 40 lines of its console. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Its application log (the file the logging system writes). */
    public String appLog() throws IOException {
        Path file = log.resolveSibling(name + "-app.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
