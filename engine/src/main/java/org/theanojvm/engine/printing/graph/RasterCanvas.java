package org.theanojvm.engine.printing.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** PNG, JPEG, GIF or BMP through Java2D and ImageIO, antialiased, on a white background. */
final class RasterCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;
    private final String format;

    RasterCanvas(double width, double height, double scale, String format) {
        this.format = format;
        boolean alpha = format.equals("png");
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
        g.setStroke(new BasicStroke(1.0f));
        if (TextMetrics.fontsAvailable()) g.setFont(TextMetrics.font());
    }

    @Override
    public void ellipse(double cx, double cy, double rx, double ry, Color fill, Color stroke) {
        Ellipse2D e = new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
        if (fill != null) {
            g.setColor(fill);
            g.fill(e);
        }
        g.setColor(stroke);
        g.draw(e);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(fill);
            g.fill(r);
        }
        g.setColor(stroke);
        g.draw(r);
    }

    @Override
    public void polyline(List<double[]> points, Color stroke) {
        Path2D p = new Path2D.Double();
        p.moveTo(points.get(0)[0], points.get(0)[1]);
        for (int i = 1; i < points.size(); i++) p.lineTo(points.get(i)[0], points.get(i)[1]);
        g.setColor(stroke);
        g.draw(p);
    }

    @Override
    public void triangle(double[] a, double[] b, double[] c, Color fill) {
        Path2D p = new Path2D.Double();
        p.moveTo(a[0], a[1]);
        p.lineTo(b[0], b[1]);
        p.lineTo(c[0], c[1]);
        p.closePath();
        g.setColor(fill);
        g.fill(p);
        g.draw(p);
    }

    @Override
    public void text(String s, double cx, double cy, Color color) {
        if (!TextMetrics.fontsAvailable()) return;
        g.setColor(color);
        g.drawString(s, (float) (cx - TextMetrics.width(s) / 2), (float) (cy + TextMetrics.baselineOffset()));
    }

    @Override
    public byte[] finish() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalArgumentException("no image writer for format " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
