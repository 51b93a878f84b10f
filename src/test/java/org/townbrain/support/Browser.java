package org.townbrain.support;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Debian's chromedriver: no browser download. {@code ./run-tests}
 * installs both; without them a browser test fails and names the packages ({@link Requirements}).
 */
public final class Browser {

    private static final Path CHROMIUM = Requirements.Component.BROWSER.program(0);
    private static final Path CHROMEDRIVER = Requirements.Component.BROWSER.program(1);

    private Browser() {
    }

    /** A new headless browser with the given window size (e.g. 375×812 for a phone). */
    public static WebDriver open(int width, int height) {
        Requirements.require(Requirements.Component.BROWSER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=zh-CN", "--window-size=" + Math.max(width, 500) + "," + height);
        if (width < 500) {
            // desktop windows cannot be narrower than 500 px: emulate the phone's viewport instead
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /** Logs in through the real login form. */
    public static void login(WebDriver driver, String baseUrl, String username, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        // the next navigation must not overtake the login
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }
}
