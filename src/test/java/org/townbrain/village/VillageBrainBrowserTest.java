package org.townbrain.village;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * The small brain in a real Chromium: a village's grid worker on a phone reports burning and
 * records a check-in; town staff reach it from the town page; the wall's village level shows
 * it without names and without scrolling at 1920×1080 and 3840×2160. Screenshots go to
 * {@code target/screenshots/village/} (the ones in {@code bench/village/} were copied from there).
 */
@IntegrationTest
class VillageBrainBrowserTest {

    /** Where the screenshots go (copied to bench/village/ by hand when the pages change; a test never writes tracked files). */
    private static final Path SHOTS = Path.of(System.getProperty("townbrain.screenshots", "target/screenshots/village"));
    static final String QIANHE = "330182104232";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aGridWorkerOnAPhoneSeesTheVillageAndReportsBurning() throws Exception {
        ensureBrainWithAnElder();
        WebDriver browser = Browser.open(375, 812);
        try {
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "grid.qianhe", "demo");
            browser.get(base + "/villages/" + QIANHE + "/brain");
            String page = browser.findElement(By.tagName("main")).getText();
            assertThat(page).contains("乡村小脑", "生产", "生活", "生态", "农田与大棚", "独居老人关爱", "农村污水终端", "灌溉建议规则");
            assertThat(page).as("names masked").contains("孙**").doesNotContain("孙阿婆");
            assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth")).as("no sideways scroll").isLessThanOrEqualTo(0L);
            screenshot(browser, "village-brain-375x812.png", true);

            browser.findElement(By.cssSelector("#reports input[name=description]")).sendKeys("村东头田里焚烧秸秆");
            browser.findElement(By.cssSelector("#reports button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".alert"), "已上报"));
            assertThat(browser.findElement(By.id("reports")).getText()).contains("村东头田里焚烧秸秆");

            // another village is not found for this grid worker
            browser.get(base + "/villages/330182107238/brain");
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("乡村小脑 ·");
        } finally {
            browser.quit();
        }
    }

    @Test
    void townStaffReachTheBrainFromTheTownPageOnADesk() throws Exception {
        ensureBrainWithAnElder();
        WebDriver browser = Browser.open(1366, 900);
        try {
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "meicheng", "demo");
            browser.get(base + "/towns/330182104");
            browser.findElement(By.id("town-village-brains")).click();
            browser.findElement(By.linkText("千鹤村委会")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/brain"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("千鹤村委会", "乡村小脑");
            screenshot(browser, "village-brain-desk.png", true);
        } finally {
            browser.quit();
        }
    }

    @Test
    void theWallsVillageLevelShowsTheBrainWithoutNamesOrScrollingAtFullHd() throws Exception {
        wall(1920, 1080);
    }

    @Test
    void theWallsVillageLevelShowsTheBrainAt4k() throws Exception {
        wall(3840, 2160);
    }

    private void wall(int width, int height) throws Exception {
        ensureBrainWithAnElder();
        WebDriver browser = Browser.open(width, height);
        try {
            ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "county", "demo");
            browser.get(base + "/cockpit/wall?code=" + QIANHE);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.attributeToBe(By.id("cockpit"), "data-live", "true"));
            wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
            String brain = browser.findElement(By.id("wall-brain")).getText();
            assertThat(brain).contains("乡村小脑", "生产", "生活", "生态", "农田与大棚", "独居老人关爱", "垃圾分类", "农村污水终端");
            assertThat(browser.getPageSource()).as("no personal data on the wall").doesNotContain("孙阿婆", "孙**");
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                    const d = document.documentElement;
                    return { sh: d.scrollHeight, sw: d.scrollWidth, ih: innerHeight, iw: innerWidth,
                      over: [...document.querySelectorAll('.wall-panel')].filter(p => p.scrollWidth > p.clientWidth + 1
                        || p.scrollHeight > p.clientHeight + 1).map(p => p.className).join(' ') };""");
            screenshot(browser, "village-wall-" + width + "x" + height + ".png", false);
            assertThat(((Number) m.get("sh")).longValue()).as("no vertical scroll").isLessThanOrEqualTo(height);
            assertThat(((Number) m.get("sw")).longValue()).as("no horizontal scroll").isLessThanOrEqualTo(width);
            assertThat((String) m.get("over")).as("panels whose content overflows").isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** The brain and one watched elder, made here rather than taken from the demo rows. */
    private void ensureBrainWithAnElder() {
        jdbc.sql("""
                insert into village_brain (village_code, town_code, demo, created_at) values (:v, '330182104', false, now())
                on conflict do nothing""").param("v", QIANHE).update();
        jdbc.sql("""
                insert into village_elder (village_code, name, method, consent_at, consent_by)
                select :v, '孙阿婆', 'CHECKIN', now(), '本人签字同意'
                where not exists (select 1 from village_elder where name = '孙阿婆')""").param("v", QIANHE).update();
    }

    private static void screenshot(WebDriver browser, String name, boolean fullPage) throws Exception {
        Files.createDirectories(SHOTS);
        if (fullPage) {
            Object h = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
            ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", ((Number) ((JavascriptExecutor) browser).executeScript("return innerWidth")).intValue(),
                            "height", Math.min(6000, ((Number) h).intValue()), "deviceScaleFactor", 1, "mobile", false));
        }
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        if (fullPage) {
            ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
