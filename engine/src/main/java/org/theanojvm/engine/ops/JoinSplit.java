package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * numpy.concatenate as {@code Join} (inputs: axis, tensors...) and its inverse {@code Split{n}} (inputs: x,
 * axis, sizes); each is the other's gradient, as in Theano.
 */
public final class JoinSplit {
    private JoinSplit() {}

    static Long constAxis(Variable axis) {
        return axis instanceof Constant c ? c.data().itemLong() : null;
    }

    /** Theano's Join: tensors concatenated along an axis given as the first (symbolic) input. */
    public static final class Join extends Op {
        public static final Join INSTANCE = new Join();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable axis = inputs.get(0);
            List<Variable> ts = inputs.subList(1, inputs.size());
            if (ts.isEmpty()) throw new TheanoValueError("Cannot join an empty list of tensors");
            List<DType> dts = new ArrayList<>();
            for (Variable t : ts) {
                dts.add(t.dtype());
                if (t.ndim() == 0) throw new TheanoTypeError("Join cannot handle arguments of dimension 0. For joining scalar values, see @stack");
            }
            if (axis.ndim() != 0 || !axis.dtype().isInteger()) throw new TheanoTypeError("Axis could not be cast to an integer type");
            int nd = ts.get(0).ndim();
            boolean[] b;
            if (ts.size() == 1) {
                b = ts.get(0).broadcastable();
            } else {
                b = new boolean[nd];
                Long ax = constAxis(axis);
                if (ax != null) {
                    // A dim other than the axis is broadcastable if any input is (its length must be 1 then).
                    if (ax < -nd) throw new TheanoIndexError("Join axis " + ax + " out of bounds [0, " + nd + ")");
                    if (ax < 0) ax += nd;
                    if (ax >= nd) throw new TheanoValueError("Join argument \"axis\" is out of range (given input dimensions)");
                    for (Variable t : ts) {
                        boolean[] tb = t.broadcastable();
                        for (int d = 0; d < tb.length && d < nd; d++) if (d != ax && tb[d]) b[d] = true;
                    }
                }
            }
            for (Variable t : ts) {
                if (t.ndim() != nd) throw new TheanoTypeError("Join() can only join tensors with the same number of dimensions.");
            }
            return new Apply(this, inputs, List.of(new TensorType(DType.upcast(dts), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            int nd = in[1].ndim();
            int ax = AxisLines.normalize(in[0].itemLong(), nd);
            long[] os = in[1].shape();
            long total = 0;
            for (int i = 1; i < in.length; i++) {
                for (int d = 0; d < nd; d++) {
                    if (d != ax && in[i].shape(d) != os[d]) {
                        throw new TheanoValueError("all the input array dimensions except for the concatenation axis must match exactly, but along dimension "
                                + d + ", the array at index 0 has size " + os[d] + " and the array at index " + (i - 1) + " has size " + in[i].shape(d));
                    }
                }
                total += in[i].shape(ax);
            }
            os[ax] = total;
            NdArray out = NdArray.empty(node.outputs().get(0).dtype(), os);
            long at = 0;
            for (int i = 1; i < in.length; i++) {
                long n = in[i].shape(ax);
                out.slice(ax, at, at + n, 1).assign(in[i]);
                at += n;
            }
            return new NdArray[] {out};
        }

        /** Theano's Join.grad: Split the output gradient by the inputs' lengths along the axis. */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable axis = inputs.get(0), gz = outputGrads.get(0);
            List<Variable> ts = inputs.subList(1, inputs.size());
            List<Variable> r = new ArrayList<>();
            r.add(gradUndefined(this, 0, axis, null));
            DType out = DType.upcast(ts.stream().map(Variable::dtype).toList());
            if (out.isContinuous()) {
                Object[] sizes = new Object[ts.size()];
                for (int i = 0; i < sizes.length; i++) sizes[i] = T.subtensor(T.shape(ts.get(i)), SubtensorOps.idx(axis));
                List<Variable> parts = new Split(ts.size()).callAll(gz, axis, T.makeVector(DType.INT64, sizes));
                for (int i = 0; i < ts.size(); i++) r.add(T.patternbroadcast(parts.get(i), ts.get(i).broadcastable()));
            } else {
                for (Variable t : ts) r.add(T.zerosLikeFloat(t));
            }
            return r;
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            List<Variable> ins = new ArrayList<>();
            ins.add(inputs.get(0));
            for (int i = 1; i < ev.size(); i++) {
                if (ev.get(i) == null) return Collections.singletonList(null);
                ins.add(ev.get(i));
            }
            return List.of(makeNode(ins).outputs().get(0));
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "Join"; }
    }

    /** Theano's Split: one tensor cut along an axis into {@code lenSplits} parts of given sizes. */
    public static final class Split extends Op {
        private final int lenSplits;

        public Split(int lenSplits) { this.lenSplits = lenSplits; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), axis = inputs.get(1), splits = inputs.get(2);
            if (splits.ndim() != 1 || !splits.dtype().isInteger()) throw new TheanoTypeError("splits must have type tensor.lvector");
            if (axis.ndim() != 0 || !axis.dtype().isInteger()) throw new TheanoTypeError("axis must have type lscalar");
            List<TensorType> outs = new ArrayList<>();
            for (int i = 0; i < lenSplits; i++) outs.add(x.tensorType());
            return new Apply(this, inputs, outs);
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray x = in[0];
            int ax = AxisLines.normalize(in[1].itemLong(), x.ndim());
            long[] sp = in[2].toLongArray();
            if (sp.length != lenSplits) throw new TheanoValueError("In Split.perform(), len(splits) != len_splits.");
            long sum = 0;
            for (long s : sp) {
                if (s < 0) throw new TheanoValueError("Split: you tried to make an ndarray with a negative number of elements.");
                sum += s;
            }
            if (sum != x.shape(ax)) throw new TheanoValueError("The splits sum to " + sum + ", expected " + x.shape(ax));
            NdArray[] out = new NdArray[lenSplits];
            long at = 0;
            for (int i = 0; i < lenSplits; i++) {
                out[i] = x.slice(ax, at, at + sp[i], 1).copy();
                at += sp[i];
            }
            return out;
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            boolean[][] p = new boolean[3][lenSplits];
            java.util.Arrays.fill(p[0], true);
            return p;
        }

        /**
         * Theano's Split.grad: join the output gradients along the axis; a disconnected output gradient
         * becomes zeros like that output, and all disconnected gives a disconnected x.
         */
        @Override
        public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
            if (outputGrads.stream().allMatch(DisconnectedType::is)) {
                return List.of(DisconnectedType.make(), DisconnectedType.make(), DisconnectedType.make());
            }
            List<Variable> ins = new ArrayList<>();
            ins.add(inputs.get(1));
            for (int i = 0; i < outputGrads.size(); i++) {
                Variable g = outputGrads.get(i);
                ins.add(DisconnectedType.is(g) ? T.zerosLike(outputs.get(i)) : g);
            }
            return List.of(Join.INSTANCE.makeNode(ins).outputs().get(0), DisconnectedType.make(), DisconnectedType.make());
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return lOp(inputs, makeNode(inputs).outputs(), outputGrads);
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return java.util.Arrays.asList(new Variable[lenSplits]);
            return makeNode(ev.get(0), inputs.get(1), inputs.get(2)).outputs();
        }

        @Override
        protected List<Object> props() { return List.of(lenSplits); }

        @Override
        public String toString() { return "Split{" + lenSplits + "}"; }
    }
}
