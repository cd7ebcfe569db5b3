package org.theanojvm.truffle.elemwise.scalar;

/**
 * Truffle nodes for the engine's {@code ArithmeticOps}, with the same semantics in each domain
 * (the engine's evalDouble/evalLong are the specification). Ops without a node here run through
 * {@link GenericScalarOpNode}.
 */
public final class ArithmeticNodes {
    private ArithmeticNodes() {}

    /** Scalar node computing x + y. */

    public static final class Add extends BinaryNode {
        public Add(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return x + y; }
        @Override protected long apply(long x, long y) { return x + y; }
    }

    /** Scalar node computing x - y. */

    public static final class Sub extends BinaryNode {
        public Sub(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return x - y; }
        @Override protected long apply(long x, long y) { return x - y; }
    }

    /** Scalar node computing x * y. */

    public static final class Mul extends BinaryNode {
        public Mul(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return x * y; }
        @Override protected long apply(long x, long y) { return x * y; }
    }

    /** true_div has no integer domain (ints divide into floats). */
    public static final class TrueDiv extends BinaryNode {
        public TrueDiv(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return x / y; }
        @Override protected long apply(long x, long y) { throw new IllegalStateException("true_div has no integer domain"); }
    }

    /** maximum/minimum propagate NaN as NumPy does. */
    public static final class Maximum extends BinaryNode {
        public Maximum(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return (Double.isNaN(x) || Double.isNaN(y)) ? Double.NaN : Math.max(x, y); }
        @Override protected long apply(long x, long y) { return Math.max(x, y); }
    }

    /** Scalar node computing the smaller of x and y (NaN if either is). */

    public static final class Minimum extends BinaryNode {
        public Minimum(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return (Double.isNaN(x) || Double.isNaN(y)) ? Double.NaN : Math.min(x, y); }
        @Override protected long apply(long x, long y) { return Math.min(x, y); }
    }

    /** Scalar node computing -x. */

    public static final class Neg extends UnaryNode {
        public Neg(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return -v; }
        @Override protected long apply(long v) { return -v; }
    }

    /** Scalar node computing x * x. */

    public static final class Sqr extends UnaryNode {
        public Sqr(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return v * v; }
        @Override protected long apply(long v) { return v * v; }
    }

    /** Scalar node computing |x|. */

    public static final class Abs extends UnaryNode {
        public Abs(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return Math.abs(v); }
        @Override protected long apply(long v) { return Math.abs(v); }
    }

    /** identity, and Cast: the value is unchanged; the kernel's store rounds it to the output dtype. */
    public static final class Identity extends UnaryNode {
        public Identity(ScalarNode x) { super(x); }
        @Override protected double apply(double v) { return v; }
        @Override protected long apply(long v) { return v; }
    }
}
