package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** SVG 1.1 text, shaped like the files Graphviz writes (a white background, black 14pt sans-serif labels). */
final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(double width, double height) {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0fpt\" height=\"%.0fpt\" viewBox=\"0 0 %.2f %.2f\">\n",
                width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%.2f\" height=\"%.2f\" fill=\"white\"/>\n", width, height));
        sb.append("<g font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"14\">\n");
    }

    private static String fill(Color c) { return c == null ? "none" : Colors.hex(c); }

    @Override
    public void ellipse(double cx, double cy, double rx, double ry, Color fill, Color stroke) {
        sb.append(String.format(Locale.ROOT, "<ellipse cx=\"%.2f\" cy=\"%.2f\" rx=\"%.2f\" ry=\"%.2f\" fill=\"%s\" stroke=\"%s\"/>\n",
                cx, cy, rx, ry, fill(fill), fill(stroke)));
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" stroke=\"%s\"/>\n",
                x, y, w, h, fill(fill), fill(stroke)));
    }

    @Override
    public void polyline(List<double[]> points, Color stroke) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(fill(stroke)).append("\" points=\"");
        for (double[] p : points) sb.append(String.format(Locale.ROOT, "%.2f,%.2f ", p[0], p[1]));
        sb.append("\"/>\n");
    }

    @Override
    public void triangle(double[] a, double[] b, double[] c, Color fill) {
        sb.append(String.format(Locale.ROOT, "<polygon fill=\"%s\" stroke=\"%s\" points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f\"/>\n",
                fill(fill), fill(fill), a[0], a[1], b[0], b[1], c[0], c[1]));
    }

    @Override
    public void text(String s, double cx, double cy, Color color) {
        sb.append(String.format(Locale.ROOT, "<text text-anchor=\"middle\" x=\"%.2f\" y=\"%.2f\" fill=\"%s\">", cx,
                cy + TextMetrics.baselineOffset(), fill(color)));
        sb.append(escape(s)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public byte[] finish() {
        sb.append("</g>\n</svg>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
