package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * A grid worker reports (上报) on a 375 px phone from where he stands: the browser's real
 * geolocation (position set through the DevTools protocol, as a phone's GPS would give it)
 * inside his demo grid; the case lands in that grid and is listed under "my grids".
 */
@IntegrationTest
class GridWorkerPhoneBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aReportFromThePhonesPositionLandsInHisGridAndHisGridList() throws Exception {
        String base = "http://localhost:" + port;
        String description = "网格内垃圾堆积 " + UUID.randomUUID().toString().substring(0, 8);
        Path photo = Files.createTempFile("report", ".png");
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        WebDriver phone = Browser.open(375, 812);
        try {
            ChromiumDriver chromium = (ChromiumDriver) phone;
            chromium.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base, "permissions", java.util.List.of("geolocation")));
            // inside 梅花社区西网格（演示）, 330182104013001, worked by grid.meicheng
            chromium.executeCdpCommand("Emulation.setGeolocationOverride",
                    Map.of("latitude", 29.5435, "longitude", 119.4962, "accuracy", 8));
            Browser.login(phone, base, "grid.meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            phone.get(base + "/cases/new");
            wait.until(d -> d.findElement(By.id("map")).getDomAttribute("data-grids-ready") != null);
            new Select(phone.findElement(By.name("categoryCode"))).selectByValue("E0103");
            phone.findElement(By.name("description")).sendKeys(description);
            phone.findElement(By.cssSelector("button.use-gps")).click();
            wait.until(d -> "119.496200".equals(d.findElement(By.name("longitude")).getDomProperty("value")));
            phone.findElement(By.name("photo")).sendKeys(photo.toAbsolutePath().toString());
            screenshot(phone, "grid-worker-report-375.png");
            phone.findElement(By.cssSelector("#report-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.case-detail")));
            assertThat(phone.findElement(By.id("case-grid")).getText()).contains("梅花社区西网格（演示）").contains("330182104013001");
            String ref = phone.findElement(By.cssSelector("dd.mono")).getText();
            screenshot(phone, "grid-worker-case-375.png");

            phone.get(base + "/cases?grid=mine");
            assertThat(phone.findElement(By.id("search-results")).getText()).contains(ref);
            Long scrollWidth = (Long) chromium.executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);
            screenshot(phone, "grid-worker-my-grids-375.png");
        } finally {
            phone.quit();
            Files.deleteIfExists(photo);
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
