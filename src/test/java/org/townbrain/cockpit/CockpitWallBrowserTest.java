package org.townbrain.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * The wall screen in a real Chromium: at 1920×1080 and 3840×2160 it fills the screen without
 * scrolling, its map and chart are drawn and the live feed is connected; on a phone it has no
 * horizontal scroll. Screenshots go to {@code bench/cockpit/} for review.
 */
@IntegrationTest
class CockpitWallBrowserTest {

    /** Screenshots go to target/ (a test never writes tracked files); bench/cockpit/ holds copies. */
    private static final Path SHOTS = Path.of("target", "screenshots", "cockpit");

    @LocalServerPort
    int port;

    @Test
    void fillsAFullHdWallWithoutScrolling() throws Exception {
        wall(1920, 1080);
    }

    @Test
    void fillsA4kWallWithoutScrollingAndScalesUp() throws Exception {
        wall(3840, 2160);
    }

    @Test
    void onAPhoneItRendersWithoutHorizontalScroll() throws Exception {
        WebDriver browser = Browser.open(375, 812);
        try {
            open(browser, "/cockpit/wall?level=town&id=330182104");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat((Long) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .isLessThanOrEqualTo(0L);
            screenshot(browser, "cockpit-375x812.png");
        } finally {
            browser.quit();
        }
    }

    private void wall(int width, int height) throws Exception {
        WebDriver browser = Browser.open(width, height);
        try {
            // the window's size includes the browser's frame: make the page's viewport exactly the screen's
            ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            open(browser, "/cockpit/wall");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) js.executeScript("""
                    const d = document.documentElement, b = document.getElementById('board').getBoundingClientRect();
                    const k = document.querySelector('.wall-kpi b');
                    return { sh: d.scrollHeight, sw: d.scrollWidth, ih: innerHeight, iw: innerWidth,
                      bw: b.width, bh: b.height, kpi: parseFloat(getComputedStyle(k).fontSize),
                      over: [...document.querySelectorAll('.wall-panel, .wall-kpi')]
                        .filter(p => p.scrollWidth > p.clientWidth + 1).length,
                      wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                        .map(e => e.tagName + '.' + e.className).slice(-3).join(' ') };""");
            screenshot(browser, "cockpit-wall-" + width + "x" + height + ".png");
            long ih = ((Number) m.get("ih")).longValue();
            long iw = ((Number) m.get("iw")).longValue();
            assertThat(iw).as("viewport width").isEqualTo(width);
            assertThat(ih).as("viewport height").isEqualTo(height);
            assertThat(((Number) m.get("sh")).longValue()).as("no vertical scroll").isLessThanOrEqualTo(ih);
            assertThat(((Number) m.get("sw")).longValue()).as("no horizontal scroll; too wide: %s", m.get("wide")).isLessThanOrEqualTo(iw);
            assertThat(((Number) m.get("bw")).doubleValue()).as("board width").isGreaterThanOrEqualTo(0.9 * iw);
            assertThat(((Number) m.get("bh")).doubleValue()).as("board height").isGreaterThanOrEqualTo(0.9 * ih);
            assertThat(((Number) m.get("kpi")).doubleValue()).as("KPI figures readable from afar")
                    .isGreaterThanOrEqualTo(height / 32.0);
            assertThat(((Number) m.get("over")).longValue()).as("panels whose content overflows sideways").isZero();
        } finally {
            browser.quit();
        }
    }

    private void open(WebDriver browser, String path) {
        String base = "http://localhost:" + port;
        Browser.login(browser, base, "county", "demo");
        browser.get(base + path);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.attributeToBe(By.id("cockpit"), "data-live", "true"));
        wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
        wait.until(ExpectedConditions.attributeToBe(By.id("wall-chart"), "data-ready", "true"));
        assertThat(browser.findElements(By.cssSelector("#wall-chart svg"))).isNotEmpty();
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
