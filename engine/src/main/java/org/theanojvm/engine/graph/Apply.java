package org.theanojvm.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.types.Type;

/** One application of an {@link Op} to input variables, owning its output variables. */
public final class Apply implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final Op op;
    private final List<Variable> inputs;
    private final List<Variable> outputs;

    public Apply(Op op, List<Variable> inputs, List<? extends Type> outputTypes) {
        this.op = op;
        this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        List<Variable> outs = new ArrayList<>();
        for (int i = 0; i < outputTypes.size(); i++) {
            outs.add(new Variable(outputTypes.get(i), this, i, null));
        }
        this.outputs = Collections.unmodifiableList(outs);
    }

    public Op op() { return op; }

    public List<Variable> inputs() { return inputs; }

    public List<Variable> outputs() { return outputs; }

    public Variable output(int i) { return outputs.get(i); }

    /** The output a plain call returns: the single output, or the op's default output. */
    public Variable defaultOutput() {
        int d = op.defaultOutput();
        if (d >= 0) return outputs.get(d);
        if (outputs.size() != 1) throw new IllegalStateException(op + " has " + outputs.size() + " outputs; pick one");
        return outputs.get(0);
    }

    /**
     * A copy of this node on other inputs: the same op when the input types are unchanged, else the
     * op rebuilds the node (so types are re-inferred). Output names and tags are kept.
     */
    public Apply cloneWithNewInputs(List<Variable> newInputs) {
        boolean same = newInputs.size() == inputs.size();
        for (int i = 0; same && i < inputs.size(); i++) {
            same = newInputs.get(i).type().equals(inputs.get(i).type());
        }
        Apply n;
        if (same) {
            List<Type> types = new ArrayList<>();
            for (Variable o : outputs) types.add(o.type());
            n = new Apply(op, newInputs, types);
        } else {
            n = op.makeNode(newInputs);
        }
        for (int i = 0; i < outputs.size() && i < n.outputs.size(); i++) {
            n.outputs.get(i).setName(outputs.get(i).name());
            n.outputs.get(i).tag().putAll(outputs.get(i).tag());
        }
        return n;
    }

    /**
     * Whether this node computes what {@code other} computes: an equal op (by props) applied to the very
     * same input variables. The identity the merge rewrite unifies nodes by.
     */
    public boolean computesSameAs(Apply other) {
        if (!op.equals(other.op) || inputs.size() != other.inputs.size()) return false;
        for (int i = 0; i < inputs.size(); i++) if (inputs.get(i) != other.inputs.get(i)) return false;
        return true;
    }

    /** Theano's str(node): {@code Elemwise{add,no_inplace}(x, y)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.toString()).append('(');
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(inputs.get(i));
        }
        return sb.append(')').toString();
    }
}
