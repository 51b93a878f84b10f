package org.townbrain.platform.fonts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * TownBrain Sans SC: a subset of Noto Sans CJK SC (SIL Open Font License 1.1, licence in
 * {@code fonts/OFL.txt} beside it) with every GB 2312 hanzi, every character of China's division
 * names and of the product's own texts; built by {@code tools/font/subset.py}.
 *
 * <p>Text is drawn as the font's own glyph outlines, read from the jar with PDFBox's TrueType
 * parser and filled by Java2D: neither the host's fonts nor the JDK's font system (which fails
 * outright on a machine without any font) take part, so a server with no fonts at all draws the
 * same pixels as a developer's laptop. Chinese needs no shaping; glyphs are set one after the
 * other at their advance widths. Bold is the outline filled and stroked once more.
 */
public final class BundledFont {

    public static final String FAMILY = "TownBrain Sans SC";
    static final String RESOURCE = "/fonts/TownBrainSansSC-Regular.ttf";
    private static final BundledFont INSTANCE = new BundledFont();

    private final TrueTypeFont font;
    private final CmapLookup cmap;
    private final float unitsPerEm;
    private final Map<Integer, GeneralPath> outlines = new ConcurrentHashMap<>();
    private final Map<Integer, Float> advances = new ConcurrentHashMap<>();

    private BundledFont() {
        try (InputStream in = truetype()) {
            font = new TTFParser().parse(new RandomAccessReadBuffer(in));
            cmap = font.getUnicodeCmapLookup();
            unitsPerEm = font.getUnitsPerEm();
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled font " + RESOURCE + " cannot be read", e);
        }
    }

    /** The font, read once from the jar. */
    public static BundledFont get() {
        return INSTANCE;
    }

    /** Whether every character of the text has a glyph in the bundled font. */
    public static boolean covers(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || INSTANCE.glyph(c) != 0);
    }

    /** Width of the text set at the given size in pixels (or points). */
    public float width(String text, float size) {
        float units = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            units += advance(glyph(text.codePointAt(i)));
        }
        return units * size / unitsPerEm;
    }

    /** Draws the text with its baseline starting at (x, y), in the graphics' current colour. */
    public void draw(Graphics2D g, String text, float x, float y, float size, boolean bold) {
        float scale = size / unitsPerEm;
        float pen = x;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int glyph = glyph(text.codePointAt(i));
            AffineTransform place = new AffineTransform(scale, 0, 0, -scale, pen, y);
            Shape shape = place.createTransformedShape(outline(glyph));
            g.fill(shape);
            if (bold) {
                g.setStroke(new BasicStroke(size / 28f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(shape);
            }
            pen += advance(glyph) * scale;
        }
    }

    /** The TrueType file, for a document that embeds the font (PDFBox subsets it again). */
    public static InputStream truetype() {
        InputStream in = BundledFont.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The bundled font " + RESOURCE + " is missing from the classpath");
        }
        return in;
    }

    private int glyph(int codePoint) {
        return cmap.getGlyphId(codePoint);
    }

    private float advance(int glyph) {
        return advances.computeIfAbsent(glyph, this::readAdvance);
    }

    private GeneralPath outline(int glyph) {
        return outlines.computeIfAbsent(glyph, this::readOutline);
    }

    // fontbox's tables read lazily from one buffer: one reader at a time
    private synchronized float readAdvance(int glyph) {
        try {
            return font.getAdvanceWidth(glyph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized GeneralPath readOutline(int glyph) {
        try {
            GlyphData data = font.getGlyph().getGlyph(glyph);
            return data == null ? new GeneralPath() : data.getPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
