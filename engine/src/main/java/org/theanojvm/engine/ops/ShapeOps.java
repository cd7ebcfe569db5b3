package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

/** Shape, Reshape and MakeVector (the ops that describe and change shapes). */
public final class ShapeOps {
    private ShapeOps() {}

    /** x.shape as an int64 vector (printed {@code Shape}). */
    public static final class Shape extends Op {
        public static final Shape INSTANCE = new Shape();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            return new Apply(this, List.of(inputs.get(0)), List.of(TensorType.vector(DType.INT64)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            return new NdArray[] {NdArray.fromLongs(DType.INT64, new long[] {in[0].ndim()}, in[0].shape())};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) { return List.of(DisconnectedType.make()); }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "Shape"; }
    }

    /** Reshape to a symbolic int vector shape of known length ndim; one entry may be -1 (printed {@code Reshape{2}}). */
    public static final class Reshape extends Op {
        private final int ndim;

        public Reshape(int ndim) { this.ndim = ndim; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = inputs.get(0), shp = inputs.get(1);
            if (shp.ndim() != 1 || !shp.dtype().isInteger()) {
                throw new TheanoTypeError("Shape must be integers: " + shp + " " + shp.type());
            }
            boolean[] b = new boolean[ndim];
            if (shp instanceof Constant c) {
                long[] v = c.data().toLongArray();
                if (v.length != ndim) throw new TheanoValueError("shape argument to Reshape.perform has incorrect length " + v.length + ", should be " + ndim);
                for (int i = 0; i < ndim; i++) b[i] = v[i] == 1;
            } else if (shp.owner() != null && shp.owner().op() instanceof MakeVector) {
                List<Variable> parts = shp.owner().inputs();
                for (int i = 0; i < ndim && i < parts.size(); i++) {
                    b[i] = parts.get(i) instanceof Constant c && c.data().itemLong() == 1;
                }
            }
            return new Apply(this, List.of(x, shp), List.of(new TensorType(x.dtype(), b)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] s = in[1].toLongArray();
            if (s.length != ndim) {
                throw new TheanoValueError("shape argument to Reshape.perform has incorrect length " + s.length + ", should be " + ndim);
            }
            return new NdArray[] {in[0].reshape(s)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) { return new boolean[][] {{true}, {false}}; }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0);
            return List.of(T.reshape(outputGrads.get(0), T.shape(x), x.ndim()), DisconnectedType.make());
        }

        @Override
        public List<Variable> rOp(List<Variable> inputs, List<Variable> ev) {
            if (ev.get(0) == null) return Collections.singletonList(null);
            return List.of(call(ev.get(0), inputs.get(1)));
        }

        @Override
        protected List<Object> props() { return List.of(ndim); }

        @Override
        public String toString() { return "Reshape{" + ndim + "}"; }
    }

    /** Stacks scalars into a vector (printed {@code MakeVector{dtype='int64'}}). */
    public static final class MakeVector extends Op {
        private final DType dtype;

        public MakeVector(DType dtype) { this.dtype = dtype; }

        @Override
        public Apply makeNode(List<Variable> inputs) {
            List<Variable> ins = new ArrayList<>();
            for (Variable v : inputs) {
                if (v.ndim() != 0) throw new TheanoTypeError("MakeVector inputs must be scalars, got " + v.type());
                if (v.dtype() != dtype) {
                    if (DType.upcast(v.dtype(), dtype) != dtype) {
                        throw new TheanoTypeError("MakeVector: cannot put " + v.dtype() + " in a " + dtype + " vector without loss");
                    }
                    v = T.cast(v, dtype);
                }
                ins.add(v);
            }
            return new Apply(this, ins, List.of(new TensorType(dtype, inputs.size() == 1)));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray out = NdArray.empty(dtype, in.length);
            for (int i = 0; i < in.length; i++) NdArray.copyElement(in[i], in[i].offset(), out, (long) i * dtype.itemsize());
            return new NdArray[] {out};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            List<Variable> r = new ArrayList<>();
            Variable g = outputGrads.get(0);
            for (int i = 0; i < inputs.size(); i++) {
                Variable in = inputs.get(i);
                r.add(in.dtype().isDiscrete() ? T.zerosLikeFloat(in) : T.subtensor(g, SubtensorOps.idx(i)));
            }
            return r;
        }

        @Override
        protected List<Object> props() { return List.of(dtype); }

        @Override
        public String toString() { return "MakeVector{dtype='" + dtype + "'}"; }
    }
}
