package org.theanojvm.engine.ops.scalar;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Arithmetic scalar ops: add, sub, mul, true_div, int_div, mod, pow, neg, sqr, abs, sgn, maximum,
 * minimum, identity and second (fill). Integer semantics follow NumPy: floor division and modulo
 * round toward minus infinity; division by zero gives 0.
 */
public final class ArithmeticOps {
    private ArithmeticOps() {}

    public static final ScalarOp ADD = new ScalarOp("add", -1) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        // from the first operand, not from 0.0: 0.0 + -0.0 is +0.0, and -0.0 + -0.0 must stay -0.0 (IEEE, NumPy)
        public double evalDouble(double[] x) {
            if (x.length == 0) return 0;
            double s = x[0];
            for (int i = 1; i < x.length; i++) s += x[i];
            return s;
        }
        public long evalLong(long[] x) { long s = 0; for (long v : x) s += v; return s; }
        public double[] evalComplex(double[][] x) {
            double re = x[0][0], im = x[0][1];
            for (int i = 1; i < x.length; i++) { re += x[i][0]; im += x[i][1]; }
            return new double[] {re, im};
        }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            List<Variable> r = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) r.add(gz);
            return r;
        }
    };

    public static final ScalarOp SUB = new ScalarOp("sub", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return x[0] - x[1]; }
        public long evalLong(long[] x) { return x[0] - x[1]; }
        public double[] evalComplex(double[][] x) { return new double[] {x[0][0] - x[1][0], x[0][1] - x[1][1]}; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(gz, T.neg(gz)); }
    };

    public static final ScalarOp MUL = new ScalarOp("mul", -1) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { double s = 1; for (double v : x) s *= v; return s; }
        public long evalLong(long[] x) { long s = 1; for (long v : x) s *= v; return s; }
        public double[] evalComplex(double[][] x) {
            double re = 1, im = 0;
            for (double[] v : x) {
                double r = re * v[0] - im * v[1];
                im = re * v[1] + im * v[0];
                re = r;
            }
            return new double[] {re, im};
        }
        /**
         * gz times the other factors. With complex values Theano's convention holds (the gradient of a
         * real cost as d/d(re) + i d/d(im)): gz times their conjugates, and the real part of that for a
         * real input. For real graphs conj is the identity and adds nothing.
         */
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            List<Variable> r = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                List<Variable> factors = new ArrayList<>();
                factors.add(gz);
                for (int j = 0; j < in.size(); j++) if (j != i) factors.add(T.conj(in.get(j)));
                Variable g = T.mul(factors.toArray(new Variable[0]));
                r.add(!in.get(i).dtype().isComplex() && g.dtype().isComplex() ? T.real(g) : g);
            }
            return r;
        }
    };

    /** x / y; ints divided by ints give floatX (Theano's TrueDiv.output_types). */
    public static final ScalarOp TRUE_DIV = new ScalarOp("true_div", 2) {
        public DType outputDType(DType[] in) {
            if (in[0].isDiscrete() && in[1].isDiscrete()) return Config.floatX();
            return upcastOut(in);
        }
        public double evalDouble(double[] x) { return x[0] / x[1]; }
        public double[] evalComplex(double[][] x) {
            double a = x[0][0], b = x[0][1], c = x[1][0], d = x[1][1];
            double den = c * c + d * d;
            return new double[] {(a * c + b * d) / den, (b * c - a * d) / den};
        }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0), y = in.get(1);
            return List.of(T.trueDiv(gz, y), T.trueDiv(T.neg(T.mul(gz, x)), T.mul(y, y)));
        }
    };

    /** x // y with NumPy floor semantics (0 for integer division by zero). */
    public static final ScalarOp INT_DIV = new ScalarOp("int_div", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Math.floor(x[0] / x[1]); }
        public long evalLong(long[] x) { return x[1] == 0 ? 0 : Math.floorDiv(x[0], x[1]); }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.zerosLikeFloat(in.get(0)), T.zerosLikeFloat(in.get(1)));
        }
    };

    /** x % y with the sign of y (NumPy/Python). */
    public static final ScalarOp MOD = new ScalarOp("mod", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) {
            double r = x[0] % x[1];
            if (r != 0 && ((r < 0) != (x[1] < 0))) r += x[1];
            return r;
        }
        public long evalLong(long[] x) { return x[1] == 0 ? 0 : Math.floorMod(x[0], x[1]); }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0), y = in.get(1);
            return List.of(gz, T.mul(T.neg(T.intDiv(x, y)), gz));
        }
    };

    public static final ScalarOp POW = new ScalarOp("pow", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Math.pow(x[0], x[1]); }
        public long evalLong(long[] x) {
            if (x[1] < 0) throw new TheanoValueError("Integers to negative integer powers are not allowed.");
            long r = 1, b = x[0], e = x[1];
            while (e > 0) {
                if ((e & 1) != 0) r *= b;
                b *= b;
                e >>= 1;
            }
            return r;
        }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0), y = in.get(1);
            // Theano: gz * y * x ** (y - 1)  and  gz * log(x) * x ** y (0 where x == 0)
            Variable first = T.mul(T.mul(gz, y), T.pow(x, T.sub(y, T.constant(1))));
            Variable second = T.mul(T.mul(gz, T.log(x)), T.pow(x, y));
            second = T.switch_(T.eq(x, T.constant(0)), T.constant(0), second);
            return List.of(first, second);
        }
    };

    public static final ScalarOp NEG = new ScalarOp("neg", 1) {
        public DType outputDType(DType[] in) { return sameOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return -x[0]; }
        public long evalLong(long[] x) { return -x[0]; }
        public double[] evalComplex(double[][] x) { return new double[] {-x[0][0], -x[0][1]}; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.neg(gz)); }
    };

    public static final ScalarOp SQR = new ScalarOp("sqr", 1) {
        public DType outputDType(DType[] in) { return sameOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return x[0] * x[0]; }
        public long evalLong(long[] x) { return x[0] * x[0]; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.mul(T.mul(gz, in.get(0)), T.constant(2)));
        }
    };

    public static final ScalarOp ABS = new ScalarOp("abs_", 1) {
        public DType outputDType(DType[] in) { return in[0].isComplex() ? in[0].realPart() : in[0]; }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Math.abs(x[0]); }
        public long evalLong(long[] x) { return Math.abs(x[0]); }
        /** |z|, a real number (NumPy's abs of a complex array). */
        public double[] evalComplex(double[][] x) { return new double[] {Math.hypot(x[0][0], x[0][1]), 0}; }
        /** Theano 1.0's: gz * sgn(x) for reals; gz * x / |x| for complex x (sgn has no complex form). */
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable x = in.get(0);
            if (x.dtype().isComplex()) return List.of(T.trueDiv(T.mul(gz, x), T.abs(x)));
            return List.of(T.mul(gz, T.sgn(x)));
        }
    };

    public static final ScalarOp SGN = new ScalarOp("sgn", 1) {
        public DType outputDType(DType[] in) { return sameOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return Double.isNaN(x[0]) ? Double.NaN : Math.signum(x[0]); }
        public long evalLong(long[] x) { return Long.signum(x[0]); }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.zerosLikeFloat(in.get(0))); }
    };

    /** maximum: NaN propagates as in NumPy. */
    public static final ScalarOp MAXIMUM = new ScalarOp("maximum", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return (Double.isNaN(x[0]) || Double.isNaN(x[1])) ? Double.NaN : Math.max(x[0], x[1]); }
        public long evalLong(long[] x) { return Math.max(x[0], x[1]); }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.mul(T.eq(out, in.get(0)), gz), T.mul(T.eq(out, in.get(1)), gz));
        }
    };

    public static final ScalarOp MINIMUM = new ScalarOp("minimum", 2) {
        public DType outputDType(DType[] in) { return upcastOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return (Double.isNaN(x[0]) || Double.isNaN(x[1])) ? Double.NaN : Math.min(x[0], x[1]); }
        public long evalLong(long[] x) { return Math.min(x[0], x[1]); }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.mul(T.eq(out, in.get(0)), gz), T.mul(T.eq(out, in.get(1)), gz));
        }
    };

    public static final ScalarOp IDENTITY = new ScalarOp("identity", 1) {
        public DType outputDType(DType[] in) { return sameOut(in); }
        public boolean hasLongImpl() { return true; }
        public double evalDouble(double[] x) { return x[0]; }
        public long evalLong(long[] x) { return x[0]; }
        public double[] evalComplex(double[][] x) { return x[0]; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(gz); }
    };

    /** second(x, y) = y broadcast to the shape of x (T.fill); output has y's dtype. */
    public static final ScalarOp SECOND = new ScalarOp("second", 2) {
        public DType outputDType(DType[] in) { return in[1]; }
        public boolean hasLongImpl() { return true; }
        public boolean readsValue(int input) { return input == 1; } // the model gives the shape only
        public double evalDouble(double[] x) { return x[1]; }
        public long evalLong(long[] x) { return x[1]; }
        public double[] evalComplex(double[][] x) { return x[1]; }
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.zerosLikeFloat(in.get(0)), gz);
        }
    };
}
