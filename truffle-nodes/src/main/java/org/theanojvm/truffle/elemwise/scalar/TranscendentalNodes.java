package org.theanojvm.truffle.elemwise.scalar;

/**
 * Truffle nodes for the hot {@code TranscendentalOps} (floating domain only: they have no integer
 * implementation, so the kernel always evaluates them in double). The others (log1p, sin, ...) run
 * through {@link GenericScalarOpNode}.
 */
public final class TranscendentalNodes {
    private TranscendentalNodes() {}

    public static final class Exp extends UnaryNode {
        public Exp(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.exp(v); }
    }

    public static final class Log extends UnaryNode {
        public Log(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.log(v); }
    }

    public static final class Sqrt extends UnaryNode {
        public Sqrt(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.sqrt(v); }
    }

    public static final class Tanh extends UnaryNode {
        public Tanh(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.tanh(v); }
    }

    /** Theano's ScalarSigmoid with its saturation cut-offs at +-30, as in the engine. */
    public static final class Sigmoid extends UnaryNode {
        public Sigmoid(ScalarNode x) { super(x); }
        @Override
        protected double apply(double v) {
            if (v < -30.0) return 0.0;
            if (v > 30.0) return 1.0;
            return 1.0 / (1.0 + Math.exp(-v));
        }
    }
}
