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
import org.theanojvm.engine.ndarray.Strided;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * Applies a {@link ScalarOp} elementwise with broadcasting: the single mechanism behind every
 * elementwise tensor operation. make_node pads lower-rank inputs on the left with broadcastable
 * dimensions (DimShuffle), the output is broadcastable where all inputs are, and perform runs one
 * strided loop in the domain (long, double, complex) chosen from the dtypes.
 */
public final class Elemwise extends Op {
    private final ScalarOp scalarOp;
    private final String name;
    /** Theano's inplace_pattern {0: inplaceInput}: the input whose buffer receives the output, or -1. */
    private final int inplaceInput;

    public Elemwise(ScalarOp scalarOp, String name) { this(scalarOp, name, -1); }

    /**
     * @param inplaceInput the input overwritten with the output (Theano's inplace_pattern {0: i}), or -1.
     *        Only the rewrite pipeline sets it, after checking Theano's destroy rules (the input is an
     *        intermediate nobody else reads, of the output's dtype and broadcast pattern).
     */
    public Elemwise(ScalarOp scalarOp, String name, int inplaceInput) {
        this.scalarOp = scalarOp;
        this.name = name;
        this.inplaceInput = inplaceInput;
    }

    /** The input index this node overwrites (its destroy_map), or -1. */
    public int inplaceInput() { return inplaceInput; }

    @Override
    public int destroyedInput() { return inplaceInput; }

    /**
     * This op writing its output into input {@code i}, named as Theano names it: {@code Elemwise{add,inplace}}
     * for the tensor-level ops, {@code Elemwise{Composite{...}}[(0, 1)]} for others.
     */
    public Elemwise withInplace(int i) {
        String n;
        if (i < 0) n = name != null && name.endsWith(",inplace}") ? name.replace(",inplace}", ",no_inplace}") : name;
        else if (name != null && name.endsWith(",no_inplace}")) n = name.replace(",no_inplace}", ",inplace}");
        else n = "Elemwise{" + scalarOp.name() + "}[(0, " + i + ")]";
        return new Elemwise(scalarOp, n, i);
    }

    /** As the tensor-level functions create them: printed {@code Elemwise{add,no_inplace}}. */
    public static Elemwise noInplace(ScalarOp op) { return new Elemwise(op, "Elemwise{" + op.name() + ",no_inplace}"); }

    public ScalarOp scalarOp() { return scalarOp; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        if (scalarOp.nin() >= 0 && inputs.size() != scalarOp.nin()) {
            throw new TheanoTypeError("Wrong number of inputs for " + this + ".make_node (got " + inputs.size() + "(" + inputs + "), expected "
                    + scalarOp.nin() + ")");
        }
        if (inputs.isEmpty()) throw new TheanoTypeError(this + " needs at least one input");
        int nd = 0;
        for (Variable v : inputs) nd = Math.max(nd, v.ndim());
        List<Variable> padded = new ArrayList<>();
        for (Variable v : inputs) {
            int diff = nd - v.ndim();
            if (diff == 0) {
                padded.add(v);
            } else {
                int[] order = new int[nd];
                for (int i = 0; i < nd; i++) order[i] = i < diff ? -1 : i - diff;
                padded.add(new DimShuffle(v.broadcastable(), order).call(v));
            }
        }
        boolean[] ob = new boolean[nd];
        Arrays.fill(ob, true);
        DType[] dts = new DType[padded.size()];
        for (int k = 0; k < padded.size(); k++) {
            Variable v = padded.get(k);
            dts[k] = v.dtype();
            for (int d = 0; d < nd; d++) ob[d] &= v.broadcastable()[d];
        }
        DType out = scalarOp.outputDType(dts);
        return new Apply(this, padded, List.of(new TensorType(out, ob)));
    }

