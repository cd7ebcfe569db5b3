package org.theanojvm.engine.printing.graph;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Text sizes for layout, from the font the raster and SVG output use (Java2D's logical SansSerif). A
 * machine whose JDK cannot load any font (no fontconfig) falls back to a fixed width per character, so
 * layout never fails; the raster renderer then draws no text rather than crashing.
 */
public final class TextMetrics {
    public static final float FONT_SIZE = 14f;
    private static final FontMetrics METRICS = load();

    private TextMetrics() {}

    private static FontMetrics load() {
        try {
            Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            FontMetrics m = g.getFontMetrics(font());
            m.stringWidth("probe");
            g.dispose();
            return m;
        } catch (Throwable t) { // no fonts on this machine: approximate
            return null;
        }
    }

    public static Font font() { return new Font(Font.SANS_SERIF, Font.PLAIN, (int) FONT_SIZE); }

    public static boolean fontsAvailable() { return METRICS != null; }

    public static double width(String s) { return METRICS != null ? METRICS.stringWidth(s) : s.length() * FONT_SIZE * 0.6; }

    public static double height() { return METRICS != null ? METRICS.getAscent() + METRICS.getDescent() : FONT_SIZE * 1.2; }

    /** Distance from the text's vertical centre to its baseline. */
    public static double baselineOffset() {
        return METRICS != null ? (METRICS.getAscent() - METRICS.getDescent()) / 2.0 : FONT_SIZE * 0.35;
    }
}
