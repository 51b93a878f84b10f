package org.townbrain.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;
import tools.jackson.databind.ObjectMapper;

/** The duty officer's view on a phone: the live map updates when a reading arrives. */
@IntegrationTest
class SensingBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void theMapShowsSensorsAndAReadingArrivesLive() throws Exception {
        String id = "B-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = mvc.perform(post("/api/sensing/devices").with(httpBasic("county", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"330182104","name":"浏览器窨井","lat":29.546,"lon":119.49,"rimLevel":2.0}"""
                                .formatted(id)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = json.readTree(answer).get("token").asString();
        WebDriver browser = Browser.open(375, 800);
        try {
            Browser.login(browser, "http://localhost:" + port, "meicheng", "demo");
            browser.get("http://localhost:" + port + "/sensing");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sensor-map path.leaflet-interactive")));
            By value = By.cssSelector("tr[data-sensor='" + id + "'] td.value span");
            assertThat(browser.findElement(value).getText()).isEqualTo("—");
            By state = By.cssSelector("tr[data-sensor='" + id + "'] td.online span");
            assertThat(browser.findElement(state).getText()).isEqualTo("离线");
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
            int[] attempt = {0};
            // until the page's event stream is connected, readings go unseen: send a new one each time
            wait.until(d -> {
                String reading = "[{\"sensorId\":\"%s\",\"observedAt\":\"%s\",\"value\":0.77}]"
                        .formatted(id, start.plusSeconds(attempt[0]++));
                try {
                    mvc.perform(post("/api/telemetry").header("Authorization", "Device " + token)
                            .contentType(MediaType.APPLICATION_JSON).content(reading)).andExpect(status().isOk());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return d.findElement(value).getText().equals("0.77");
            });
            // one online state: the live table says what the device page and the cockpit say
            assertThat(browser.findElement(state).getText()).as("the table follows the live reading").isEqualTo("在线");
            browser.get("http://localhost:" + port + "/sensing/devices/" + id);
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("在线").doesNotContain("离线");
            Path shot = Path.of("target", "screenshots", "sensing-map-375.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
