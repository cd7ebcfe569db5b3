package org.theanojvm.engine.printing.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.PythonOp;

/**
 * Theano 1.0's pydotprint drawing rules, turning a compiled graph into a {@link Drawing}:
 * <ul>
 *   <li>apply nodes are ellipses labelled {@code str(op)} (':' becomes '_'), filled with the colour of
 *       the first colour-code key contained in the op's class name (Elemwise pink, Subtensor purple,
 *       Alloc orange, Shape brown, Scan yellow, IfElse magenta) when {@code high_contrast}, else outlined;</li>
 *   <li>graph inputs are green boxes (shared variables cyan); outputs and update values blue boxes;
 *       outputs nobody uses grey boxes;</li>
 *   <li>with {@code compact}, an unnamed intermediate variable is no box: its producer links straight to
 *       its user, the edge labelled with the variable's type;</li>
 *   <li>an edge into a node with several inputs is labelled with the input's position; an update value
 *       links back to its shared variable by a blue "UPDATE" edge.</li>
 * </ul>
 */
public final class PydotBuilder {
    /** Theano's default_colorCodes. */
    public static Map<String, String> defaultColorCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("GpuFromHost", "red");
        m.put("HostFromGpu", "red");
        m.put("Scan", "yellow");
        m.put("Shape", "brown");
        m.put("IfElse", "magenta");
        m.put("Elemwise", "#FFAABB");
        m.put("Subtensor", "#FFAAFF");
        m.put("Alloc", "#FFAA22");
        m.put("Output", "blue");
        return m;
    }

    private final boolean compact, withIds, highContrast, varWithNameSimple;
    private final int maxLabelSize;
    private final Map<String, String> colorCodes;
    private final Map<Variable, String> varStr = new IdentityHashMap<>();
    private final Map<Variable, String> varId = new IdentityHashMap<>();
    private final Map<Apply, String> applyStr = new IdentityHashMap<>();
    private final Map<Apply, String> applyId = new IdentityHashMap<>();
    private final Set<String> allStrings = new HashSet<>();
    private final Map<Variable, Variable> inputUpdate = new IdentityHashMap<>(); // update value -> updated input
    private List<Apply> topo = List.of();
    private String[] applySuffix;
    private int nextId;

    public PydotBuilder(boolean compact, boolean withIds, boolean highContrast, Map<String, String> colorCodes, int maxLabelSize,
            boolean varWithNameSimple) {
        this.compact = compact;
        this.withIds = withIds;
        this.highContrast = highContrast;
        this.colorCodes = colorCodes == null ? defaultColorCodes() : colorCodes;
        this.maxLabelSize = maxLabelSize;
        this.varWithNameSimple = varWithNameSimple;
    }

    /** Profile text per toposort index, appended to apply labels (Theano's '   (0.001s,12.000%)'); null for none. */
    public PydotBuilder applySuffixes(String[] suffixes) {
        this.applySuffix = suffixes;
        return this;
    }

    /**
     * @param updates pairs {graph output holding an update value, graph input it updates} (a compiled
     *                function's shared-variable and In(update=...) updates); the update outputs are no "outputs"
     */
    public Drawing build(FunctionGraph fg, List<Variable[]> updates) {
        topo = fg.toposort();
        List<Variable> outputs = new ArrayList<>(fg.outputs());
        for (Variable[] u : updates) {
            inputUpdate.put(u[0], u[1]);
            removeIdentity(outputs, u[0]);
        }
        Set<Variable> outSet = Collections.newSetFromMap(new IdentityHashMap<>());
        outSet.addAll(outputs);
        Drawing g = new Drawing();
        String outColor = colorCodes.getOrDefault("Output", "blue");
        for (Apply node : topo) {
            String[] an = applyName(node);
            String useColor = null;
            String cls = className(node);
            for (Map.Entry<String, String> c : colorCodes.entrySet()) if (cls.contains(c.getKey())) useColor = c.getValue();
            g.setDetails(an[1], applyDetails(node, fg));
            if (useColor == null) g.addNode(new Drawing.Node(an[1], an[0], "ellipse", null, null));
            else if (highContrast) g.addNode(new Drawing.Node(an[1], an[0], "ellipse", useColor, null));
            else g.addNode(new Drawing.Node(an[1], an[0], "ellipse", null, useColor));

            for (int idx = 0; idx < node.inputs().size(); idx++) {
                Variable var = node.inputs().get(idx);
                String[] vn = varName(var);
                String label = node.inputs().size() > 1 ? Integer.toString(idx) : "";
                if (var.owner() == null) {
                    g.setDetails(vn[1], variableDetails(var, var instanceof SharedVariable ? "shared input" : var instanceof Constant ? "constant" : "input"));
                    String color = var instanceof SharedVariable ? "cyan" : "green"; // mixing input green and output blue
                    g.addNode(highContrast ? new Drawing.Node(vn[1], vn[0], "box", color, null) : new Drawing.Node(vn[1], vn[0], "box", null, color));
                    g.addEdge(new Drawing.Edge(vn[1], an[1], label.isEmpty() ? null : label, null));
                } else if (var.name() != null || !compact || outSet.contains(var)) {
                    g.addEdge(new Drawing.Edge(vn[1], an[1], label.isEmpty() ? null : label, null));
                } else {
                    if (!label.isEmpty()) label += " ";
                    label = truncate(label + var.type());
                    g.addEdge(new Drawing.Edge(applyName(var.owner())[1], an[1], label, null));
                }
            }
            for (int idx = 0; idx < node.outputs().size(); idx++) {
                Variable var = node.outputs().get(idx);
                String[] vn = varName(var);
                String label = truncate(node.outputs().size() > 1 ? Integer.toString(idx) : "");
                g.setDetails(vn[1], variableDetails(var, outSet.contains(var) ? "output" : inputUpdate.containsKey(var) ? "update value"
                        : fg.clients(var).isEmpty() ? "unused output" : "intermediate"));
                if (outSet.contains(var) || inputUpdate.containsKey(var)) {
                    g.addEdge(new Drawing.Edge(an[1], vn[1], label.isEmpty() ? null : label, null));
                    g.addNode(highContrast ? new Drawing.Node(vn[1], vn[0], "box", outColor, null) : new Drawing.Node(vn[1], vn[0], "box", null, outColor));
                } else if (fg.clients(var).isEmpty()) {
                    g.addEdge(new Drawing.Edge(an[1], vn[1], label.isEmpty() ? null : label, null));
                    g.addNode(highContrast ? new Drawing.Node(vn[1], vn[0], "box", "grey", null) : new Drawing.Node(vn[1], vn[0], "box", null, "grey"));
                } else if (var.name() != null || !compact) {
                    if (compact) {
                        if (!label.isEmpty()) label += " ";
                        label = truncate(label + var.type());
                    }
                    g.addEdge(new Drawing.Edge(an[1], vn[1], label.isEmpty() ? null : label, null));
                    g.addNode(new Drawing.Node(vn[1], vn[0], "box", null, null));
                }
            }
        }
        for (Map.Entry<Variable, Variable> e : inputUpdate.entrySet()) {
            g.addEdge(new Drawing.Edge(varName(e.getKey())[1], varName(e.getValue())[1], "UPDATE", outColor));
        }
        return g;
    }

    private String applyDetails(Apply node, FunctionGraph fg) {
        StringBuilder sb = new StringBuilder("Apply node, toposort index ").append(topo.indexOf(node)).append('\n');
        sb.append("Op: ").append(node.op()).append('\n');
        sb.append("Apply: ").append(node).append('\n');
        for (int i = 0; i < node.inputs().size(); i++) sb.append("input ").append(i).append(": ").append(node.inputs().get(i).type()).append('\n');
        for (int i = 0; i < node.outputs().size(); i++) sb.append("output ").append(i).append(": ").append(node.outputs().get(i).type()).append('\n');
        int idx = topo.indexOf(node);
        if (applySuffix != null && idx >= 0 && idx < applySuffix.length && applySuffix[idx] != null) sb.append("Profile:").append(applySuffix[idx]).append('\n');
        return sb.toString();
    }

    private static String variableDetails(Variable var, String kind) {
        StringBuilder sb = new StringBuilder("Variable (").append(kind).append(")\n");
        if (var.name() != null) sb.append("Name: ").append(var.name()).append('\n');
        sb.append("Type: ").append(var.type()).append('\n');
        if (var instanceof Constant c) sb.append("Value: ").append(c.data()).append('\n');
        return sb.toString();
    }

    /** Theano matches colour codes against the op's Python class name; user ops carry theirs as their name. */
    private static String className(Apply node) {
        if (node.op() instanceof PythonOp p) return p.toString();
        return node.op().getClass().getSimpleName();
    }

    private static void removeIdentity(List<Variable> l, Variable v) {
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i) == v) {
                l.remove(i);
                return;
            }
        }
    }

    private String truncate(String s) {
        return s.length() > maxLabelSize ? s.substring(0, Math.max(0, maxLabelSize - 3)) + "..." : s;
    }

    /** {label, node id} of a variable (Theano's var_name). */
    private String[] varName(Variable var) {
        String s = varStr.get(var);
        if (s != null) return new String[] {s, varId.get(var)};
        String vs;
        if (var.name() != null) {
            vs = varWithNameSimple ? var.name() : "name=" + var.name() + " " + var.type();
        } else if (var instanceof Constant c) {
            String d = "val=" + c.data();
            int nl = d.indexOf('\n');
            if (nl >= 0) d = d.substring(0, nl);
            vs = d + " " + var.type();
        } else if (inputUpdate.containsKey(var) && inputUpdate.get(var).name() != null) {
            vs = inputUpdate.get(var).name();
            if (!varWithNameSimple) vs += var.type();
        } else {
            vs = var.type().toString();
        }
        vs = truncate(vs);
        varStr.put(var, vs);
        varId.put(var, "v" + nextId++);
        allStrings.add(vs);
        return new String[] {vs, varId.get(var)};
    }

    /** {label, node id} of an apply node (Theano's apply_name): ids added when asked or when the label repeats. */
    private String[] applyName(Apply node) {
        String s = applyStr.get(node);
        if (s != null) return new String[] {s, applyId.get(node)};
        int index = topo.indexOf(node);
        String as = node.op().toString().replace(':', '_');
        if (applySuffix != null && index >= 0 && index < applySuffix.length && applySuffix[index] != null) as += applySuffix[index];
        if (allStrings.contains(as) || withIds) {
            String idx = " id=" + index;
            if (as.length() + idx.length() > maxLabelSize) as = as.substring(0, Math.max(0, maxLabelSize - 3 - idx.length())) + idx + "...";
            else as = as + idx;
        } else if (as.length() > maxLabelSize) {
            as = as.substring(0, maxLabelSize - 3) + "...";
            int i = 1;
            while (allStrings.contains(as)) {
                i++;
                String suffix = " id=" + i;
                as = as.substring(0, Math.max(0, maxLabelSize - 3 - suffix.length())) + "..." + suffix;
            }
        }
        allStrings.add(as);
        applyStr.put(node, as);
        applyId.put(node, "a" + nextId++);
        return new String[] {as, applyId.get(node)};
    }
}
