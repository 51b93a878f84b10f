package org.townbrain.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** Town staff on a phone: their project ledger, a project with its investment chart, no sideways scrolling. */
@IntegrationTest
class ProjectLedgerBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void townStaffKeepTheirLedgerOnAPhone() throws Exception {
        WebDriver browser = Browser.open(375, 812);
        try {
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/towns/"));
            browser.get(base + "/projects");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("项目台账");
            var items = browser.findElements(By.cssSelector("#projects .project-item"));
            assertThat(items).isNotEmpty();
            assertThat(items).allSatisfy(item -> assertThat(item.getText()).contains("梅城"));
            assertThat(browser.getPageSource()).doesNotContain("【演示】寿昌");
            assertNoSidewaysScrolling(browser);
            screenshot(browser, "projects-ledger-phone-375.png");

            WebElement first = browser.findElement(By.cssSelector("#projects .project-item a"));
            String name = first.getText();
            first.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), name));
            wait.until(ExpectedConditions.attributeToBe(By.id("investment-chart"), "data-ready", "true"));
            assertThat(browser.findElements(By.cssSelector("#investment tbody tr"))).isNotEmpty();
            assertNoSidewaysScrolling(browser);
            screenshot(browser, "project-phone-375.png");

            for (String page : new String[] {"/projects/overview?from=2020-01-01&to=2020-12-31", "/projects/firms",
                    "/projects/services?from=2020-01-01&to=2020-12-31"}) {
                browser.get(base + page);
                assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
                assertNoSidewaysScrolling(browser);
            }
            screenshot(browser, "projects-services-phone-375.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theCountySeesFiguresAndChartsForTheYear() throws Exception {
        WebDriver browser = Browser.open(1280, 900);
        try {
            String base = "http://localhost:" + port;
            Browser.login(browser, base, "county", "demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/overview"));
            browser.get(base + "/projects/overview?from=2020-01-01&to=2020-12-31");
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".stats-chart"), "data-ready", "true"));
            assertThat(browser.findElement(By.id("figures")).getText()).contains("100%").contains("专家服务");
            assertThat(browser.findElements(By.cssSelector("#by-town tbody tr"))).hasSize(16);
            screenshot(browser, "projects-overview-2020-1280.png");
        } finally {
            browser.quit();
        }
    }

    private static void assertNoSidewaysScrolling(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Long scrollWidth = (Long) js.executeScript("return document.documentElement.scrollWidth");
        Object wide = js.executeScript("""
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 376)
                  .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')""");
        assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone; too wide: " + wide).isLessThanOrEqualTo(375L);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
