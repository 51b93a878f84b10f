package org.townbrain.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.IntegrationTest;

/**
 * A login lives in PostgreSQL, not in the server's memory, so a restart does not end it: here the
 * real server is asked with the session cookie, and the session row is what decides.
 */
@IntegrationTest
class PersistentSessionTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aLoginIsASessionRowAndEndsWithIt() throws Exception {
        String base = "http://localhost:" + port;
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = sessionCookie(form.headers().allValues("Set-Cookie"));
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=meicheng&password=demo&_csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String loggedIn = sessionCookie(login.headers().allValues("Set-Cookie"));

        assertThat(jdbc.sql("select count(*) from access_session where principal_name = 'meicheng'")
                .query(Integer.class).single()).isPositive();
        assertThat(get(base + "/cases", loggedIn).statusCode()).isEqualTo(200);

        // the row is the session: without it (as after losing the database, not after a restart) the cookie means nothing
        jdbc.sql("delete from access_session where principal_name = 'meicheng'").update();
        HttpResponse<String> after = get(base + "/cases", loggedIn);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(List<String> setCookies) {
        return setCookies.stream().filter(c -> c.startsWith("SESSION=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no SESSION cookie in " + setCookies));
    }
}
