package org.theanojvm.engine.printing.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph picture independent of how it is laid out: nodes (apply nodes as ellipses, variables as
 * boxes, with Graphviz colour names) and labelled, coloured edges. What pydot's Dot object is to
 * Theano's pydotprint. Adding a node id twice merges its attributes (the last value wins), as in DOT.
 */
public final class Drawing {
    /** @param shape "ellipse" or "box"; @param fill fill colour or null; @param border outline colour or null (black) */
    public record Node(String id, String label, String shape, String fill, String border) {}

    /** @param label text at the edge's middle or null; @param color line colour or null (black) */
    public record Edge(String from, String to, String label, String color) {}

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();

    /** Longer text about a node (its type, the apply it is, profile times), shown by interactive views. */
    public void setDetails(String id, String text) { details.put(id, text); }

    public String details(String id) { return details.get(id); }

    public void addNode(Node n) {
        Node old = nodes.get(n.id());
        if (old != null) {
            n = new Node(n.id(), n.label() != null ? n.label() : old.label(), n.shape() != null ? n.shape() : old.shape(),
                    n.fill() != null ? n.fill() : old.fill(), n.border() != null ? n.border() : old.border());
        }
        nodes.put(n.id(), n);
    }

    public void addEdge(Edge e) { edges.add(e); }

    /** Nodes in the order first added; an edge end never declared becomes a plain ellipse labelled by its id, as in DOT. */
    public Collection<Node> nodes() {
        for (Edge e : edges) {
            nodes.putIfAbsent(e.from(), new Node(e.from(), e.from(), "ellipse", null, null));
            nodes.putIfAbsent(e.to(), new Node(e.to(), e.to(), "ellipse", null, null));
        }
        return Collections.unmodifiableCollection(nodes.values());
    }

    public Node node(String id) { return nodes.get(id); }

    public List<Edge> edges() { return Collections.unmodifiableList(edges); }
}
