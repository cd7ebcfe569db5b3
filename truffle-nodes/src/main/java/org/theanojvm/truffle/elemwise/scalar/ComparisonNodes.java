package org.theanojvm.truffle.elemwise.scalar;

/** Truffle nodes for the comparisons of {@code LogicOps}: 1 or 0 in either domain (the result dtype is bool). */
public final class ComparisonNodes {
    private ComparisonNodes() {}

    private static double d(boolean b) { return b ? 1 : 0; }

    private static long l(boolean b) { return b ? 1 : 0; }

    /** Scalar node computing x < y as 1 or 0. */

    public static final class Lt extends BinaryNode {
        public Lt(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x < y); }
        @Override protected long apply(long x, long y) { return l(x < y); }
    }

    /** Scalar node computing x > y as 1 or 0. */

    public static final class Gt extends BinaryNode {
        public Gt(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x > y); }
        @Override protected long apply(long x, long y) { return l(x > y); }
    }

    /** Scalar node computing x <= y as 1 or 0. */

    public static final class Le extends BinaryNode {
        public Le(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x <= y); }
        @Override protected long apply(long x, long y) { return l(x <= y); }
    }

    /** Scalar node computing x >= y as 1 or 0. */

    public static final class Ge extends BinaryNode {
        public Ge(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x >= y); }
        @Override protected long apply(long x, long y) { return l(x >= y); }
    }

    /** Scalar node computing x == y as 1 or 0. */

    public static final class Eq extends BinaryNode {
        public Eq(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x == y); }
        @Override protected long apply(long x, long y) { return l(x == y); }
    }

    /** Scalar node computing x != y as 1 or 0. */

    public static final class Neq extends BinaryNode {
        public Neq(ScalarNode a, ScalarNode b) { super(a, b); }
        @Override protected double apply(double x, double y) { return d(x != y); }
        @Override protected long apply(long x, long y) { return l(x != y); }
    }
}
