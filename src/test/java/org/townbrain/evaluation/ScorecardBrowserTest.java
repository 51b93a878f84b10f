package org.townbrain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** People in a real browser: the county office reads a scorecard; a resident answers the survey on a phone. */
@IntegrationTest
class ScorecardBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    CatalogueRepository catalogues;
    @Autowired
    org.townbrain.region.Regions regions;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void theCountyOfficeSeesMeichengsScorecardWithTheRadarAndTheChecklist() throws Exception {
        WebDriver browser = Browser.open(1280, 900);
        try {
            Browser.login(browser, base(), "county", "demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/overview"));
            browser.get(base() + "/evaluation/2025/towns/330182104");
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("梅城镇");
            assertThat(browser.findElement(By.id("tier")).getText()).isEqualTo("样板");
            wait.until(ExpectedConditions.attributeToBe(By.id("radar"), "data-ready", "true"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#radar canvas")));
            assertThat(browser.findElements(By.cssSelector("#signature li"))).hasSize(10);
            assertThat(browser.findElements(By.cssSelector("#indicators tbody tr")).size()).isGreaterThan(55);
            wait.until(ExpectedConditions.attributeToBe(By.id("trend"), "data-ready", "true"));
            screenshot(browser, "evaluation-scorecard-1280.png");

            browser.get(base() + "/evaluation/2025");
            assertThat(browser.findElements(By.cssSelector("#ranking tbody tr"))).hasSize(15);
            assertThat(browser.findElements(By.cssSelector("#clusters tbody tr"))).isNotEmpty();
            screenshot(browser, "evaluation-ranking-1280.png");
            browser.get(base() + "/evaluation/2025/funding");
            assertThat(browser.findElements(By.cssSelector("#funding tbody tr"))).hasSize(15);
            screenshot(browser, "evaluation-funding-1280.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aTownUserOnAPhoneSeesTheirScorecardWithoutSidewaysScrolling() throws Exception {
        WebDriver browser = Browser.open(375, 812);
        try {
            Browser.login(browser, base(), "meicheng", "demo");
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/towns/330182104"));
            browser.get(base() + "/evaluation");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.urlContains("/evaluation/2025/towns/330182104"));
            wait.until(ExpectedConditions.attributeToBe(By.id("radar"), "data-ready", "true"));
            Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);
            screenshot(browser, "evaluation-scorecard-phone-375.png");
            browser.get(base() + "/evaluation/2025/towns/330182109");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("404");
        } finally {
            browser.quit();
        }
    }

    /** A year of its own with an open survey: the demo years are accepted, so their surveys are closed. */
    private static final int SURVEY_YEAR = 2039;

    @Test
    void aResidentAnswersTheSurveyOnAPhoneOnceWithTheCodeOnTheirCard() throws Exception {
        if (catalogues.find(SURVEY_YEAR).isEmpty()) {
            catalogues.save(JiandeDemoEvaluation.catalogue(SURVEY_YEAR, regions.townTypes().stream()
                    .map(org.townbrain.region.TownType::code).collect(java.util.stream.Collectors.toSet())));
        }
        String cards = mvc.perform(post("/evaluation/" + SURVEY_YEAR + "/survey-codes").with(httpBasic("county", "demo"))
                        .with(csrf()).param("town", "330182109").param("count", "1"))
                .andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher url = java.util.regex.Pattern.compile("/survey/" + SURVEY_YEAR + "/330182109\\?c=[0-9A-Z]{10}")
                .matcher(cards);
        assertThat(url.find()).isTrue();
        WebDriver browser = Browser.open(375, 812);
        try {
            browser.get(base() + url.group()); // the QR code on the card
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("寿昌镇");
            List<WebElement> questions = browser.findElements(By.cssSelector("fieldset.question"));
            assertThat(questions).hasSize(20);
            for (WebElement question : questions) {
                question.findElement(By.cssSelector("input[value='1']")).click();
            }
            Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);
            screenshot(browser, "evaluation-survey-phone-375.png");
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));

            browser.get(base() + url.group());
            assertThat(browser.findElement(By.id("already")).isDisplayed()).isTrue();
            assertThat(browser.findElements(By.cssSelector("fieldset.question"))).isEmpty();
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
