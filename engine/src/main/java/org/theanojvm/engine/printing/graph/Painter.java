package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** Draws a {@link Layout} onto a {@link Canvas} the way dot draws: shapes, then edges ending in arrowheads, then labels. */
final class Painter {
    private static final double ARROW_LEN = 10, ARROW_HALF_WIDTH = 3.5;

    private Painter() {}

    static byte[] paint(Layout l, Canvas c) {
        for (Layout.PlacedEdge e : l.edges()) {
            Color color = e.edge().color() == null ? Color.BLACK : Colors.parse(e.edge().color());
            List<double[]> pts = new ArrayList<>();
            for (double[] p : e.points()) pts.add(p.clone());
            double[] tip = pts.get(pts.size() - 1), from = pts.get(pts.size() - 2);
            double dx = tip[0] - from[0], dy = tip[1] - from[1], len = Math.hypot(dx, dy);
            if (len > 1e-6) {
                double ux = dx / len, uy = dy / len, back = Math.min(ARROW_LEN, len);
                double[] base = {tip[0] - ux * back, tip[1] - uy * back};
                pts.set(pts.size() - 1, base); // the line stops where the arrowhead starts
                c.polyline(pts, color);
                c.triangle(tip, new double[] {base[0] - uy * ARROW_HALF_WIDTH, base[1] + ux * ARROW_HALF_WIDTH},
                        new double[] {base[0] + uy * ARROW_HALF_WIDTH, base[1] - ux * ARROW_HALF_WIDTH}, color);
            } else {
                c.polyline(pts, color);
            }
        }
        for (Layout.PlacedNode n : l.nodes()) {
            Color fill = Colors.parse(n.node().fill());
            Color border = n.node().border() == null ? Color.BLACK : Colors.parse(n.node().border());
            if (n.node().shape().equals("box")) c.rect(n.x(), n.y(), n.w(), n.h(), fill, border);
            else c.ellipse(n.cx(), n.cy(), n.w() / 2, n.h() / 2, fill, border);
            c.text(n.node().label(), n.cx(), n.cy(), Color.BLACK);
        }
        for (Layout.PlacedEdge e : l.edges()) {
            double[] b = e.labelBox();
            if (b != null) c.text(e.edge().label(), b[0] + b[2] / 2, b[1] + b[3] / 2, Color.BLACK);
        }
        return c.finish();
    }
}
