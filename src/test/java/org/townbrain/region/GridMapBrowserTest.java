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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * The town map without a 天地图 key is not empty: county outline, seats and the unit grids,
 * labelled, on a phone and a desk; a county admin draws a new grid by clicking its corners.
 */
@IntegrationTest
class GridMapBrowserTest {

    static final String DRAWN = "330182104013903";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GridIndex index;

    @AfterEach
    void removeTheDrawnGrid() {
        jdbc.sql("delete from region_grid where code = :c").param("c", DRAWN).update();
        index.changed();
    }

    @Test
    void theTownMapShowsTheGridsAndACountyAdminDrawsOne() throws Exception {
        String base = "http://localhost:" + port;
        for (int[] size : new int[][] {{375, 812}, {1920, 1080}}) {
            WebDriver browser = Browser.open(size[0], size[1]);
            try {
                Browser.login(browser, base, "county", "demo");
                browser.get(base + "/towns/330182104");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-grids-ready", "4"));
                List<String> labels = browser.findElements(By.cssSelector("#map .leaflet-tooltip.grid-label")).stream()
                        .map(e -> e.getDomProperty("textContent")).toList();
                assertThat(labels).hasSize(4).contains("梅花社区西网格（演示）", "宝华洲社区东网格（演示）");
                assertThat(browser.findElement(By.id("map")).findElements(By.cssSelector("svg path.leaflet-interactive")))
                        .as("outline, seats and 4 grids drawn as vectors, no tiles").hasSizeGreaterThanOrEqualTo(7);
                assertThat(browser.findElements(By.cssSelector("#map img.leaflet-tile"))).isEmpty();
                assertThat(browser.findElement(By.id("unit-grids")).getText()).contains("330182104013001", "grid.meicheng", "演示");
                WebElement map = browser.findElement(By.id("map"));
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
                screenshot(browser, "town-grids-" + size[0] + ".png");
                if (size[0] > 1000) {
                    draw(browser, wait, map);
                }
            } finally {
                browser.quit();
            }
        }
    }

    private void draw(WebDriver browser, WebDriverWait wait, WebElement map) throws Exception {
        wait.until(ExpectedConditions.attributeToBe(By.id("grid-form"), "data-ready", "true"));
        new Select(browser.findElement(By.name("villageCode"))).selectByValue("330182104013");
        browser.findElement(By.name("code")).sendKeys(DRAWN);
        browser.findElement(By.cssSelector("#grid-form input[name=name]")).sendKeys("梅花北网格");
        browser.findElement(By.name("workers")).sendKeys("grid.meicheng");
        browser.findElement(By.cssSelector("#grid-form [data-action=draw]")).click();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
        // four corners north of the demo grids of 宝华洲 and 梅花, away from the seat markers
        double[][] corners = {{29.5452, 119.4925}, {29.5452, 119.4950}, {29.5462, 119.4950}, {29.5462, 119.4925}};
        for (double[] c : corners) {
            @SuppressWarnings("unchecked")
            List<Number> p = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                    "const m = document.getElementById('map').townbrainMap; const p = m.latLngToContainerPoint([arguments[0], arguments[1]]);"
                            + " return [p.x, p.y];", c[0], c[1]);
            int dx = (int) Math.round(p.get(0).doubleValue() - map.getSize().getWidth() / 2.0);
            int dy = (int) Math.round(p.get(1).doubleValue() - map.getSize().getHeight() / 2.0);
            new Actions(browser).moveToElement(map, dx, dy).click().perform();
        }
        assertThat(browser.findElement(By.cssSelector("#grid-form [data-count]")).getText()).isEqualTo("4");
        screenshot(browser, "town-grid-drawing-1920.png");
        browser.findElement(By.cssSelector("#grid-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grid-status"), "已保存网格"));
        wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-grids-ready", "5"));
        screenshot(browser, "town-grid-drawn-1920.png");
        assertThat(jdbc.sql("select village_code || ' ' || name from region_grid where code = :c").param("c", DRAWN)
                .query(String.class).single()).isEqualTo("330182104013 梅花北网格");
        // the seat did not move while the corners were clicked
        assertThat(jdbc.sql("select position_source from region_town where code = '330182104'").query(String.class).single())
                .isEqualTo("ADCODE");
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
