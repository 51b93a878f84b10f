package org.townbrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** A person in a real browser: the county overview, the map, and jurisdiction in the UI. */
@IntegrationTest
class OverviewBrowserTest {

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theCountyOfficeSeesSixteenTownsOnTheOverviewWithTheMapAndChart() throws Exception {
        WebDriver browser = Browser.open(1920, 1080);
        try {
            Browser.login(browser, base(), "county", "demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/overview"));
            assertThat(browser.findElements(By.cssSelector("#towns tbody tr"))).hasSize(16);
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("建德市");
            wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#map path.leaflet-interactive")));
            wait.until(ExpectedConditions.attributeToBe(By.id("type-chart"), "data-ready", "true"));
            screenshot(browser, "overview-wall-1920x1080.png");

            browser.findElement(By.cssSelector("a.lang")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "beautiful towns overview"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aTownUserOnAPhoneSeesTheirTownButNotAnotherOne() throws Exception {
        WebDriver browser = Browser.open(375, 812);
        try {
            Browser.login(browser, base(), "meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/towns/330182104"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("梅城镇");
            assertThat(browser.findElements(By.cssSelector("#villages tbody tr"))).hasSize(18);
            screenshot(browser, "town-phone-375.png");
            Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);

            browser.get(base() + "/towns/330182109");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("404");
            assertThat(browser.getPageSource()).doesNotContain("寿昌镇工作").contains("不在您的辖区");
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
