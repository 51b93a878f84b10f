package org.townbrain.checkin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
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

/**
 * Benchmark, not a test: the returning-visitor flow in headless Chromium on a 375 px window,
 * from opening {@code /C/{code}} to the confirmation shown, 25 times at 25 venues. Run with
 * {@code ./mvnw test -Dtest=CheckinFlowBench -Dgroups=bench -Dbench=true}; see bench/checkin.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
@IntegrationTest
class CheckinFlowBench {

    private static final int RUNS = 25; // under the per-client burst (30) of the rate limit: all requests come from 127.0.0.1

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    @Test
    void returningVisitorFlow() throws Exception {
        String[] codes = new String[RUNS + 1];
        for (int i = 0; i <= RUNS; i++) {
            String body = mvc.perform(post("/api/checkin/venues").with(httpBasic("meicheng", "demo"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"流程压测场所" + i + "\",\"townCode\":\"330182104\",\"type\":\"OTHER\"}"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            codes[i] = json.readTree(body).get("code").asString();
        }
        String base = "http://localhost:" + port;
        WebDriver browser = Browser.open(375, 812);
        long[] millis = new long[RUNS];
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get(base + "/C/" + codes[RUNS]);
            browser.findElement(By.id("phone")).sendKeys("13700001234");
            browser.findElement(By.id("consent")).click();
            browser.findElement(By.cssSelector("#first-form button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                browser.get(base + "/C/" + codes[i]);
                browser.findElement(By.id("confirm")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
                millis[i] = (System.nanoTime() - started) / 1_000_000;
            }
        } finally {
            browser.quit();
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        String result = String.format("returning-visitor flow, %d runs: min %d ms, median %d ms, p90 %d ms, max %d ms%n"
                + "all (ms, in order): %s%n", RUNS, sorted[0], sorted[RUNS / 2], sorted[(int) (RUNS * 0.9)], sorted[RUNS - 1],
                Arrays.toString(millis));
        System.out.print(result);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "checkin-flow.txt"), result);
    }
}
