package org.theanojvm.engine.printing.graph;

import java.util.List;

/** A laid-out {@link Drawing}: where each node sits and the polyline each edge follows, in points, y down. */
public record Layout(double width, double height, List<PlacedNode> nodes, List<PlacedEdge> edges) {
    /** (x, y) is the top-left corner of the node's bounding box. */
    public record PlacedNode(Drawing.Node node, double x, double y, double w, double h) {
        public double cx() { return x + w / 2; }

        public double cy() { return y + h / 2; }
    }

    /** {@code points} run from the source's outline to the target's outline; the label box is null when unlabelled. */
    public record PlacedEdge(Drawing.Edge edge, List<double[]> points, double[] labelBox) {}
}
