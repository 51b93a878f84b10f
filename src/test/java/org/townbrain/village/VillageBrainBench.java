package org.townbrain.village;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * Village small brain benchmark on the demo villages: server time of
 * {@code GET /api/village-brains/{code}} against a trivial API as baseline, and first contentful
 * paint of the wall's village level in headless Chromium at 1920×1080 (goal ≤ 1 s).
 * Writes bench/village/RESULTS.md. Run:
 * {@code ./mvnw test -Dgroups=bench -DexcludedGroups=none -Dtest=VillageBrainBench}
 */
@Tag("bench")
@IntegrationTest
class VillageBrainBench {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;

    @Test
    void measure() throws Exception {
        StringBuilder out = new StringBuilder("# Village small brain benchmark (demo villages)\n\n");
        out.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", browser on the same machine.\n\n");
        out.append("## Server time (ms, 50 calls after 10 warm-up)\n\n| call | p50 | p95 | max |\n|---|---|---|---|\n");
        var county = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(users.loadUserByUsername("county"));
        out.append(row("baseline: GET /api/regions/types", time(() -> mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/regions/types").with(county)))));
        out.append(row("GET /api/village-brains/" + DemoVillages.QIANHE, time(() -> mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/village-brains/" + DemoVillages.QIANHE)
                        .with(county)))));
        out.append("\n## First contentful paint, 1920×1080 (ms, 10 loads after one warm-up)\n\n| page | p50 | max |\n|---|---|---|\n");
        WebDriver browser = Browser.open(1920, 1080);
        try {
            Browser.login(browser, "http://localhost:" + port, "county", "demo");
            for (String page : new String[] {"/cockpit/wall?code=330182104", "/cockpit/wall?code=" + DemoVillages.QIANHE}) {
                List<Long> paints = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    browser.get("http://localhost:" + port + page);
                    new WebDriverWait(browser, Duration.ofSeconds(20))
                            .until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
                    Object fcp = ((JavascriptExecutor) browser).executeScript(
                            "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? Math.round(e.startTime) : -1;");
                    if (i > 0) {
                        paints.add(((Number) fcp).longValue());
                    }
                }
                paints.sort(null);
                out.append("| ").append(page).append(page.endsWith("330182104") ? " (baseline: town level)" : " (village level)")
                        .append(" | ").append(paints.get(paints.size() / 2)).append(" | ").append(paints.getLast()).append(" |\n");
            }
        } finally {
            browser.quit();
        }
        Files.createDirectories(Path.of("bench", "village"));
        Files.writeString(Path.of("bench", "village", "RESULTS.md"), out.toString());
        System.out.println(out);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long[] time(Call call) throws Exception {
        for (int i = 0; i < 10; i++) {
            call.run();
        }
        long[] micros = new long[50];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        return micros;
    }

    private static String row(String label, long[] micros) {
        return String.format("| %s | %.1f | %.1f | %.1f |%n", label, micros[micros.length / 2] / 1000.0,
                micros[(int) (micros.length * 0.95)] / 1000.0, micros[micros.length - 1] / 1000.0);
    }
}
