package org.theanojvm.engine.nnet;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/**
 * The integer-target cross-entropy ops of theano.tensor.nnet.nnet: {@code CrossentropyCategorical1Hot}
 * (categorical_crossentropy with an integer-vector target) with {@code CrossentropyCategorical1HotGrad},
 * and {@code CrossentropySoftmaxArgmax1HotWithBias} (crossentropy_softmax_1hot[_with_bias]) with
 * {@code CrossentropySoftmax1HotWithBiasDx}.
 */
public final class Crossentropy {
    private Crossentropy() {}

    static void checkIndexVector(Variable y) {
        if (y.ndim() != 1 || !(y.dtype() == DType.INT32 || y.dtype() == DType.INT64)) {
            throw new TheanoTypeError("integer vector required for argument: true_one_of_n(got type: " + y.type() + " instead of: "
                    + TensorType.vector(DType.INT64) + ")");
        }
    }

    static long checkedIndex(long idx, long n) {
        if (idx < 0 || idx >= n) throw new TheanoValueError("y_i value out of bounds");
        return idx;
    }

    /** y[i] = -log(coding[i, true_one_of_n[i]]). */
    public static final class CrossentropyCategorical1Hot extends Op {
        public static final CrossentropyCategorical1Hot INSTANCE = new CrossentropyCategorical1Hot();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable coding = T.asTensorVariable(inputs.get(0)), y = T.asTensorVariable(inputs.get(1));
            if (coding.ndim() != 2) throw new TheanoTypeError("matrix required for argument: coding_dist");
            checkIndexVector(y);
            return new Apply(this, List.of(coding, y), List.of(new TensorType(coding.dtype(), coding.broadcastable()[0])));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray c = in[0];
            long[] y = in[1].toLongArray();
            long n = c.shape(0);
            if (y.length != n) throw new TheanoValueError("true_one_of_n must have as many entries as coding_dist has rows");
            double[] out = new double[(int) n];
            for (int i = 0; i < n; i++) out[i] = -Math.log(c.getDouble(i, checkedIndex(y[i], c.shape(1))));
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), new long[] {n}, out)};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return List.of(CrossentropyCategorical1HotGrad.INSTANCE.call(outputGrads.get(0), inputs.get(0), inputs.get(1)),
                    gradNotImplemented(this, 1, inputs.get(1)));
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "CrossentropyCategorical1Hot"; }
    }

    /** g_coding[i, y[i]] = -g_y[i] / coding[i, y[i]], zero elsewhere. */
    public static final class CrossentropyCategorical1HotGrad extends Op {
        public static final CrossentropyCategorical1HotGrad INSTANCE = new CrossentropyCategorical1HotGrad();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable gy = T.asTensorVariable(inputs.get(0)), coding = T.asTensorVariable(inputs.get(1)), y = T.asTensorVariable(inputs.get(2));
            return new Apply(this, List.of(gy, coding, y), List.of(coding.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            NdArray c = in[1];
            long[] y = in[2].toLongArray();
            double[] gy = in[0].broadcastTo(new long[] {y.length}).toDoubleArray();
            long rows = c.shape(0), cols = c.shape(1);
            double[] g = new double[(int) (rows * cols)];
            for (int i = 0; i < gy.length; i++) {
                long j = checkedIndex(y[i], cols);
                g[(int) (i * cols + j)] = -gy[i] / c.getDouble(i, j);
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), c.shape(), g)};
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "CrossentropyCategorical1HotGrad"; }
    }

    /**
     * (x, b, y_idx) -> (nll, softmax(x + b), argmax(x + b)): the fused softmax + negative log-likelihood,
     * computed with the row maximum subtracted as Theano does (nll = -row[y] + max + log(sum exp(row - max))).
     */
    public static final class CrossentropySoftmaxArgmax1HotWithBias extends Op {
        public static final CrossentropySoftmaxArgmax1HotWithBias INSTANCE = new CrossentropySoftmaxArgmax1HotWithBias();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable x = T.asTensorVariable(inputs.get(0)), b = T.asTensorVariable(inputs.get(1)), y = T.asTensorVariable(inputs.get(2));
            if (x.ndim() != 2 || !x.dtype().isFloat()) throw new TheanoValueError("x must be 2-d tensor of floats " + x.type());
            if (b.ndim() != 1 || !b.dtype().isFloat()) throw new TheanoValueError("b must be 1-d tensor of floats " + b.type());
            if (y.ndim() != 1 || !y.dtype().isDiscrete()) throw new TheanoValueError("y_idx must be 1-d tensor of [u]ints " + y.type());
            return new Apply(this, List.of(x, b, y),
                    List.of(new TensorType(x.dtype(), y.broadcastable()), x.type(), y.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] xs = in[0].shape();
            int rows = (int) xs[0], cols = (int) xs[1];
            if (in[1].shape(0) != cols) throw new TheanoValueError("b must have same number of columns as x");
            long[] y = in[2].toLongArray();
            if (y.length != rows) throw new TheanoValueError("y_idx must have same number of rows as x");
            double[] x = in[0].toDoubleArray(), b = in[1].toDoubleArray();
            double[] nll = new double[rows], sm = new double[rows * cols];
            long[] am = new long[rows];
            double[] row = new double[cols];
            for (int i = 0; i < rows; i++) {
                int a = 0;
                for (int j = 0; j < cols; j++) {
                    row[j] = x[i * cols + j] + b[j];
                    if (row[j] > row[a]) a = j; // numpy.argmax: first maximum
                }
                double m = row[a], sum = 0;
                for (int j = 0; j < cols; j++) sum += sm[i * cols + j] = Math.exp(row[j] - m);
                for (int j = 0; j < cols; j++) sm[i * cols + j] *= 1.0 / sum;
                am[i] = a;
                nll[i] = -row[(int) checkedIndex(y[i], cols)] + m + Math.log(sum);
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), new long[] {rows}, nll),
                    NdArray.fromDoubles(node.outputs().get(1).dtype(), xs, sm), NdArray.fromLongs(node.outputs().get(2).dtype(), new long[] {rows}, am)};
        }

        @Override
        public boolean[][] connectionPattern(Apply node) {
            return new boolean[][] {{true, true, true}, {true, true, true}, {false, false, false}};
        }

        /**
         * Theano's L_op: dx = Dx(g_nll, sm, y) for the nll output plus SoftmaxGrad(g_sm, sm) for the
         * softmax output (each only when that output is connected to the cost), db = sum(dx, axis=0);
         * the argmax output contributes nothing.
         */
        @Override
        public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads) {
            Variable x = inputs.get(0), b = inputs.get(1), y = inputs.get(2);
            Variable sm = outputs.get(1), gNll = outputGrads.get(0), gSm = outputGrads.get(1);
            Variable dx = null;
            if (!DisconnectedType.is(gNll)) dx = CrossentropySoftmax1HotWithBiasDx.INSTANCE.call(gNll, sm, y);
            if (!DisconnectedType.is(gSm)) {
                Variable t = Softmax.SoftmaxGrad.INSTANCE.call(gSm, sm);
                dx = dx == null ? t : T.add(dx, t);
            }
            if (dx == null) dx = T.zerosLike(x);
            Variable db = T.sum(dx, new int[] {0}, false, null, null);
            List<Variable> r = new ArrayList<>();
            r.add(AbstractConv.like(dx, x));
            r.add(AbstractConv.like(db, b));
            r.add(DisconnectedType.make());
            return r;
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            return lOp(inputs, callAll(inputs.get(0), inputs.get(1), inputs.get(2)), outputGrads);
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "CrossentropySoftmaxArgmax1HotWithBias"; }
    }

    /** dx[i, j] = dy[i] * sm[i, j] - (j == y[i] ? dy[i] : 0). */
    public static final class CrossentropySoftmax1HotWithBiasDx extends Op {
        public static final CrossentropySoftmax1HotWithBiasDx INSTANCE = new CrossentropySoftmax1HotWithBiasDx();

        @Override
        public Apply makeNode(List<Variable> inputs) {
            Variable dy = T.asTensorVariable(inputs.get(0)), sm = T.asTensorVariable(inputs.get(1)), y = T.asTensorVariable(inputs.get(2));
            if (dy.ndim() > 1 || !dy.dtype().isFloat()) throw new TheanoValueError("dy must be {0,1}-d tensor of floats " + dy.type());
            if (sm.ndim() != 2 || !sm.dtype().isFloat()) throw new TheanoValueError("sm must be 2-d tensor of floats " + sm.type());
            if (y.ndim() != 1 || !y.dtype().isDiscrete()) throw new TheanoValueError("y_idx must be 1-d tensor of [u]ints " + y.type());
            return new Apply(this, List.of(dy, sm, y), List.of(sm.type()));
        }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            long[] ss = in[1].shape();
            int rows = (int) ss[0], cols = (int) ss[1];
            long[] y = in[2].toLongArray();
            if (y.length != rows) throw new TheanoValueError("y_idx must have same number of rows as sm");
            double[] dy = in[0].broadcastTo(new long[] {rows}).toDoubleArray(), sm = in[1].toDoubleArray();
            double[] dx = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) dx[i * cols + j] = dy[i] * sm[i * cols + j];
                dx[(int) (i * cols + checkedIndex(y[i], cols))] -= dy[i];
            }
            return new NdArray[] {NdArray.fromDoubles(node.outputs().get(0).dtype(), ss, dx)};
        }

        /**
         * g_dy[i] = sum_j g_dx[i, j] (sm[i, j] - onehot(y)[i, j]); g_sm = dy[:, None] * g_dx. The matrix
         * sm - onehot(y) is this op applied with dy = 1, which avoids advanced indexing.
         */
        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
            Variable dy = inputs.get(0), sm = inputs.get(1), y = inputs.get(2), gdx = outputGrads.get(0);
            Variable smMinusOneHot = call(T.onesLike(T.sum(sm, new int[] {1}, false, null, null)), sm, y);
            Variable gdy = T.sum(T.mul(gdx, smMinusOneHot), new int[] {1}, false, null, null);
            if (dy.ndim() == 0) gdy = T.sum(gdy);
            Variable gsm = T.mul(dy.ndim() == 1 ? T.dimshuffle(dy, new int[] {0, -1}) : dy, gdx);
            return List.of(AbstractConv.like(gdy, dy), AbstractConv.like(gsm, sm), gradNotImplemented(this, 2, y));
        }

        @Override
        protected List<Object> props() { return List.of(); }

        @Override
        public String toString() { return "CrossentropySoftmax1HotWithBiasDx"; }
    }
}
