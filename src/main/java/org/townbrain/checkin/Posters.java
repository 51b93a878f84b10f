package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.townbrain.platform.fonts.BundledFont;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * A venue's printable poster: the venue's name in Chinese, a large QR code and the short
 * upper-case address under it, on an A4 page (PNG at 150 dpi, and the same image in a PDF).
 * The text is set in the bundled Chinese font ({@link BundledFont}), never the host's.
 * The address is upper-case so the QR code uses its compact alphanumeric mode: fewer, larger
 * modules, readable by any phone camera even when printed 10 cm wide.
 */
@Component("checkinPosters")
class Posters {

    private static final Logger log = LoggerFactory.getLogger(Posters.class);

    private final CheckinProperties properties;
    private final Regions regions;
    private final MessageSource messages;

    Posters(CheckinProperties properties, Regions regions, MessageSource messages) {
        this.properties = properties;
        this.regions = regions;
        this.messages = messages;
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

    BufferedImage draw(Venue venue, String url) {
        return new PosterLayout().draw(texts(venue, url));
    }

    /** Posters hang in Chinese towns: always the Chinese texts, whatever the staff member's language. */
    PosterLayout.Texts texts(Venue venue, String url) {
        String town = regions.town(venue.townCode()).map(Town::name).orElse("");
        if (!BundledFont.covers(venue.name())) {
            log.warn("Venue {} has characters outside the bundled font; the host's fonts draw them if they can", venue.code());
        }
        return new PosterLayout.Texts(text("poster.title"), venue.name(), town, url, text("poster.hint"),
                text("poster.retention", properties.retention().toDays()));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
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
