package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** The town page's map shows the seat where the source puts it, on a phone and a desk, and a county admin corrects it by clicking. */
@IntegrationTest
class RegionSeatBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JiandeDemoCounty demo;

    @AfterEach
    void restoreTheSourcedSeat() {
        jdbc.sql("update region_town set longitude = null, latitude = null where position_source = 'COUNTY_ADMIN'").update();
        demo.loadSeats();
    }

    @Test
    void theTownMapShowsTheSeatMarkerOnAPhoneAndADesk() throws Exception {
        String base = "http://localhost:" + port;
        for (int[] size : new int[][] {{375, 812}, {1920, 1080}}) {
            WebDriver browser = Browser.open(size[0], size[1]);
            try {
                Browser.login(browser, base, "county", "demo");
                browser.get(base + "/towns/330182104");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
                // the seat and the two village seats the source has for 梅城, each a circle marker labelled by name
                wait.until(d -> d.findElements(By.cssSelector("#map path.leaflet-interactive")).size() >= 3);
                List<String> labels = browser.findElements(By.cssSelector("#map .leaflet-tooltip")).stream()
                        .map(e -> e.getDomProperty("textContent")).toList();
                assertThat(labels).contains("梅城镇");
                assertThat(browser.findElement(By.id("position-source")).getText())
                        .startsWith("位置来源：Vonng/adcode").contains("WGS-84");
                WebElement map = browser.findElement(By.id("map"));
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
                screenshot(browser, "town-seat-" + size[0] + ".png");
                if (size[0] > 1000) {
                    // a county admin corrects the seat: click the map beside the marker, save
                    new Actions(browser).moveToElement(map, 90, 70).click().perform();
                    wait.until(d -> !d.findElement(By.name("longitude")).getDomProperty("value").startsWith("119.499109"));
                    browser.findElement(By.cssSelector("#position-form button[type=submit]")).click();
                    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("position-source"), "县级管理员校正"));
                    wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
                    screenshot(browser, "town-seat-corrected-" + size[0] + ".png");
                    assertThat(jdbc.sql("select position_by from region_town where code = '330182104'").query(String.class)
                            .single()).isEqualTo("county");
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