    /**
     * Theano's rule, stricter than NumPy's: a length-1 dimension only stretches when the input's type
     * declares it broadcastable; all non-broadcastable inputs must agree (C Elemwise's message).
     */
    static long[] outputShape(Apply node, long[][] shapes) {
        int nd = node.outputs().get(0).ndim();
        long[] out = new long[nd];
        for (int d = 0; d < nd; d++) {
            int ref = -1;
            long size = 1;
            for (int k = 0; k < shapes.length; k++) {
                if (node.inputs().get(k).tensorType().broadcastable(d)) continue;
                if (ref < 0) {
                    ref = k;
                    size = shapes[k][d];
                } else if (shapes[k][d] != size) {
                    throw new TheanoValueError("Input dimension mis-match. (input[" + ref + "].shape[" + d + "] = " + size + ", input[" + k
                            + "].shape[" + d + "] = " + shapes[k][d] + ")");
                }
            }
            out[d] = size;
        }
        return out;
    }

    private enum Domain { LONG, DOUBLE, COMPLEX }

    private Domain domain(NdArray[] in, DType out) {
        boolean allDiscrete = out.isDiscrete();
        boolean complex = out.isComplex();
        for (int k = 0; k < in.length; k++) {
            if (!scalarOp.readsValue(k)) continue;
            allDiscrete &= in[k].dtype().isDiscrete();
            complex |= in[k].dtype().isComplex();
        }
        if (complex) return Domain.COMPLEX;
        if (allDiscrete && scalarOp.hasLongImpl()) return Domain.LONG;
        return Domain.DOUBLE;
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        TensorType ot = node.outputs().get(0).tensorType();
        long[][] shapes = new long[in.length][];
        for (int k = 0; k < in.length; k++) {
            shapes[k] = in[k].shape();
            TensorType it = node.inputs().get(k).tensorType();
            for (int d = 0; d < it.ndim(); d++) {
                if (it.broadcastable(d) && shapes[k][d] != 1) {
                    throw new TheanoValueError("Input dimension mis-match. (input[" + k + "].shape[" + d + "] = " + shapes[k][d]
                            + ", but the input is broadcastable on that dimension)");
                }
            }
        }
        long[] outShape = outputShape(node, shapes);
        // In place: reuse the destroyed input's buffer when it has exactly the output's dtype and shape
        // (the rewrite guaranteed that nobody else reads it). Reading and writing the same element in
        // the same iteration is safe for an elementwise loop. Otherwise allocate, which is always correct.
        NdArray out = inplaceInput >= 0 && in[inplaceInput].dtype() == ot.dtype() && Arrays.equals(in[inplaceInput].shape(), outShape)
                && !aliasedByAnother(in, inplaceInput) ? in[inplaceInput] : NdArray.empty(ot.dtype(), outShape);
        int n = in.length;
        long[][] strides = new long[n + 1][];
        long[] base = new long[n + 1];
        for (int k = 0; k < n; k++) {
            NdArray b = in[k].broadcastTo(outShape);
            strides[k] = b.strides();
            base[k] = b.offset();
        }
        strides[n] = out.strides();
        base[n] = out.offset();
        DType od = ot.dtype();
        switch (domain(in, od)) {
            case LONG -> {
                long[] args = new long[n];
                Strided.forEach(outShape, strides, base, off -> {
                    for (int k = 0; k < n; k++) args[k] = in[k].readLong(off[k]);
                    out.writeLong(off[n], scalarOp.evalLong(args, od));
                });
            }
            case DOUBLE -> {
                if (scalarOp instanceof Composite c) {
                    performComposite(c, in, out, od, outShape, strides, base);
                    return new NdArray[] {out};
                }
                double[] args = new double[n];
                Strided.forEach(outShape, strides, base, off -> {
                    for (int k = 0; k < n; k++) args[k] = in[k].readDouble(off[k]);
                    out.writeDouble(off[n], scalarOp.evalDouble(args));
                });
            }
            case COMPLEX -> {
                double[][] args = new double[n][];
                Strided.forEach(outShape, strides, base, off -> {
                    for (int k = 0; k < n; k++) args[k] = in[k].readComplex(off[k]);
                    double[] r = scalarOp.evalComplex(args);
                    out.writeComplex(off[n], r[0], r[1]);
                });
            }
        }
        return new NdArray[] {out};
    }

