package org.townbrain.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** A county leader drills down from the county to a town on the wall screen; the live feed connects. */
@IntegrationTest
class CockpitBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void drillsDownFromTheCountyToAClusterAndATownWithTheLiveFeedConnected() {
        WebDriver browser = Browser.open(1920, 1080);
        try {
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "county", "demo");
            browser.get(base + "/cockpit?level=county");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.attributeToBe(By.id("cockpit"), "data-live", "true"));
            wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
            assertThat(browser.findElements(By.cssSelector("#children tbody tr"))).hasSizeGreaterThanOrEqualTo(5);

            click(wait, By.linkText("梅城千鹤·三江口"));
            wait.until(ExpectedConditions.urlContains("level=cluster"));
            click(wait, By.linkText("梅城镇"));
            wait.until(ExpectedConditions.urlContains("id=330182104"));
            assertThat(browser.findElement(By.cssSelector(".crumbs.big")).getText()).contains("建德市", "梅城千鹤·三江口", "梅城镇");
            assertThat(browser.findElements(By.cssSelector("#children tbody tr"))).hasSize(18);
            assertThat(browser.getPageSource()).as("no phone numbers on the cockpit").doesNotContainPattern("(?<![0-9.])1[3-9]\\d{9}(?![0-9])");
            Long overflow = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow).isLessThanOrEqualTo(0L);
        } finally {
            browser.quit();
        }
    }

    /**
     * Clicks what the selector finds, finding it again when the live feed swapped the board in
     * between (a sensor reading from anywhere in the county refreshes it).
     */
    private static void click(WebDriverWait wait, By target) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
            driver.findElement(target).click();
            return true;
        });
    }
}
