package org.theanojvm.engine.ops.scalar;

import java.util.List;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Comparisons (bool output, as in Theano 1.0), bitwise/logical ops on ints and bools, switch, clip,
 * isnan, isinf.
 */
public final class LogicOps {
    private LogicOps() {}

    interface DoubleCmp {
        boolean test(double a, double b);
    }

    interface LongCmp {
        boolean test(long a, long b);
    }

    static final class Comparison extends ScalarOp {
        private final DoubleCmp d;
        private final LongCmp l;

        Comparison(String name, DoubleCmp d, LongCmp l) {
            super(name, 2);
            this.d = d;
            this.l = l;
        }

        @Override
        public DType outputDType(DType[] in) { return DType.BOOL; }

        @Override
        public boolean hasLongImpl() { return true; }

        @Override
        public double evalDouble(double[] x) { return d.test(x[0], x[1]) ? 1 : 0; }

        @Override
        public long evalLong(long[] x) { return l.test(x[0], x[1]) ? 1 : 0; }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.zerosLikeFloat(in.get(0)), T.zerosLikeFloat(in.get(1)));
        }
    }

    public static final ScalarOp LT = new Comparison("lt", (a, b) -> a < b, (a, b) -> a < b);
    public static final ScalarOp GT = new Comparison("gt", (a, b) -> a > b, (a, b) -> a > b);
    public static final ScalarOp LE = new Comparison("le", (a, b) -> a <= b, (a, b) -> a <= b);
    public static final ScalarOp GE = new Comparison("ge", (a, b) -> a >= b, (a, b) -> a >= b);
    public static final ScalarOp EQ = new Comparison("eq", (a, b) -> a == b, (a, b) -> a == b);
    public static final ScalarOp NEQ = new Comparison("neq", (a, b) -> a != b, (a, b) -> a != b);

    interface LongBin {
        long apply(long a, long b);
    }

    /** Bitwise ops; on bools they are the logical ops. */
    static final class Bitwise extends ScalarOp {
        private final LongBin f;

        Bitwise(String name, LongBin f) {
            super(name, 2);
            this.f = f;
        }

        @Override
        public DType outputDType(DType[] in) { return intOut(name(), in); }

        @Override
        public boolean hasLongImpl() { return true; }

        @Override
        public long evalLong(long[] x) { return f.apply(x[0], x[1]); }

        /**
         * uint64 with a signed integer upcasts to float64, as in NumPy: Theano's C code still computes the
         * integer operation and stores it as a double (the operands are integers, exact below 2**53).
         */
        @Override
        public double evalDouble(double[] x) { return f.apply((long) x[0], (long) x[1]); }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.zerosLikeFloat(in.get(0)), T.zerosLikeFloat(in.get(1)));
        }
    }

    public static final ScalarOp AND = new Bitwise("and_", (a, b) -> a & b);
    public static final ScalarOp OR = new Bitwise("or_", (a, b) -> a | b);
    public static final ScalarOp XOR = new Bitwise("xor", (a, b) -> a ^ b);

    /** ~x: bitwise not; logical not on bool. */
    public static final ScalarOp INVERT = new ScalarOp("invert", 1) {
        public DType outputDType(DType[] in) { return intOut("invert", in); }
        public boolean hasLongImpl() { return true; }
        public long evalLong(long[] x) { return ~x[0]; }
        public long evalLong(long[] x, DType out) { return out == DType.BOOL ? (x[0] == 0 ? 1 : 0) : ~x[0]; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.zerosLikeFloat(in.get(0))); }
    };

    /** switch(cond, ift, iff): elementwise if-then-else; output dtype upcasts ift and iff. */
    public static final ScalarOp SWITCH = new ScalarOp("switch", 3) {
        public DType outputDType(DType[] in) { return DType.upcast(in[1], in[2]); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return x[0] != 0 ? x[1] : x[2]; }
        public long evalLong(long[] x) { return x[0] != 0 ? x[1] : x[2]; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable cond = in.get(0);
            Variable zero = T.zerosLike(gz);
            return List.of(T.zerosLikeFloat(cond), T.switch_(cond, gz, zero), T.switch_(cond, zero, gz));
        }
    };

    /** clip(x, min, max) = min(max(x, lo), hi). */
    public static final ScalarOp CLIP = new ScalarOp("clip", 3) {
        public DType outputDType(DType[] in) { return upcastOutNoBool("clip", in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) {
            if (x[0] < x[1]) return x[1];
            if (x[0] > x[2]) return x[2];
            return x[0];
        }
        public long evalLong(long[] x) {
            if (x[0] < x[1]) return x[1];
            if (x[0] > x[2]) return x[2];
            return x[0];
        }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0), mn = in.get(1), mx = in.get(2);
            Variable gx = T.mul(T.and_(T.ge(x, mn), T.le(x, mx)), gz);
            Variable gmn = T.mul(T.lt(x, mn), gz);
            Variable gmx = T.mul(T.gt(x, mx), gz);
            return List.of(gx, gmn, gmx);
        }
    };

    public static final ScalarOp ISNAN = new ScalarOp("isnan", 1) {
        public DType outputDType(DType[] in) { return DType.BOOL; }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Double.isNaN(x[0]) ? 1 : 0; }
        public long evalLong(long[] x) { return 0; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.zerosLikeFloat(in.get(0))); }
    };

    public static final ScalarOp ISINF = new ScalarOp("isinf", 1) {
        public DType outputDType(DType[] in) { return DType.BOOL; }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Double.isInfinite(x[0]) ? 1 : 0; }
        public long evalLong(long[] x) { return 0; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.zerosLikeFloat(in.get(0))); }
    };
}
