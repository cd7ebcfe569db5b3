package org.theanojvm.engine.nnet;

import java.util.List;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The scalar ops behind theano.tensor.nnet's elementwise functions that Theano implements as their own
 * scalar ops (sigm.py, nnet.py): ultra_fast_sigmoid, softsign, and sigmoid_binary_crossentropy (an
 * OpFromGraph with overridden gradient in Theano; a scalar op here, so its gradient is Theano's override).
 * The Elemwise ops carry Theano's names, printed as Theano prints them ({@code ultra_fast_sigmoid}).
 */
public final class NNetScalarOps {
    private NNetScalarOps() {}

    /** Theano's UltraFastScalarSigmoid: a piecewise rational approximation of tanh(x/2), rescaled. */
    public static final ScalarOp ULTRA_FAST_SIGMOID = new ScalarOp("ultra_fast_sigmoid", 1) {
        @Override
        public DType outputDType(DType[] in) { return upgradeToFloat(in); }

        @Override
        public double evalDouble(double[] v) {
            double x = 0.5 * v[0];
            double xx = Math.abs(x), z;
            if (xx < 1.7) z = 1.5 * xx / (1 + xx);
            else if (xx < 3) z = 0.935409070603099 + 0.0458812946797165 * (xx - 1.7);
            else z = 0.99505475368673;
            if (x < 0) z = -z;
            return 0.5 * (z + 1.0);
        }

        /** Theano uses the exact sigmoid's derivative form y * (1 - y) with y the approximation. */
        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable y = ULTRA_FAST_SIGMOID_OP.call(in.get(0));
            return List.of(T.mul(T.mul(gz, y), T.sub(T.constant(1.0), y)));
        }
    };

    /** Theano's ScalarSoftsign: x / (1 + |x|). */
    public static final ScalarOp SOFTSIGN = new ScalarOp("softsign", 1) {
        @Override
        public DType outputDType(DType[] in) { return upgradeToFloat(in); }

        @Override
        public double evalDouble(double[] v) { return v[0] / (1.0 + Math.abs(v[0])); }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.trueDiv(gz, T.sqr(T.add(T.constant(1.0), T.abs(in.get(0))))));
        }
    };

    /**
     * softplus(-|x|) + x * ((x > 0) - t): the stable form of binary_crossentropy(sigmoid(x), t), with
     * Theano's gradient override (sigmoid(x) - t, -x), which is also right at x = 0.
     */
    public static final ScalarOp SIGMOID_BINARY_CROSSENTROPY = new ScalarOp("sigmoid_binary_crossentropy", 2) {
        @Override
        public DType outputDType(DType[] in) { return upgradeToFloat(in); }

        @Override
        public double evalDouble(double[] v) {
            double x = v[0], t = v[1];
            double a = -Math.abs(x);
            // Theano's ScalarSoftplus cut-offs (exactly 0 below -30).
            double sp = a < -30.0 ? 0.0 : Math.log1p(Math.exp(a));
            return sp + x * ((x > 0 ? 1.0 : 0.0) - t);
        }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0), t = in.get(1);
            return List.of(T.mul(gz, T.sub(T.sigmoid(x), t)), T.mul(gz, T.neg(x)));
        }
    };

    public static final Elemwise ULTRA_FAST_SIGMOID_OP = new Elemwise(ULTRA_FAST_SIGMOID, "ultra_fast_sigmoid");
    public static final Elemwise SOFTSIGN_OP = new Elemwise(SOFTSIGN, "softsign");
    public static final Elemwise SIGMOID_BINARY_CROSSENTROPY_OP = new Elemwise(SIGMOID_BINARY_CROSSENTROPY, "sigmoid_binary_crossentropy");
}
