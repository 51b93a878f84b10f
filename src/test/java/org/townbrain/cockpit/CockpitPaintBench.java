package org.townbrain.cockpit;

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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
 * Cockpit benchmark on the Jiande demo county: server time per level (through MockMvc, the
 * whole web stack minus the socket) and first contentful paint in headless Chromium on a wall
 * screen and a phone, with screenshots. Writes bench/cockpit/RESULTS.md.
 * Run: ./mvnw test -Dgroups=bench -DexcludedGroups=none -Dtest=CockpitPaintBench
 */
@Tag("bench")
@IntegrationTest
class CockpitPaintBench {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;

    @Test
    void measure() throws Exception {
        StringBuilder out = new StringBuilder("# Cockpit benchmark (Jiande demo county)\n\n");
        out.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.version")).append(", same machine as the browser.\n\n");
        out.append("## Server time of GET /api/cockpit (ms, 50 calls after 10 warm-up)\n\n| level | p50 | p95 | max |\n|---|---|---|---|\n");
        var county = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(users.loadUserByUsername("county"));
        String[][] levels = {{"county", "330182"}, {"cluster", "1"}, {"town", "330182104"}, {"village", "330182104011"}};
        long[] baseline = time(() -> mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/regions/types").with(county)));
        out.append(row("baseline: /api/regions/types", baseline));
        for (String[] level : levels) {
            long[] t = time(() -> mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .get("/api/cockpit").param("level", level[0]).param("id", level[1]).with(county)));
            out.append(row(level[0], t));
        }
        out.append("\n## First contentful paint of /cockpit in headless Chromium (ms, 10 loads)\n\n| layout | p50 | max |\n|---|---|---|\n");
        for (int[] size : new int[][] {{1920, 1080}, {375, 812}}) {
            WebDriver browser = Browser.open(size[0], size[1]);
            try {
                Browser.login(browser, "http://localhost:" + port, "county", "demo");
                List<Long> paints = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    browser.get("http://localhost:" + port + "/cockpit?level=county");
                    new WebDriverWait(browser, Duration.ofSeconds(20))
                            .until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
                    Object fcp = ((JavascriptExecutor) browser).executeScript(
                            "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? Math.round(e.startTime) : -1;");
                    if (i > 0) {
                        paints.add(((Number) fcp).longValue());
                    }
                }
                paints.sort(null);
                out.append("| ").append(size[0]).append("×").append(size[1]).append(" | ").append(paints.get(paints.size() / 2))
                        .append(" | ").append(paints.getLast()).append(" |\n");
                Path shot = Path.of("bench", "cockpit", "cockpit-" + size[0] + "x" + size[1] + ".png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
        Files.writeString(Path.of("bench", "cockpit", "RESULTS.md"), out.toString());
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
