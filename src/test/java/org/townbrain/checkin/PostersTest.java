package org.townbrain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.townbrain.platform.fonts.BundledFont;
import org.townbrain.region.Regions;

class PostersTest {

    private final Regions regions = Mockito.mock(Regions.class);
    private final Posters posters = new Posters(new CheckinProperties("", "AES-GCM", Duration.ofDays(28), Duration.ofHours(2),
            Duration.ofHours(4), "v1", "https://tb.jiande.gov.cn",
            2), regions, messages());
    private final Venue venue = new Venue(1, "HKSK4YCFRZ", "梅城镇便民服务中心", VenueType.PUBLIC_SERVICE, "330182104", null,
            null, null, null, null, false, false, 0);

    private static org.springframework.context.MessageSource messages() {
        var source = new org.springframework.context.support.ResourceBundleMessageSource();
        source.setBasename("i18n/checkin");
        source.setDefaultEncoding("UTF-8");
        return source;
    }

    @Test
    void theQrCodeStillReadsWhenThePosterIsPrintedTenCentimetresWide() throws Exception {
        Mockito.when(regions.town("330182104")).thenReturn(Optional.empty());
        String url = "HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ";
        BufferedImage poster = posters.draw(venue, url);
        // 10 cm at 150 dpi is 591 pixels: what a phone camera sees of a small print, roughly
        int width = 591;
        int height = poster.getHeight() * width / poster.getWidth();
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(poster, 0, 0, width, height, null);
        g.dispose();
        int[] pixels = small.getRGB(0, 0, width, height, null, 0, width);
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))))
                .getText();
        assertThat(read).isEqualTo(url);
    }

    @Test
    void theAddressIsShortAndUpperCaseForTheQrAlphanumericMode() {
        jakarta.servlet.http.HttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        assertThat(posters.url(venue, request)).isEqualTo("HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ")
                .matches("[0-9A-Z $%*+\\-./:]+");
    }

    @Test
    void thePdfIsOneA4PageWithTheImage() {
        Mockito.when(regions.town("330182104")).thenReturn(Optional.empty());
        byte[] pdf = posters.pdf(venue, "HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ");
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.4").contains("/MediaBox [0 0 595 842]").contains("/Subtype /Image")
                .contains("/Count 1").endsWith("%%EOF\n");
    }

    @Test
    void everyLineOfEveryPosterIsSetInTheBundledFontWhichHasAGlyphForEachCharacter() {
        // the demo venues, the longest town names and place names with rare characters (婺, 嵊, 鄞, 衢, 畲)
        for (String name : java.util.List.of("梅城镇便民服务中心", "新安江街道文化礼堂", "大慈岩景区游客中心", "寿昌镇农贸市场",
                "婺城区嵊州鄞州衢州景宁畲族自治县", "Café 1号（临时）·２０２６")) {
            PosterLayout layout = new PosterLayout();
            layout.draw(new PosterLayout.Texts("场所码", name, "梅城镇", "HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ",
                    "扫码登记，不用下载应用", "登记信息保存 28 天后删除"));
            assertThat(layout.lines()).hasSize(6).allSatisfy(line -> {
                assertThat(line.size()).isGreaterThanOrEqualTo(24);
                assertThat(BundledFont.covers(line.text())).as("no tofu in \"%s\"", line.text()).isTrue();
            });
        }
    }

    @Test
    void theCoverageCheckSeesACharacterTheFontLacks() {
        assertThat(BundledFont.covers("梅城镇")).isTrue();
        assertThat(BundledFont.covers("梅城\uD83D\uDE00")).as("an emoji is not in the font").isFalse();
        assertThat(BundledFont.covers("\u9FA5\u4DB5")).as("CJK extension A is not in the subset").isFalse();
    }

    @Test
    void theTextsOfARealPosterAreCoveredByTheBundledFont() {
        Mockito.when(regions.town("330182104")).thenReturn(Optional.of(new org.townbrain.region.Town("330182104", "梅城镇",
                null, null, null, true, null)));
        PosterLayout.Texts texts = posters.texts(venue, "HTTPS://TB.JIANDE.GOV.CN/C/HKSK4YCFRZ");
        for (String text : java.util.List.of(texts.title(), texts.venue(), texts.town(), texts.hint(), texts.retention())) {
            assertThat(text).isNotBlank();
            assertThat(BundledFont.covers(text)).as(text).isTrue();
        }
    }

    @Test
    void aMachineWithNoFontsAtAllDrawsTheSamePoster(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // a fontconfig with no font folder and an empty font path: the child JVM sees no system font whatsoever
        java.nio.file.Path noFonts = java.nio.file.Files.writeString(dir.resolve("fonts.conf"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><cachedir>" + dir
                        + "</cachedir></fontconfig>\n");
        java.nio.file.Path png = dir.resolve("poster.png");
        ProcessBuilder child = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"), PosterDrawing.class.getName(),
                png.toString()).redirectErrorStream(true);
        child.environment().put("FONTCONFIG_FILE", noFonts.toString());
        child.environment().remove("FONTCONFIG_PATH");
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("host fonts: none");

        BufferedImage there = javax.imageio.ImageIO.read(png.toFile());
        BufferedImage here = new PosterLayout().draw(PosterDrawing.TEXTS);
        assertThat(there.getWidth()).isEqualTo(here.getWidth());
        int differing = 0;
        for (int y = 0; y < here.getHeight(); y++) {
            for (int x = 0; x < here.getWidth(); x++) {
                differing += here.getRGB(x, y) == there.getRGB(x, y) ? 0 : 1;
            }
        }
        assertThat(differing).as("pixels that differ from the poster drawn with the host's fonts in reach").isZero();
        // and the venue's name is really drawn (ink under its line), not left blank
        int ink = 0;
        for (int y = 250; y < 345; y++) {
            for (int x = 0; x < PosterLayout.WIDTH; x++) {
                ink += (there.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertThat(ink).isGreaterThan(5_000);
    }
}
