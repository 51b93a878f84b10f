package org.townbrain.tourism;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import java.util.List;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/** The county office sees the places and the routes drawn on the tourism map, and the 909 night markets' figures. */
@IntegrationTest
class TourismMapBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void routesAreDrawnOnTheMapAndNightMarketsShowTheirVisitors() throws Exception {
        String base = "http://localhost:" + port;
        WebDriver desk = Browser.open(1440, 900);
        try {
            Browser.login(desk, base, "county", "demo");
            WebDriverWait wait = new WebDriverWait(desk, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            desk.get(base + "/tourism");
            wait.until(ExpectedConditions.attributeToBe(By.id("tourism-map"), "data-ready", "true"));
            var data = new tools.jackson.databind.ObjectMapper().readTree(desk.findElement(By.id("tourism-map")).getDomAttribute("data-map"));
            int places = data.get("markers").size();
            int routes = data.get("lines").size();
            assertThat(places).as("the places with positions").isGreaterThanOrEqualTo(33);
            assertThat(routes).as("routes drawn").isGreaterThanOrEqualTo(18);
            // the places are circle markers (white outline), the routes lines (no fill) in the route colours
            // the map takes its view once the county boundary has come
            new WebDriverWait(desk, Duration.ofSeconds(45)).until(
                    d -> d.findElements(By.cssSelector("#tourism-map path[stroke='#fff']")).size() >= places);
            List<WebElement> lines = desk.findElements(By.cssSelector("#tourism-map path[fill='none']"));
            assertThat(lines.size()).as("route lines on the map").isGreaterThanOrEqualTo(routes);
            String night = desk.findElement(By.id("night-markets")).getText();
            assertThat(night).contains("寿昌“909”夜宵一条街").contains("17:00–次日 02:00").doesNotContain("NIGHT_MARKET");
            assertThat(desk.findElements(By.cssSelector("#night-markets tbody tr")).size()).isGreaterThanOrEqualTo(4);
            ((org.openqa.selenium.JavascriptExecutor) desk).executeScript("document.getElementById('tourism-map-card').scrollIntoView()");
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve("tourism-map-county.png"), ((TakesScreenshot) desk).getScreenshotAs(OutputType.BYTES));
        } finally {
            desk.quit();
        }
    }
}
