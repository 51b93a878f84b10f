package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The public check-in as a phone sees it on the wire, through the real web server: what MockMvc
 * cannot show (chunking, compression, cookies).
 */
@IntegrationTest
class PublicCheckinOverHttpTest {

    private static final AtomicInteger VISITORS = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired MeterRegistry meters;
    @Autowired JdbcClient jdbc;

    /** From an address of its own on the loopback network, clear of other tests' per-client rate limit. */
    private final HttpClient http;

    PublicCheckinOverHttpTest() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(InetAddress.getByName("127.0.0.66"))
                .build();
    }

    @Test
    void aReturningVisitorsCheckinIsAnsweredWholeWithItsLengthUncompressedAndWithoutASession() throws Exception {
        String code = venue("梅城东门停车场");
        String token = json.readTree(checkIn(code, "{\"phone\":\"" + phone() + "\",\"consent\":true}", null).body())
                .get("visitorToken").asString();

        HttpResponse<byte[]> answer = checkIn(venue("梅城西门停车场"), "{}", token);

        assertThat(answer.statusCode()).isEqualTo(201);
        // one piece with its length: not chunked, and too small to be worth gzip although the phone accepts it
        assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length);
        assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("sameVisit").asBoolean()).isFalse();
        assertThat(body.get("venue").asString()).isEqualTo("梅城西门停车场");
        // still the security headers, and no session for anything to ride on
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void refusalsComeWholeAsProblemDetails() throws Exception {
        HttpResponse<byte[]> unknownVenue = checkIn("ZZZZZZZZZZ", "{\"phone\":\"" + phone() + "\",\"consent\":true}", null);
        assertThat(unknownVenue.statusCode()).isEqualTo(404);
        assertThat(unknownVenue.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(unknownVenue.headers().firstValueAsLong("Content-Length")).hasValue(unknownVenue.body().length);

        String code = venue("梅城南门停车场");
        HttpResponse<byte[]> forged = checkIn(code, "{}", "A".repeat(43));
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(json.readTree(forged.body()).get("field").asString()).isEqualTo("X-Visitor-Token");

        HttpResponse<byte[]> notJson = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/checkin/" + code)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("13900001234")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(notJson.statusCode()).isEqualTo(415);
    }

    /**
     * A returning visitor's plain check-in takes the fast lane ({@link ReturningCheckinFilter});
     * one with a field it does not know goes the ordinary way. Both answer alike.
     */
    private double declined() {
        return meters.find("townbrain.checkin.returning.declined").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void theFastLaneAnswersLikeTheOrdinaryPath() throws Exception {
        String token = json.readTree(checkIn(venue("梅城汽车站"), "{\"phone\":\"" + phone() + "\",\"consent\":true}", null)
                .body()).get("visitorToken").asString();
        Timer fast = meters.get("townbrain.checkin.returning").timer();

        // once in a full CI run the very first returning check-in of the context went the ordinary way
        // (reason unknown; the declined counter now says why); the second one is the one that counts
        double handled = fast.count() + declined();
        checkIn(venue("梅城新安江路口"), "{}", token);
        // the fast lane times a check-in after its answer is written: wait until this one is counted, one way or the other
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> fast.count() + declined() >= handled + 1);
        long before = fast.count();
        HttpResponse<byte[]> quick = checkIn(venue("梅城老街口"), "{\"phone\":\"\",\"consent\":null}", token);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> fast.count() + declined() >= handled + 2);
        assertThat(fast.count()).as(() -> "answered by the fast lane; handed on: " + meters.find(
                "townbrain.checkin.returning.declined").counters().stream().map(c -> c.getId().getTag("reason") + "="
                + c.count()).toList()).isEqualTo(before + 1);
        HttpResponse<byte[]> ordinary = checkIn(venue("梅城古码头"), "{\"note\":\"到了\"}", token);
        assertThat(fast.count()).as("a field the fast lane does not know: the ordinary path").isEqualTo(before + 1);

        assertThat(quick.statusCode()).isEqualTo(201);
        assertThat(ordinary.statusCode()).isEqualTo(201);
        assertThat(quick.headers().map().keySet()).isEqualTo(ordinary.headers().map().keySet());
        for (String header : List.of("Content-Type", "Cache-Control", "X-Content-Type-Options", "X-Frame-Options", "Pragma",
                "Expires", "X-XSS-Protection")) {
            assertThat(quick.headers().allValues(header)).as(header).isEqualTo(ordinary.headers().allValues(header));
        }
        JsonNode a = json.readTree(quick.body());
        JsonNode b = json.readTree(ordinary.body());
        assertThat(a.propertyNames()).containsExactlyElementsOf(b.propertyNames());
        assertThat(a.get("venue").asString()).isEqualTo("梅城老街口");
        assertThat(a.get("visitorToken").asString()).isEqualTo(token);
        assertThat(a.get("checkinId").asLong()).isNotEqualTo(b.get("checkinId").asLong());
    }

    /**
     * Visitors scanning at once are written in groups; each visitor scans the same gate three
     * times at once, which must still be one visit: one row, one id, one answer that is not a repeat.
     */
    @Test
    void scansAtOnceAreOneVisitPerVisitorAndGate() throws Exception {
        String first = venue("梅城南站");
        String gate = venue("梅城体育馆北门");
        int visitors = 12;
        List<HttpClient> phones = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            // an address of its own per visitor, clear of the per-client rate limit
            HttpClient phone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName("127.0.1." + (10 + v))).build();
            phones.add(phone);
            tokens.add(json.readTree(send(phone, first, "{\"phone\":\"" + phone() + "\",\"consent\":true}", null).body())
                    .get("visitorToken").asString());
        }
        List<Callable<JsonNode>> scans = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            for (int again = 0; again < 3; again++) {
                HttpClient phone = phones.get(v);
                String token = tokens.get(v);
                scans.add(() -> {
                    HttpResponse<byte[]> answer = send(phone, gate, "{}", token);
                    assertThat(answer.statusCode()).isEqualTo(201);
                    return json.readTree(answer.body());
                });
            }
        }
        List<JsonNode> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(scans.size())) {
            for (Future<JsonNode> answer : pool.invokeAll(scans)) {
                answers.add(answer.get());
            }
        }
        for (int v = 0; v < visitors; v++) {
            List<JsonNode> mine = answers.subList(v * 3, v * 3 + 3);
            assertThat(mine.stream().map(a -> a.get("checkinId").asLong()).distinct()).as("visitor %d", v).hasSize(1);
            assertThat(mine.stream().filter(a -> !a.get("sameVisit").asBoolean())).as("visitor %d", v).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from checkin_checkin c join checkin_venue v on v.id = c.venue_id where v.code = :code")
                .param("code", gate).query(Long.class).single()).isEqualTo(visitors);
    }

    @Test
    void onlyThePublicCheckinSkipsLoginAndCsrf() throws Exception {
        HttpResponse<byte[]> registration = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/checkin/venues")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"townCode\":\"330182104\",\"type\":\"MARKET\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(registration.statusCode()).as("neither credentials nor a CSRF token: refused").isEqualTo(403);

        HttpResponse<byte[]> form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/c/" + venue("梅城北门停车场"))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("phone=" + phone() + "&consent=true")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(form.statusCode()).as("the HTML form without its CSRF token is a forgery").isEqualTo(403);
    }

    private HttpResponse<byte[]> checkIn(String code, String body, String token) throws Exception {
        return send(http, code, body, token);
    }

    private HttpResponse<byte[]> send(HttpClient http, String code, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/checkin/" + code))
                .header("Content-Type", "application/json").header("Accept-Encoding", "gzip, deflate, br")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Visitor-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String venue(String name) throws Exception {
        String basic = Base64.getEncoder().encodeToString("meicheng:demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/checkin/venues")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"townCode\":\"330182104\",\"type\":\"OTHER\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("code").asString();
    }

    private static String phone() {
        return String.format("1380066%04d", VISITORS.incrementAndGet());
    }
}
