package org.theanojvm.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph walks: ancestors, leaf inputs, topological order, cloning with replacements (givens). */
public final class Graphs {
    private Graphs() {}

    /** All variables the outputs depend on (including the outputs), stopping at {@code blockers}. */
    public static List<Variable> ancestors(List<Variable> outputs, Set<Variable> blockers) {
        Set<Variable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Variable> order = new ArrayList<>();
        Deque<Variable> stack = new ArrayDeque<>();
        for (int i = outputs.size() - 1; i >= 0; i--) stack.push(outputs.get(i));
        while (!stack.isEmpty()) {
            Variable v = stack.pop();
            if (!seen.add(v)) continue;
            order.add(v);
            if (v.owner() != null && (blockers == null || !blockers.contains(v))) {
                List<Variable> ins = v.owner().inputs();
                for (int i = ins.size() - 1; i >= 0; i--) stack.push(ins.get(i));
            }
        }
        return order;
    }

    /** Leaves (variables without owner, constants included) the outputs depend on, in discovery order (theano.gof.graph.inputs). */
    public static List<Variable> inputs(List<Variable> outputs) {
        List<Variable> r = new ArrayList<>();
        for (Variable v : ancestors(outputs, null)) {
            if (v.owner() == null) r.add(v);
        }
        return r;
    }

    /**
     * Apply nodes between {@code inputs} (treated as leaves) and {@code outputs}, each after the nodes
     * producing its inputs. Depth-first from the outputs, inputs in order, so the order is deterministic.
     */
    public static List<Apply> toposort(List<Variable> inputs, List<Variable> outputs) {
        Set<Variable> stop = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        stop.addAll(inputs);
        Set<Apply> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Apply> order = new ArrayList<>();
        for (Variable o : outputs) visit(o, stop, done, order);
        return order;
    }

    private static void visit(Variable v, Set<Variable> stop, Set<Apply> done, List<Apply> order) {
        // iterative post-order to survive deep graphs
        Deque<Object[]> stack = new ArrayDeque<>();
        if (v.owner() == null || stop.contains(v) || done.contains(v.owner())) return;
        stack.push(new Object[] {v.owner(), 0});
        Set<Apply> onStack = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        onStack.add(v.owner());
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Apply a = (Apply) top[0];
            int i = (Integer) top[1];
            if (i < a.inputs().size()) {
                top[1] = i + 1;
                Variable in = a.inputs().get(i);
                Apply p = in.owner();
                if (p != null && !stop.contains(in) && !done.contains(p) && !onStack.contains(p)) {
                    onStack.add(p);
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                onStack.remove(a);
                if (done.add(a)) order.add(a);
            }
        }
    }

    /**
     * Clones the graph computing {@code outputs}, with {@code replace} substituting variables (theano.clone
     * with copy_inputs=False: unreplaced leaves are shared, every apply node above a replacement is rebuilt).
     * {@code memo} receives old -> new for every variable visited and may be pre-filled.
     */
    public static List<Variable> clone(List<Variable> outputs, Map<Variable, Variable> replace, Map<Variable, Variable> memo) {
        Map<Variable, Variable> m = memo != null ? memo : new IdentityHashMap<>();
        if (replace != null) m.putAll(replace);
        Set<Variable> replaced = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (replace != null) replaced.addAll(replace.keySet());
        for (Apply a : toposort(new ArrayList<>(replaced), outputs)) {
            List<Variable> ins = new ArrayList<>();
            for (Variable in : a.inputs()) ins.add(m.getOrDefault(in, in));
            Apply n = a.cloneWithNewInputs(ins);
            for (int i = 0; i < a.outputs().size(); i++) {
                Variable o = a.outputs().get(i);
                if (!m.containsKey(o)) m.put(o, n.outputs().get(i));
            }
        }
        List<Variable> r = new ArrayList<>();
        for (Variable o : outputs) r.add(m.getOrDefault(o, o));
        return r;
    }

    /** Whether {@code v} depends on any of {@code roots} (or is one). */
    public static boolean dependsOn(Variable v, Set<Variable> roots) {
        for (Variable a : ancestors(List.of(v), null)) {
            if (roots.contains(a)) return true;
        }
        return false;
    }

    static <T> Set<T> identitySet() { return java.util.Collections.newSetFromMap(new IdentityHashMap<>()); }

    static <T> Set<T> linkedSet() { return new LinkedHashSet<>(); }

    static <T> Set<T> hashSet() { return new HashSet<>(); }
}
