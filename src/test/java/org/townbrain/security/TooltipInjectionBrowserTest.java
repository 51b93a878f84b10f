package org.townbrain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** Issue 22: a device named with HTML put an element into every viewer's page through the map tooltip. */
@IntegrationTest
class TooltipInjectionBrowserTest {

    private static final String PAYLOAD = "窨井<img src=x class=tb-injected><b class=tb-injected>粗</b>";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Test
    void aDeviceNameShowsAsTextInTheMapTooltip() throws Exception {
        String id = "X-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/sensing/devices").with(httpBasic("meicheng", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"id":"%s","kind":"MANHOLE_LEVEL","townCode":"330182104","name":"%s","lat":29.547,"lon":119.491,"rimLevel":2.0}"""
                                .formatted(id, PAYLOAD)))
                .andExpect(status().isCreated());
        WebDriver browser = Browser.open(1280, 900);
        try {
            Browser.login(browser, "http://localhost:" + port, "meicheng", "demo");
            browser.get("http://localhost:" + port + "/sensing");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sensor-map path.leaflet-interactive")));
            List<WebElement> markers = browser.findElements(By.cssSelector("#sensor-map path.leaflet-interactive"));
            boolean seen = false;
            for (WebElement marker : markers) {
                new Actions(browser).moveToElement(marker).perform();
                List<WebElement> tips = browser.findElements(By.cssSelector(".leaflet-tooltip"));
                seen |= tips.stream().anyMatch(t -> t.getText().contains("<img src=x"));
            }
            Object injected = ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelectorAll('.tb-injected').length");
            assertThat(((Number) injected).intValue()).as("no element of the payload in the DOM").isZero();
            assertThat(seen).as("the payload was shown, as text, in a tooltip").isTrue();
        } finally {
            browser.quit();
        }
    }
}
