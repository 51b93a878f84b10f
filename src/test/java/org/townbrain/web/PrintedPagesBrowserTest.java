package org.townbrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.print.PrintOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.townbrain.support.Browser;
import org.townbrain.support.IntegrationTest;

/**
 * A supervision order printed to PDF from Chromium, as a town office prints it: the Chinese title
 * is in the document as text, and on a machine without a Chinese system font the page is set in
 * the font the product serves (TownBrain Sans SC), not in boxes.
 */
@IntegrationTest
class PrintedPagesBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPrintedSupervisionOrderCarriesItsChineseTitleInAFontThatHasIt() throws Exception {
        record Order(long id, String title) {
        }
        Order order = jdbc.sql("select id, title from cases_order order by id limit 1").query(Order.class).single();
        WebDriver browser = Browser.open(1280, 900);
        try {
            Browser.login(browser, "http://localhost:" + port, "county", "demo");
            browser.get("http://localhost:" + port + "/orders/" + order.id());
            // the web font swaps in once loaded: print after the document's fonts are ready
            ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));");
            String pdf = ((PrintsPage) browser).print(new PrintOptions()).getContent();
            try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf))) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
                assertThat(text).contains(order.title().replaceAll("\\s+", ""));
                List<String> fonts = fonts(document.getPage(0));
                if (!hostHasChineseFont()) {
                    assertThat(fonts).as("fonts embedded in the printed page").anyMatch(f -> f.contains("TownBrainSansSC"));
                }
            }
        } finally {
            browser.quit();
        }
    }

    private static List<String> fonts(PDPage page) throws IOException {
        List<String> names = new ArrayList<>();
        for (COSName name : page.getResources().getFontNames()) {
            PDFont font = page.getResources().getFont(name);
            names.add(font.getSubType() + ":" + font.getName());
        }
        return names;
    }

    private static boolean hostHasChineseFont() throws Exception {
        Process list;
        try {
            list = new ProcessBuilder("fc-list", ":lang=zh-cn", "family").redirectErrorStream(true).start();
        } catch (IOException noFontconfigTools) {
            return false; // without fontconfig's tools there is no font set up for Chromium to find either
        }
        String out = new String(list.getInputStream().readAllBytes());
        list.waitFor(10, TimeUnit.SECONDS);
        return !out.isBlank() && !out.contains("not found");
    }
}