    /**
     * A fused Composite in the double domain computes what the unfused chain of Elemwise nodes computes
     * only if discrete values stay exact longs: its discrete inputs are read as longs, a discrete result
     * written as one ({@link Composite#evalExact}).
     */
    private static void performComposite(Composite c, NdArray[] in, NdArray out, DType od, long[] outShape, long[][] strides, long[] base) {
        int n = in.length;
        boolean[] discrete = new boolean[n];
        for (int k = 0; k < n; k++) discrete[k] = in[k].dtype().isDiscrete();
        double[] xd = new double[n];
        long[] xl = new long[n];
        long[] result = new long[1];
        Strided.forEach(outShape, strides, base, off -> {
            for (int k = 0; k < n; k++) {
                if (discrete[k]) xl[k] = in[k].readLong(off[k]);
                else xd[k] = in[k].readDouble(off[k]);
            }
            double d = c.evalExact(xd, xl, result);
            if (od.isDiscrete()) out.writeLong(off[n], result[0]);
            else out.writeDouble(off[n], d);
        });
    }

    /** Another input shares the destroyed buffer (e.g. x + x.T): writing would corrupt what it reads. */
    private static boolean aliasedByAnother(NdArray[] in, int k) {
        for (int j = 0; j < in.length; j++) {
            if (j != k && in[j].segment().asOverlappingSlice(in[k].segment()).isPresent()) return true;
        }
        return false;
    }

    /**
     * Theano's Elemwise.L_op: the scalar op's gradient, then summed over the dimensions an input was
     * broadcast along. Ops with a discrete output have zero gradient (as float).
     */
    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
        Variable out = outputs.get(0);
        Variable gz = outputGrads.get(0);
        List<Variable> rval = new ArrayList<>();
        if (out.dtype().isDiscrete()) {
            for (Variable i : inputs) rval.add(T.zerosLikeFloat(i));
            return rval;
        }
        List<Variable> g = scalarOp.grad(inputs, out, gz);
        for (int i = 0; i < inputs.size(); i++) {
            Variable gi = g.get(i);
            Variable ipt = inputs.get(i);
            if (gi == null) {
                rval.add(Op.gradUndefined(this, i, ipt, null));
                continue;
            }
            rval.add(sumOverBroadcast(ipt, gi, out.broadcastable()));
        }
        return rval;
    }

    /** Sums a gradient over the axes where the input is broadcastable but the output is not. */
    static Variable sumOverBroadcast(Variable ipt, Variable g, boolean[] outB) {
        boolean[] ib = ipt.broadcastable();
        List<Integer> toSum = new ArrayList<>();
        boolean[] gb = g.broadcastable();
        for (int d = 0; d < ib.length; d++) {
            if (ib[d] && (!outB[d] || !gb[d])) toSum.add(d);
        }
        if (toSum.isEmpty()) return g;
        int[] axes = toSum.stream().mapToInt(Integer::intValue).toArray();
        return T.sum(g, axes, true, null, null);
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return lOp(inputs, List.of(makeNode(inputs).outputs().get(0)), outputGrads);
    }

    /** Theano's Elemwise.R_op: sum over inputs of (d out / d input, elementwise) * eval point. */
    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) {
        Variable out = makeNode(inputs).outputs().get(0);
        if (out.dtype().isDiscrete()) return java.util.Collections.singletonList(null);
        List<Variable> bgrads = scalarOp.grad(inputs, out, T.onesLike(out));
        Variable r = null;
        for (int j = 0; j < inputs.size(); j++) {
            Variable e = evalPoints.get(j);
            Variable b = bgrads.get(j);
            if (e == null || b == null || DisconnectedType.is(e)) continue;
            Variable term = T.mul(b, e);
            r = r == null ? term : T.add(r, term);
        }
        return java.util.Collections.singletonList(r);
    }

    @Override
    protected List<Object> props() { return List.of(scalarOp, inplaceInput); }

    @Override
    public String toString() { return name != null ? name : "Elemwise{" + scalarOp + "}"; }
}
