package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
