package org.townbrain.checkin;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.servlet.http.HttpServletRequest;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * A venue's printable poster: the venue's name in Chinese, a large QR code and the short
 * upper-case address under it, on an A4 page (PNG at 150 dpi, and the same image in a PDF).
 * The address is upper-case so the QR code uses its compact alphanumeric mode: fewer, larger
 * modules, readable by any phone camera even when printed 10 cm wide.
 */
@Component("checkinPosters")
class Posters {

    static final int WIDTH = 1240;
    static final int HEIGHT = 1754;
    private static final Logger log = LoggerFactory.getLogger(Posters.class);
    private static final List<String> PREFERRED_FONTS = List.of("Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimHei", "AR PL UMing CN");

    private final CheckinProperties properties;
    private final Regions regions;
    private final MessageSource messages;
    private final String fontFamily;

    Posters(CheckinProperties properties, Regions regions, MessageSource messages) {
        this.properties = properties;
        this.regions = regions;
        this.messages = messages;
        this.fontFamily = chineseFont();
    }

    /** The address a visitor's camera opens: {@code HTTPS://HOST/C/CODE}, upper-case. */
    String url(Venue venue, HttpServletRequest request) {
        String base = properties.publicBaseUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        }
        return (stripSlash(base) + "/C/").toUpperCase(Locale.ROOT) + venue.code();
    }

    byte[] png(Venue venue, String url) {
        return encode(draw(venue, url), "png");
    }

    byte[] pdf(Venue venue, String url) {
        BufferedImage color = draw(venue, url);
        BufferedImage gray = new BufferedImage(color.getWidth(), color.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.drawImage(color, 0, 0, null);
        g.dispose();
        byte[] pixels = ((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        return SinglePagePdf.a4WithGrayImage(gray.getWidth(), gray.getHeight(), pixels);
    }

    boolean hasChineseFont() {
        return fontFamily != null;
    }

    BufferedImage draw(Venue venue, String url) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0x0b7285));
        g.fillRect(0, 0, WIDTH, 190);
        g.setColor(Color.WHITE);
        centered(g, text("poster.title"), font(Font.BOLD, 80), 125);
        g.setColor(Color.BLACK);
        centered(g, venue.name(), fit(g, venue.name(), Font.BOLD, 96, WIDTH - 120), 330);
        String town = regions.town(venue.townCode()).map(Town::name).orElse("");
        g.setColor(new Color(0x495057));
        centered(g, town, font(Font.PLAIN, 48), 410);
        drawQr(g, url, 170, 470, WIDTH - 340);
        g.setColor(Color.BLACK);
        String shortUrl = url.replaceFirst("^HTTPS?://", "");
        centered(g, shortUrl, fit(g, shortUrl, Font.BOLD, 72, WIDTH - 100), 1460);
        g.setColor(new Color(0x495057));
        centered(g, text("poster.hint"), font(Font.PLAIN, 40), 1560);
        centered(g, text("poster.retention", properties.retention().toDays()), font(Font.PLAIN, 40), 1625);
        g.dispose();
        return image;
    }

    /** Posters hang in Chinese towns: always the Chinese texts, whatever the staff member's language. */
    private String text(String key, Object... args) {
        return messages.getMessage(key, args, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    private void drawQr(Graphics2D g, String url, int x, int y, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(url, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            int modules = matrix.getWidth();
            int cell = size / modules;
            int offset = (size - cell * modules) / 2;
            g.setColor(Color.BLACK);
            for (int row = 0; row < modules; row++) {
                for (int col = 0; col < modules; col++) {
                    if (matrix.get(col, row)) {
                        g.fillRect(x + offset + col * cell, y + offset + row * cell, cell, cell);
                    }
                }
            }
        } catch (WriterException e) {
            throw new IllegalStateException("QR encoding failed", e);
        }
    }

    private Font font(int style, int size) {
        return new Font(fontFamily == null ? Font.SANS_SERIF : fontFamily, style, size);
    }

    private Font fit(Graphics2D g, String text, int style, int size, int width) {
        Font font = font(style, size);
        while (g.getFontMetrics(font).stringWidth(text) > width && font.getSize() > 24) {
            font = font(style, font.getSize() - 4);
        }
        return font;
    }

    private static void centered(Graphics2D g, String text, Font font, int baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (WIDTH - metrics.stringWidth(text)) / 2, baseline);
    }

    private static String chineseFont() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        List<String> available = Arrays.asList(families);
        for (String preferred : PREFERRED_FONTS) {
            if (available.contains(preferred)) {
                return preferred;
            }
        }
        for (String family : families) {
            if (new Font(family, Font.PLAIN, 12).canDisplayUpTo("场所码扫码登记") == -1) {
                return family;
            }
        }
        log.warn("No font with Chinese glyphs found: posters will show boxes for Chinese text. "
                + "Install one, e.g. `apt-get install fonts-wqy-microhei` or fonts-noto-cjk");
        return null;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
