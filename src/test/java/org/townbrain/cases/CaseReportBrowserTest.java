package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** A grid worker reports a problem from a phone with a photo; the county office finds it and may accept it. */
@IntegrationTest
class CaseReportBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aGridWorkerReportsOnAPhoneAndTheCountySeesIt() throws Exception {
        String base = "http://localhost:" + port;
        String description = "村口垃圾堆积，无人清运 " + UUID.randomUUID().toString().substring(0, 8);
        Path photo = Files.createTempFile("report", ".png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        String ref;
        WebDriver phone = Browser.open(375, 812);
        try {
            Browser.login(phone, base, "grid.meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            phone.get(base + "/cases/new");
            new Select(phone.findElement(By.name("categoryCode"))).selectByValue("E0103");
            phone.findElement(By.name("description")).sendKeys(description);
            wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
            new Actions(phone).moveToElement(phone.findElement(By.id("map"))).click().perform();
            wait.until(d -> !d.findElement(By.name("longitude")).getDomProperty("value").isEmpty());
            phone.findElement(By.name("photo")).sendKeys(photo.toAbsolutePath().toString());
            Long scrollWidth = (Long) ((JavascriptExecutor) phone).executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);
            screenshot(phone, "case-report-phone-375.png");
            phone.findElement(By.cssSelector("#report-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.case-detail")));
            ref = phone.findElement(By.cssSelector("dd.mono")).getText();
            assertThat(phone.findElement(By.tagName("h1")).getText()).contains("积存垃圾渣土").contains("待受理");
            assertThat(phone.findElements(By.cssSelector(".photos img"))).hasSize(1);
            assertThat(phone.findElements(By.cssSelector("form.action"))).as("a grid worker cannot accept").isEmpty();
        } finally {
            phone.quit();
            Files.deleteIfExists(photo);
        }

        WebDriver desk = Browser.open(1440, 900);
        try {
            Browser.login(desk, base, "county", "demo");
            WebDriverWait wait = new WebDriverWait(desk, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            desk.get(base + "/cases");
            assertThat(desk.findElement(By.cssSelector("table.cases")).getText()).contains(ref);
            desk.findElement(By.linkText(ref)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.action[data-action=accept]")));
            assertThat(desk.getPageSource()).contains(description);
            desk.findElement(By.cssSelector("form.action[data-action=accept] button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "已立案"));
            screenshot(desk, "case-detail-county.png");
        } finally {
            desk.quit();
        }
    }

    @Test
    void theCountySeesStatisticsWithAChartAndTheOrderList() throws Exception {
        String base = "http://localhost:" + port;
        WebDriver desk = Browser.open(1440, 900);
        try {
            Browser.login(desk, base, "county", "demo");
            WebDriverWait wait = new WebDriverWait(desk, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            desk.get(base + "/case-statistics?from=2025-01-01&to=2026-12-31");
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("[data-cases-chart]"), "data-ready", "true"));
            assertThat(desk.findElement(By.id("figures")).getText()).contains("梅城镇").contains("∑");
            screenshot(desk, "case-statistics-county.png");
            desk.get(base + "/orders");
            assertThat(desk.findElements(By.cssSelector("#orders tbody tr")).size()).isGreaterThanOrEqualTo(56);
            screenshot(desk, "orders-county.png");
        } finally {
            desk.quit();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
