package org.townbrain.cases;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * 全程代办 end to end: the town opens a request and assigns an agent; the agent completes the
 * first step; a resident types the code on a 375x812 phone and follows it without logging in.
 */
@IntegrationTest
class AgencyTrackBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void aResidentFollowsARequestByItsCodeOnAPhone() throws Exception {
        String base = "http://localhost:" + port;
        String code;
        WebDriver desk = Browser.open(1280, 900);
        try {
            Browser.login(desk, base, "meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(desk, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            desk.get(base + "/services");
            new Select(desk.findElement(By.name("type"))).selectByValue("INDIVIDUAL_BUSINESS");
            desk.findElement(By.name("summary")).sendKeys("代办小吃店个体户登记");
            desk.findElement(By.name("applicantName")).sendKeys("赵师傅");
            desk.findElement(By.name("applicantContact")).sendKeys("13600001111");
            desk.findElement(By.cssSelector("form.grid-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
            code = desk.findElement(By.id("tracking-code")).getText();
            new Select(desk.findElement(By.name("assignee"))).selectByValue("agent.meicheng");
            desk.findElement(By.cssSelector("#assign-form button")).click();
            wait.until(ExpectedConditions.textToBe(By.id("service-assignee"), "梅城镇代办员（演示）"));
            screenshot(desk, "agency-service-town.png");
        } finally {
            desk.quit();
        }
        WebDriver agent = Browser.open(375, 812);
        try {
            Browser.login(agent, base, "agent.meicheng", "demo");
            WebDriverWait wait = new WebDriverWait(agent, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            agent.get(base + "/services");
            agent.findElement(By.linkText(code)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tracking-code")));
            agent.findElement(By.cssSelector("form[action$='/advance'] button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#service-steps li.done")));
        } finally {
            agent.quit();
        }
        WebDriver phone = Browser.open(375, 812);
        try {
            WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(15));
            phone.get(base + "/track/service");
            phone.findElement(By.name("code")).sendKeys(code.toLowerCase());
            phone.findElement(By.cssSelector("#track-form button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("service-steps")));
            String text = phone.findElement(By.tagName("main")).getText();
            assertThat(text).contains("个体工商户登记代办").contains("办理中").contains("材料收取").contains("市场监管部门办理")
                    .contains("办理期限").contains("已有代办员为您办理")
                    .doesNotContain("赵师傅").doesNotContain("13600001111").doesNotContain("小吃店");
            assertThat(phone.findElements(By.cssSelector("#service-steps li.done"))).hasSize(1);
            assertThat(phone.findElements(By.cssSelector("#service-steps li.current .step-deadline"))).hasSize(1);
            Long scrollWidth = (Long) ((JavascriptExecutor) phone).executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth).as("no sideways scrolling on a 375 px phone").isLessThanOrEqualTo(375L);
            assertThat(phone.getCurrentUrl()).doesNotContain("/login");
            screenshot(phone, "agency-track-phone-375.png");
            phone.get(base + "/track/service?code=DB22222222");
            assertThat(phone.findElement(By.id("track-missing")).getText()).contains("没有找到");
        } finally {
            phone.quit();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
