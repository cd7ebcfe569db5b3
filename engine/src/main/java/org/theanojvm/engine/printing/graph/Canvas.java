package org.theanojvm.engine.printing.graph;

import java.awt.Color;
import java.util.List;

/** The few drawing operations a graph picture needs, written out by one file format. Coordinates in points, y down. */
public interface Canvas {
    void ellipse(double cx, double cy, double rx, double ry, Color fill, Color stroke);

    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    void polyline(List<double[]> points, Color stroke);

    void triangle(double[] a, double[] b, double[] c, Color fill);

    /** Text centred horizontally on cx with its vertical centre at cy. */
    void text(String s, double cx, double cy, Color color);

    /** The finished file. */
    byte[] finish();
}
