package org.theanojvm.engine.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.errors.MissingInputError;

/**
 * A closed graph: explicit inputs, outputs, and who uses each variable (clients). This is what a
 * compiled function owns and what rewrites will edit ({@link #replace}). Construction checks that
 * every leaf is an input or a constant (Theano's MissingInputError otherwise).
 */
public final class FunctionGraph implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** Written as its inputs and outputs; the clients and node sets are rebuilt on reading. */
    private record Form(List<Variable> inputs, List<Variable> outputs) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() { return new FunctionGraph(inputs, outputs); }
    }

    @java.io.Serial
    private Object writeReplace() { return new Form(new ArrayList<>(inputs), new ArrayList<>(outputs)); }

    /** A use of a variable: input {@code index} of {@code node}, or output {@code index} of the graph when node is null. */
    public record Client(Apply node, int index) {
        @Override
        public String toString() { return node == null ? "'output'" : node.toString(); }
    }

    private final List<Variable> inputs;
    private final List<Variable> outputs;
    private final Map<Variable, List<Client>> clients = new IdentityHashMap<>();
    private final Set<Apply> nodes = Graphs.identitySet();

    public FunctionGraph(List<Variable> inputs, List<Variable> outputs) {
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        Set<Variable> inSet = Graphs.identitySet();
        inSet.addAll(inputs);
        for (Variable i : inputs) clients.put(i, new ArrayList<>());
        List<Apply> order = Graphs.toposort(inputs, outputs);
        for (Apply a : order) {
            for (int k = 0; k < a.inputs().size(); k++) {
                Variable in = a.inputs().get(k);
                if (in.owner() == null && !inSet.contains(in) && !(in instanceof Constant)) {
                    throw new MissingInputError("Input " + k + " of the graph (indices start from 0), used to compute " + a
                            + ", was not provided and not given a value. Use the Theano flag exception_verbosity='high', "
                            + "for more information on this error." + traceSuffix(in));
                }
                clients.computeIfAbsent(in, x -> new ArrayList<>()).add(new Client(a, k));
            }
            for (Variable o : a.outputs()) clients.computeIfAbsent(o, x -> new ArrayList<>());
            nodes.add(a);
        }
        for (int k = 0; k < outputs.size(); k++) {
            Variable o = outputs.get(k);
            if (o.owner() == null && !inSet.contains(o) && !(o instanceof Constant)) {
                throw new MissingInputError("An output of the graph, " + o + ", was not provided and not given a value."
                        + " Use the Theano flag exception_verbosity='high', for more information on this error." + traceSuffix(o));
            }
            clients.computeIfAbsent(o, x -> new ArrayList<>()).add(new Client(null, k));
        }
    }

    /** MissingInputError joins its args with newlines; the second is the variable's creation trace, when known. */
    static String traceSuffix(Variable v) {
        String t = Traces.variableTraceString(v);
        return t.isEmpty() ? "" : "\n" + t;
    }

    public List<Variable> inputs() { return inputs; }

    public List<Variable> outputs() { return outputs; }

    public List<Client> clients(Variable v) { return clients.getOrDefault(v, List.of()); }

    public Set<Apply> applyNodes() { return nodes; }

    /**
     * Apply nodes in execution order. A node that overwrites a graph input (an in-place update of a
     * shared variable's own buffer) runs after every other node: an error anywhere else then leaves
     * the shared value untouched, as Theano's all-or-none updates require. Only nodes whose outputs
     * feed no other node move (the in-place update rewrite makes sure of that for its own), so the
     * order stays topological.
     */
    public List<Apply> toposort() {
        List<Apply> order = Graphs.toposort(inputs, outputs);
        List<Apply> rest = new ArrayList<>(order.size());
        List<Apply> destroyingInputs = new ArrayList<>();
        for (Apply a : order) (runsLast(a) ? destroyingInputs : rest).add(a);
        if (destroyingInputs.isEmpty()) return order;
        rest.addAll(destroyingInputs);
        return rest;
    }

    /** Whether {@link #toposort} moves this node after every other one: it overwrites a graph input and feeds no other node. */
    public boolean runsLast(Apply a) {
        int d = a.op().destroyedInput();
        return d >= 0 && a.inputs().get(d).owner() == null && onlyGraphOutputs(a);
    }

    private boolean onlyGraphOutputs(Apply a) {
        for (Variable o : a.outputs()) for (Client c : clients(o)) if (c.node() != null) return false;
        return true;
    }

    /** Makes every client of {@code oldVar} use {@code newVar} instead (types must match). */
    public void replace(Variable oldVar, Variable newVar) {
        if (!oldVar.type().equals(newVar.type())) {
            throw new org.theanojvm.engine.errors.TheanoTypeError("The type of the replacement must be the same as the type of the original Variable. "
                    + oldVar + " " + oldVar.type() + " " + newVar + " " + newVar.type());
        }
        // Apply inputs are immutable: every node downstream of oldVar is rebuilt once, in topological
        // order, on the rebuilt versions of its inputs. (Rebuilding client by client instead leaves a
        // node that reads oldVar twice, or through two paths, half on the old graph: both copies of the
        // downstream subgraph then stay alive and run.)
        Map<Variable, Variable> moved = new IdentityHashMap<>();
        moved.put(oldVar, newVar);
        for (Apply a : toposort()) {
            List<Variable> ins = null;
            for (int k = 0; k < a.inputs().size(); k++) {
                Variable m = moved.get(a.inputs().get(k));
                if (m == null) continue;
                if (ins == null) ins = new ArrayList<>(a.inputs());
                ins.set(k, m);
            }
            if (ins == null) continue;
            Apply n = a.cloneWithNewInputs(ins);
            nodes.remove(a);
            for (int i = 0; i < a.outputs().size(); i++) moved.put(a.outputs().get(i), n.outputs().get(i));
        }
        for (int k = 0; k < outputs.size(); k++) {
            Variable m = moved.get(outputs.get(k));
            if (m != null) outputs.set(k, m);
        }
        rebuildClients();
    }

    private void rebuildClients() {
        FunctionGraph f = new FunctionGraph(inputs, outputs);
        clients.clear();
        clients.putAll(f.clients);
        nodes.clear();
        nodes.addAll(f.nodes);
    }

    /** Variables computed or used by the graph. */
    public List<Variable> variables() { return new ArrayList<>(clients.keySet()); }
}
