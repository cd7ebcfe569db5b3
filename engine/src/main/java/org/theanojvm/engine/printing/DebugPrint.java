package org.theanojvm.engine.printing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.scan.ScanOp;

/**
 * theano.printing.debugprint (Theano 1.0's debugmode.debugprint): one line per variable, depth-first,
 * children indented with {@code " |"}; an op output prints
 * {@code Elemwise{add,no_inplace} [id A] <type> 'name'   toposortIndex}, a leaf prints
 * {@code x [id B] <type>}. An apply seen before is printed again with its old id but not expanded.
 *
 * <p>One instance is one printing session: the ids it hands out ({@link #done}) are kept between
 * calls so that printing several outputs (a list, or a function's outputs) shares ids, as Theano's
 * {@code done} dict does. Not thread-safe.
 */
public final class DebugPrint {
    /** How ids print: "CHAR" ([id A]), "int" ([id 0]), "id" (an identity number) or "" (none). */
    private final String ids;
    private final boolean printType;
    private final boolean stopOnName;
    /** Apply nodes and leaf variables already printed, with their id text (Theano's {@code done}). */
    private final Map<Object, String> done = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    public DebugPrint(String ids, boolean printType, boolean stopOnName) {
        if (!ids.equals("CHAR") && !ids.equals("int") && !ids.equals("id") && !ids.isEmpty()) {
            throw new IllegalArgumentException("ids must be one of 'CHAR', 'int', 'id' or '', got '" + ids + "'");
        }
        this.ids = ids;
        this.printType = printType;
        this.stopOnName = stopOnName;
    }

    /** Per apply {time, % of the call time, time with its ancestors, %}: a profiled function's " --> ..." suffix. */
    private Map<Apply, double[]> timing = Map.of();

    public DebugPrint timing(Map<Apply, double[]> t) {
        this.timing = t == null ? Map.of() : t;
        return this;
    }

    /** Objects (Apply or leaf Variable) already given an id, with that id text; callers may pre-fill it. */
    public Map<Object, String> done() { return done; }

    /**
     * Prints one variable's graph.
     *
     * @param order the toposort of the compiled graph (its index is printed after each apply), or null
     * @param depth how many levels to print (-1: all)
     */
    public DebugPrint print(Variable r, List<Apply> order, int depth) {
        print(r, "", "", order, depth);
        return this;
    }

    /** The text printed so far. */
    public String text() { return out.toString(); }

    /** Scan outputs met so far, in Theano's order (repeats included): their inner graphs are printed by {@link #printInnerGraphs}. */
    private final List<Variable> scans = new ArrayList<>();
    /** While printing a scan's inner graph: inner input -> the outer input it stands for. */
    private Map<Variable, Variable> innerToOuter = Map.of();

    /** A top-level variable to print: a scan output is also queued for its inner graph, as Theano does. */
    public DebugPrint printRoot(Variable r, List<Apply> order, int depth) {
        if (r.owner() != null && r.owner().op() instanceof ScanOp) scans.add(r);
        return print(r, order, depth);
    }

    /**
     * Theano's "Inner graphs of the scan ops:" section: for each scan output met, its line again, then the
     * inner graph's outputs prefixed with " >", inner inputs showing the id of the outer input they stand for.
     */
    public DebugPrint printInnerGraphs(int depth) {
        if (scans.isEmpty()) return this;
        out.append("\nInner graphs of the scan ops:\n");
        for (int i = 0; i < scans.size(); i++) { // the list grows while nested scans are met
            Variable s = scans.get(i);
            ScanOp op = (ScanOp) s.owner().op();
            Map<Variable, Variable> map = new IdentityHashMap<>();
            List<Variable> inner = op.inner().inputs(), outer = s.owner().inputs();
            for (int k = 0; k < op.nSeqs(); k++) map.put(inner.get(k), outer.get(1 + k));
            for (int o = 0; o < op.nOuts(); o++) {
                for (int t = 0; t < op.taps(o).length; t++) map.put(inner.get(op.innerStateStart(o) + t), outer.get(op.outerInitIndex(o)));
            }
            for (int k = 0; k < op.nNonSeqs(); k++) map.put(inner.get(op.innerNonSeqStart() + k), outer.get(op.outerNonSeqStart() + k));
            out.append('\n');
            innerToOuter = map;
            print(s, "", "", null, depth);
            for (Variable io : op.inner().outputs()) {
                if (io.owner() != null && io.owner().op() instanceof ScanOp) scans.add(io);
                print(io, " >", " >", null, depth);
            }
            innerToOuter = Map.of();
        }
        return this;
    }

    private void print(Variable r, String prefix, String prefixChild, List<Apply> order, int depth) {
        if (depth == 0) return;
        String typeStr = printType ? " <" + r.type() + ">" : "";
        Apply a = r.owner();
        if (a == null) {
            Variable outer = innerToOuter.get(r);
            out.append(prefix).append(r).append(' ').append(idOf(r)).append(typeStr);
            if (outer != null) out.append(" -> ").append(idOf(outer.owner() != null ? outer.owner() : outer));
            out.append('\n');
            return;
        }
        String name = r.name() == null ? "" : r.name();
        String o = order == null || order.isEmpty() ? "" : Integer.toString(indexOf(order, a));
        boolean alreadyPrinted = done.containsKey(a);
        String id = idOf(a);
        String idx = a.outputs().size() == 1 ? "" : "." + a.outputs().indexOf(r);
        // Theano's format '%s%s%s %s%s \'%s\' %s %s %s': the empty destroy/view map fields leave three spaces.
        out.append(prefix).append(a.op()).append(idx).append(' ').append(id).append(typeStr)
                .append(" '").append(name).append("'   ").append(o);
        double[] t = timing.get(a);
        if (t != null) {
            out.append(String.format(java.util.Locale.ROOT, " --> %8.2es %4.1f%% %8.2es %4.1f%%", t[0], t[1], t[2], t[3]));
        }
        out.append('\n');
        if (alreadyPrinted || (stopOnName && r.name() != null)) return;
        List<Variable> inputs = a.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Variable in = inputs.get(i);
            if (in.owner() != null && in.owner().op() instanceof ScanOp) scans.add(in);
            String childPrefix = prefixChild + (i == inputs.size() - 1 ? "  " : " |");
            print(inputs.get(i), prefixChild + " |", childPrefix, order, depth - 1);
        }
    }

    private static int indexOf(List<Apply> order, Apply a) {
        for (int i = 0; i < order.size(); i++) if (order.get(i) == a) return i;
        return -1;
    }

    private String idOf(Object obj) {
        String s = done.get(obj);
        if (s != null) return s;
        s = switch (ids) {
            case "CHAR" -> "[id " + charFromNumber(done.size()) + "]";
            case "int" -> "[id " + done.size() + "]";
            case "id" -> "[id " + System.identityHashCode(obj) + "]";
            default -> "";
        };
        done.put(obj, s);
        return s;
    }

    /** Theano's char_from_number: 0 -> A, 25 -> Z, 26 -> BA (base 26 with A as the zero digit). */
    public static String charFromNumber(int number) {
        if (number == 0) return "A";
        StringBuilder sb = new StringBuilder();
        while (number != 0) {
            sb.insert(0, (char) ('A' + number % 26));
            number /= 26;
        }
        return sb.toString();
    }
}
