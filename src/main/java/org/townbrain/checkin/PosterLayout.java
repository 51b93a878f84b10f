package org.townbrain.checkin;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.townbrain.platform.fonts.BundledFont;

/**
 * Draws a venue poster (A4 at 150 dpi) from its texts, in the bundled Chinese font only, so the
 * same texts give the same pixels on any machine, with or without fonts. Every line it sets is kept in {@link #lines()}
 * for whoever wants to check what was drawn.
 */
final class PosterLayout {

    static final int WIDTH = 1240;
    static final int HEIGHT = 1754;

    /** What a poster says; all of it set in Chinese. */
    record Texts(String title, String venue, String town, String url, String hint, String retention) {
    }

    /** One line of text as drawn: the words, their size and weight. */
    record Line(String text, float size, boolean bold) {
    }

    private static final BundledFont FONT = BundledFont.get();

    private final List<Line> lines = new ArrayList<>();

    BufferedImage draw(Texts texts) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0x0b7285));
        g.fillRect(0, 0, WIDTH, 190);
        g.setColor(Color.WHITE);
        centered(g, texts.title(), 80, true, 125);
        g.setColor(Color.BLACK);
        centered(g, texts.venue(), fit(texts.venue(), 96, WIDTH - 120), true, 330);
        g.setColor(new Color(0x495057));
        centered(g, texts.town(), 48, false, 410);
        drawQr(g, texts.url(), 170, 470, WIDTH - 340);
        g.setColor(Color.BLACK);
        String shortUrl = texts.url().replaceFirst("^HTTPS?://", "");
        centered(g, shortUrl, fit(shortUrl, 72, WIDTH - 100), true, 1460);
        g.setColor(new Color(0x495057));
        centered(g, texts.hint(), 40, false, 1560);
        centered(g, texts.retention(), 40, false, 1625);
        g.dispose();
        return image;
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    private static float fit(String text, float size, int width) {
        while (FONT.width(text, size) > width && size > 24) {
            size -= 4;
        }
        return size;
    }

    private void centered(Graphics2D g, String text, float size, boolean bold, int baseline) {
        lines.add(new Line(text, size, bold));
        FONT.draw(g, text, (WIDTH - FONT.width(text, size)) / 2, baseline, size, bold);
    }

    private static void drawQr(Graphics2D g, String url, int x, int y, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
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
}
