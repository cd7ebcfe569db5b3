package org.theanojvm.truffle.elemwise.scalar;

import org.theanojvm.engine.ops.scalar.TranscendentalOps;

/**
 * Truffle nodes for the hot {@code TranscendentalOps} (floating domain only: they have no integer
 * implementation, so the kernel always evaluates them in double). The others (log1p, sin, ...) run
 * through {@link GenericScalarOpNode}.
 */
public final class TranscendentalNodes {
    private TranscendentalNodes() {}

    /** Scalar node computing exp(x). */

    public static final class Exp extends UnaryNode {
        public Exp(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.exp(v); }
    }

    /** Scalar node computing log(x). */

    public static final class Log extends UnaryNode {
        public Log(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.log(v); }
    }

    /** Scalar node computing sqrt(x). */

    public static final class Sqrt extends UnaryNode {
        public Sqrt(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.sqrt(v); }
    }

    /**
     * tanh through one exp: Graal has an intrinsic for Math.exp but not for Math.tanh (whose FdLibm port
     * costs about twice an exp per element, half of a typical fused MLP kernel). (1 - t) / (1 + t) with
     * t = exp(-2|x|) is within a few ulps of Math.tanh for |x| >= 1/16; below that, where 1 - t would
     * cancel, the Taylor series to x^13 is exact to rounding. NaN, +-inf and -0.0 come out as tanh's.
     */
    public static final class Tanh extends UnaryNode {
        public Tanh(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return tanh(v); }

        public static double tanh(double x) {
            double a = Math.abs(x);
            if (a < 1e-8) return x; // tanh(x) rounds to x (x^3/3 is below half an ulp); keeps -0.0
            if (a < 0.0625) {
                double z = x * x;
                return x + x * z * (-1.0 / 3 + z * (2.0 / 15 + z * (-17.0 / 315 + z * (62.0 / 2835 + z * (-1382.0 / 155925 + z * (21844.0 / 6081075))))));
            }
            double t = Math.exp(-2 * a);
            return Math.copySign((1 - t) / (1 + t), x);
        }
    }

    /** Theano's ScalarSigmoid with its saturation cut-offs at +-30, as in the engine. */
    public static final class Sigmoid extends UnaryNode {
        public Sigmoid(ScalarNode x) { super(x); }
        @Override
        protected double apply(double v) { return TranscendentalOps.sigmoid(v); }
    }
}
