package org.theanojvm.engine.printing.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link Drawing} out with Eclipse ELK's layered (Sugiyama) algorithm, top to bottom like
 * Graphviz's dot: layering, crossing minimisation, node placement and polyline edge routing with the
 * edge labels placed between layers. Node sizes come from their label text, ellipses larger than boxes
 * as in dot. ELK sees every node as a rectangle, so edge ends are moved onto ellipse outlines afterwards.
 */
public final class ElkLayout {
    private static final double BOX_PAD_X = 9, BOX_PAD_Y = 6, MIN_H = 36, MIN_W = 54;

    private ElkLayout() {}

    public static Layout layout(Drawing d) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(8));
        // keep the order nodes and edges were added in (input 0 left of input 1) where crossings allow
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        Map<String, ElkNode> elk = new HashMap<>();
        List<Drawing.Node> nodes = new ArrayList<>(d.nodes());
        for (Drawing.Node n : nodes) {
            ElkNode en = ElkGraphUtil.createNode(root);
            double tw = TextMetrics.width(n.label()), th = TextMetrics.height();
            if (n.shape().equals("box")) en.setDimensions(Math.max(MIN_W, tw + 2 * BOX_PAD_X), Math.max(MIN_H, th + 2 * BOX_PAD_Y));
            else en.setDimensions(Math.max(MIN_W, tw * 1.3 + 24), Math.max(MIN_H, th * 1.6 + 8)); // text fits inside the ellipse
            elk.put(n.id(), en);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (Drawing.Edge e : d.edges()) {
            ElkEdge ee = ElkGraphUtil.createSimpleEdge(elk.get(e.from()), elk.get(e.to()));
            if (e.label() != null) {
                ElkLabel l = ElkGraphUtil.createLabel(e.label(), ee);
                l.setDimensions(TextMetrics.width(e.label()) + 4, TextMetrics.height());
            }
            elkEdges.add(ee);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Layout.PlacedNode> placed = new ArrayList<>();
        Map<String, Layout.PlacedNode> byId = new HashMap<>();
        for (Drawing.Node n : nodes) {
            ElkNode en = elk.get(n.id());
            Layout.PlacedNode p = new Layout.PlacedNode(n, en.getX(), en.getY(), en.getWidth(), en.getHeight());
            placed.add(p);
            byId.put(n.id(), p);
        }
        List<Layout.PlacedEdge> edges = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            ElkEdge ee = elkEdges.get(i);
            Drawing.Edge e = d.edges().get(i);
            List<double[]> pts = new ArrayList<>();
            if (!ee.getSections().isEmpty()) {
                ElkEdgeSection s = ee.getSections().get(0);
                pts.add(new double[] {s.getStartX(), s.getStartY()});
                for (ElkBendPoint b : s.getBendPoints()) pts.add(new double[] {b.getX(), b.getY()});
                pts.add(new double[] {s.getEndX(), s.getEndY()});
            } else { // ELK leaves self-loops and the like unrouted: a straight line
                Layout.PlacedNode a = byId.get(e.from()), b = byId.get(e.to());
                pts.add(new double[] {a.cx(), a.y() + a.h()});
                pts.add(new double[] {b.cx(), b.y()});
            }
            clipToOutline(pts, byId.get(e.from()), true);
            clipToOutline(pts, byId.get(e.to()), false);
            double[] label = null;
            if (!ee.getLabels().isEmpty()) {
                ElkLabel l = ee.getLabels().get(0);
                label = new double[] {l.getX(), l.getY(), l.getWidth(), l.getHeight()};
            }
            edges.add(new Layout.PlacedEdge(e, pts, label));
        }
        return new Layout(root.getWidth(), root.getHeight(), placed, edges);
    }

    /** Moves the end of the polyline touching an ellipse onto its outline, along the line towards its centre. */
    private static void clipToOutline(List<double[]> pts, Layout.PlacedNode n, boolean start) {
        if (!n.node().shape().equals("ellipse") || pts.size() < 2) return;
        double[] end = start ? pts.get(0) : pts.get(pts.size() - 1);
        double[] other = start ? pts.get(1) : pts.get(pts.size() - 2);
        double cx = n.cx(), cy = n.cy(), rx = n.w() / 2, ry = n.h() / 2;
        // the point where the ray from the centre towards `other` leaves the ellipse
        double dx = other[0] - cx, dy = other[1] - cy;
        if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) return;
        double t = 1 / Math.sqrt(dx * dx / (rx * rx) + dy * dy / (ry * ry));
        if (t >= 1) return; // `other` lies inside the ellipse: keep ELK's point
        end[0] = cx + dx * t;
        end[1] = cy + dy * t;
    }
}
