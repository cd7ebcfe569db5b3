package org.theanojvm.engine.printing.graph;

/** A {@link Drawing} as Graphviz DOT text, the way pydot writes Theano's graphs (filled nodes get style=filled). */
public final class DotWriter {
    private DotWriter() {}

    public static String write(Drawing d) {
        StringBuilder sb = new StringBuilder("digraph G {\n");
        for (Drawing.Node n : d.nodes()) {
            sb.append(quote(n.id())).append(" [label=").append(quote(n.label())).append(", shape=").append(n.shape());
            if (n.fill() != null) sb.append(", style=filled, fillcolor=").append(quote(n.fill()));
            if (n.border() != null) sb.append(", color=").append(quote(n.border()));
            sb.append("];\n");
        }
        for (Drawing.Edge e : d.edges()) {
            sb.append(quote(e.from())).append(" -> ").append(quote(e.to()));
            StringBuilder attrs = new StringBuilder();
            if (e.label() != null) attrs.append("label=").append(quote(e.label()));
            if (e.color() != null) attrs.append(attrs.length() > 0 ? ", " : "").append("color=").append(quote(e.color()));
            if (attrs.length() > 0) sb.append(" [").append(attrs).append(']');
            sb.append(";\n");
        }
        return sb.append("}\n").toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
