package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-page vector PDF 1.4: paths for shapes and edges, the standard Helvetica font for text (every PDF
 * reader has it, so nothing is embedded). PDF's y axis points up, so y is flipped on output.
 */
final class PdfCanvas implements Canvas {
    private static final double KAPPA = 0.5522847498; // cubic Bezier control distance of a quarter ellipse
    private final StringBuilder ops = new StringBuilder();
    private final double width, height;

    PdfCanvas(double width, double height) {
        this.width = width;
        this.height = height;
    }

    private double fy(double y) { return height - y; }

    private void color(Color c, boolean fill) {
        ops.append(String.format(Locale.ROOT, "%.3f %.3f %.3f %s\n", c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0, fill ? "rg" : "RG"));
    }

    private void paint(Color fill, Color stroke) {
        if (fill != null) color(fill, true);
        color(stroke, false);
        ops.append(fill != null ? "B\n" : "S\n");
    }

    @Override
    public void ellipse(double cx, double cy, double rx, double ry, Color fill, Color stroke) {
        double y = fy(cy), kx = rx * KAPPA, ky = ry * KAPPA;
        ops.append(String.format(Locale.ROOT, "%.2f %.2f m\n", cx + rx, y));
        ops.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx + rx, y + ky, cx + kx, y + ry, cx, y + ry));
        ops.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx - kx, y + ry, cx - rx, y + ky, cx - rx, y));
        ops.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", cx - rx, y - ky, cx - kx, y - ry, cx, y - ry));
        ops.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f %.2f %.2f c\nh\n", cx + kx, y - ry, cx + rx, y - ky, cx + rx, y));
        paint(fill, stroke);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        ops.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f re\n", x, fy(y + h), w, h));
        paint(fill, stroke);
    }

    @Override
    public void polyline(List<double[]> points, Color stroke) {
        for (int i = 0; i < points.size(); i++) {
            ops.append(String.format(Locale.ROOT, "%.2f %.2f %s\n", points.get(i)[0], fy(points.get(i)[1]), i == 0 ? "m" : "l"));
        }
        color(stroke, false);
        ops.append("S\n");
    }

    @Override
    public void triangle(double[] a, double[] b, double[] c, Color fill) {
        ops.append(String.format(Locale.ROOT, "%.2f %.2f m %.2f %.2f l %.2f %.2f l h\n", a[0], fy(a[1]), b[0], fy(b[1]), c[0], fy(c[1])));
        paint(fill, fill);
    }

    @Override
    public void text(String s, double cx, double cy, Color color) {
        double w = TextMetrics.width(s);
        color(color, true);
        ops.append(String.format(Locale.ROOT, "BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET\n", TextMetrics.FONT_SIZE, cx - w / 2,
                fy(cy + TextMetrics.baselineOffset()), escape(s)));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '(' || ch == ')' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 32 || ch > 126) sb.append('?'); // Helvetica with the standard encoding: ASCII only
            else sb.append(ch);
        }
        return sb.toString();
    }

    @Override
    public byte[] finish() {
        byte[] content = ops.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.add(String.format(Locale.ROOT, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>", width, height));
        objects.add(null); // the content stream, written below
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n");
            if (objects.get(i) == null) {
                write(out, "<< /Length " + content.length + " >>\nstream\n");
                out.writeBytes(content);
                write(out, "endstream");
            } else {
                write(out, objects.get(i));
            }
            write(out, "\nendobj\n");
        }
        long xref = out.size();
        write(out, "xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) write(out, String.format(Locale.ROOT, "%010d 00000 n \n", o));
        write(out, "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) { out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)); }
}
