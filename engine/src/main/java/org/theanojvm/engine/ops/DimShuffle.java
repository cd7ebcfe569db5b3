package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * Reorders dimensions, inserts broadcastable ones ('x', stored as -1) and drops broadcastable ones
 * (Theano's DimShuffle). Always a view. Printed {@code DimShuffle{x,0}}.
 */
public final class DimShuffle extends Op {
    private final boolean[] inputBroadcastable;
    private final int[] newOrder;

    public DimShuffle(boolean[] inputBroadcastable, int[] newOrder) {
        this.inputBroadcastable = inputBroadcastable.clone();
        this.newOrder = newOrder.clone();
        boolean[] seen = new boolean[inputBroadcastable.length];
        for (int o : newOrder) {
            if (o >= inputBroadcastable.length) {
                throw new TheanoValueError("new_order[" + o + "] is outside the input dimensions (" + inputBroadcastable.length + ")");
            }
            if (o >= 0) {
                if (seen[o]) throw new TheanoValueError("The same input dimension may not appear twice in the list of output dimensions " + orderString());
                seen[o] = true;
            }
        }
        for (int d = 0; d < seen.length; d++) {
            if (!seen[d] && !inputBroadcastable[d]) {
                throw new TheanoValueError("You cannot drop a non-broadcastable dimension: " + TensorType.broadcastableString(inputBroadcastable)
                        + ", " + orderTuple());
            }
        }
    }

    /** Parses Theano's pattern: integers and "x", e.g. {@code parse("x", 0)}. */
    public static int[] pattern(Object... order) {
        int[] r = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            Object o = order[i];
            if ("x".equals(o)) r[i] = -1;
            else if (o instanceof Number n) r[i] = n.intValue();
            else throw new TheanoValueError("DimShuffle pattern entries must be ints or 'x', got " + o);
        }
        return r;
    }

    public int[] newOrder() { return newOrder.clone(); }

    /** Whether this only drops and adds broadcastable dims without moving data dims (used by grads). */
    public List<Integer> droppedDims() {
        List<Integer> r = new ArrayList<>();
        for (int d = 0; d < inputBroadcastable.length; d++) {
            final int dd = d;
            if (Arrays.stream(newOrder).noneMatch(o -> o == dd)) r.add(d);
        }
        return r;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        TensorType t = x.tensorType();
        if (!Arrays.equals(t.broadcastable(), inputBroadcastable)) {
            if (t.ndim() != inputBroadcastable.length) {
                throw new TheanoValueError("The number of dimensions of the input is incorrect for this op. Expected "
                        + inputBroadcastable.length + ", got " + t.ndim() + ".");
            }
            for (int i = 0; i < inputBroadcastable.length; i++) {
                if (inputBroadcastable[i] && !t.broadcastable(i)) {
                    throw new TheanoTypeError("The broadcastable pattern of the input is incorrect for this op. Expected "
                            + TensorType.broadcastableString(inputBroadcastable) + ", got " + TensorType.broadcastableString(t.broadcastable()) + ".");
                }
            }
        }
        boolean[] ob = new boolean[newOrder.length];
        for (int i = 0; i < newOrder.length; i++) ob[i] = newOrder[i] < 0 || t.broadcastable(newOrder[i]);
        return new Apply(this, List.of(x), List.of(new TensorType(t.dtype(), ob)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        return new NdArray[] {in[0].dimshuffle(newOrder)};
    }

    /** Theano's DimShuffle.grad: the inverse shuffle of the output gradient ('x' where a dim was dropped). */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0);
        if (x.dtype().isDiscrete()) return List.of(T.zerosLikeFloat(x));
        Variable gz = outputGrads.get(0);
        boolean[] gb = gz.broadcastable();
        for (int i = 0; i < newOrder.length; i++) {
            if (newOrder[i] < 0 && !gb[i]) {
                // a gradient that is not known to be broadcastable on an added axis must be summed over it
                gz = T.sum(gz, new int[] {i}, true, null, null);
            }
        }
        int[] gradOrder = new int[inputBroadcastable.length];
        Arrays.fill(gradOrder, -1);
        for (int i = 0; i < newOrder.length; i++) {
            if (newOrder[i] >= 0) gradOrder[newOrder[i]] = i;
        }
        return List.of(new DimShuffle(gz.broadcastable(), gradOrder).call(gz));
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) {
        if (evalPoints.get(0) == null || DisconnectedType.is(evalPoints.get(0))) return java.util.Collections.singletonList(null);
        return List.of(call(evalPoints.get(0)));
    }

    @Override
    protected List<Object> props() { return List.of(inputBroadcastable, newOrder); }

    private String orderString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < newOrder.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(newOrder[i] < 0 ? "x" : Integer.toString(newOrder[i]));
        }
        return sb.toString();
    }

    private String orderTuple() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < newOrder.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(newOrder[i] < 0 ? "'x'" : Integer.toString(newOrder[i]));
        }
        if (newOrder.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    @Override
    public String toString() { return "DimShuffle{" + orderString() + "}"; }
}
