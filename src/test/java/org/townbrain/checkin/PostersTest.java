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
import org.townbrain.region.Regions;

class PostersTest {

    private final Regions regions = Mockito.mock(Regions.class);
    private final Posters posters = new Posters(new CheckinProperties("", "AES-GCM", Duration.ofDays(28), Duration.ofHours(2),
            Duration.ofHours(4), "v1", "https://tb.jiande.gov.cn", ZoneId.of("Asia/Shanghai"),
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
    void aFontWithChineseGlyphsIsInstalled() {
        // posters print the venue's name in Chinese: CI installs fonts-wqy-microhei (see .ci/run)
        assertThat(posters.hasChineseFont()).isTrue();
    }
}
