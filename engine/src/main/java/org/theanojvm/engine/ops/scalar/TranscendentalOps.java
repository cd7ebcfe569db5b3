package org.theanojvm.engine.ops.scalar;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Gamma;
import org.apache.commons.numbers.gamma.InverseErf;
import org.apache.commons.numbers.gamma.InverseErfc;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Unary float functions (exp, log, trig, sigmoid, softplus, rounding), the special functions of
 * Theano's theano.scalar.basic_scipy (erf, gamma, psi, ...) and arctan2. Integer inputs are upgraded
 * to float32 (8/16-bit) or float64 as Theano's upgrade_to_float does.
 */
public final class TranscendentalOps {
    private TranscendentalOps() {}

    /** A unary float op defined by its value function and its derivative rule (gz, x, out) -> grad. */
    static final class UnaryFloat extends ScalarOp {
        private final DoubleUnaryOperator f;
        private final GradRule rule;
        private final ComplexFn cf; // principal-branch complex version (NumPy's), or null

        /** z = {re, im} -> {re, im}. */
        interface ComplexFn {
            double[] apply(double re, double im);
        }

        interface GradRule {
            Variable apply(Variable gz, Variable x, Variable out);
        }

        UnaryFloat(String name, DoubleUnaryOperator f, GradRule rule) { this(name, f, rule, null); }

        private final boolean noComplex; // Theano's upgrade_to_float_no_complex (erfc, erfinv, ...)

        UnaryFloat(String name, DoubleUnaryOperator f, GradRule rule, ComplexFn cf) { this(name, f, rule, cf, false); }

        UnaryFloat(String name, DoubleUnaryOperator f, GradRule rule, ComplexFn cf, boolean noComplex) {
            super(name, 1);
            this.f = f;
            this.rule = rule;
            this.cf = cf;
            this.noComplex = noComplex;
        }

        @Override
        public double[] evalComplex(double[][] x) {
            if (cf == null) return super.evalComplex(x);
            return cf.apply(x[0][0], x[0][1]);
        }

        @Override
        public DType outputDType(DType[] in) { return noComplex ? upgradeToFloatNoComplex(name(), in) : upgradeToFloat(in); }

        @Override
        public double evalDouble(double[] x) { return f.applyAsDouble(x[0]); }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return java.util.Collections.singletonList(rule == null ? null : rule.apply(gz, in.get(0), out));
        }
    }

    /** Rounding-like ops: derivative zero, integer inputs upgraded to float (upgrade_to_float_no_complex). */
    static final class Rounding extends ScalarOp {
        private final DoubleUnaryOperator f;
        private final boolean floatOnly;

        Rounding(String name, DoubleUnaryOperator f, boolean floatOnly) {
            super(name, 1);
            this.f = f;
            this.floatOnly = floatOnly;
        }

        @Override
        public DType outputDType(DType[] in) {
            return floatOnly ? sameOutFloatOnly(name(), in) : upgradeToFloatNoComplex(name(), in);
        }

        @Override
        public double evalDouble(double[] x) { return f.applyAsDouble(x[0]); }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.zerosLikeFloat(in.get(0))); }
    }

    private static Variable c(double v) { return T.constant(v); }

    private static final Function<Double, Variable> K = TranscendentalOps::c;

    public static final ScalarOp EXP = new UnaryFloat("exp", Math::exp, (gz, x, out) -> T.mul(gz, T.exp(x)), Cx::exp);
    public static final ScalarOp EXP2 = new UnaryFloat("exp2", v -> Math.pow(2, v),
            (gz, x, out) -> T.mul(T.mul(gz, T.exp2(x)), K.apply(Math.log(2.0))), Cx::exp2);
    public static final ScalarOp EXPM1 = new UnaryFloat("expm1", Math::expm1, (gz, x, out) -> T.mul(gz, T.exp(x)), Cx::expm1);
    public static final ScalarOp LOG = new UnaryFloat("log", Math::log, (gz, x, out) -> T.trueDiv(gz, x), Cx::log);
    public static final ScalarOp LOG2 = new UnaryFloat("log2", v -> Math.log(v) / Math.log(2.0),
            (gz, x, out) -> T.trueDiv(gz, T.mul(x, T.cast(T.constant(Math.log(2.0)), x.dtype().isFloat() ? x.dtype() : DType.FLOAT64))), Cx::log2);
    public static final ScalarOp LOG10 = new UnaryFloat("log10", Math::log10,
            (gz, x, out) -> T.trueDiv(gz, T.mul(x, T.cast(T.constant(Math.log(10.0)), x.dtype().isFloat() ? x.dtype() : DType.FLOAT64))), Cx::log10);
    public static final ScalarOp LOG1P = new UnaryFloat("log1p", Math::log1p, (gz, x, out) -> T.trueDiv(gz, T.add(T.constant(1), x)), Cx::log1p);
    public static final ScalarOp SQRT = new UnaryFloat("sqrt", Math::sqrt, (gz, x, out) -> T.trueDiv(T.mul(gz, c(0.5)), T.sqrt(x)), Cx::sqrt);
    public static final ScalarOp SIN = new UnaryFloat("sin", Math::sin, (gz, x, out) -> T.mul(gz, T.cos(x)), Cx::sin);
    public static final ScalarOp COS = new UnaryFloat("cos", Math::cos, (gz, x, out) -> T.mul(T.neg(gz), T.sin(x)), Cx::cos);
    public static final ScalarOp TAN = new UnaryFloat("tan", Math::tan, (gz, x, out) -> T.trueDiv(gz, T.sqr(T.cos(x))), Cx::tan);
    public static final ScalarOp ARCSIN = new UnaryFloat("arcsin", Math::asin,
            (gz, x, out) -> T.trueDiv(gz, T.sqrt(T.sub(T.constant(1), T.sqr(x)))), Cx::asin);
    public static final ScalarOp ARCCOS = new UnaryFloat("arccos", Math::acos,
            (gz, x, out) -> T.neg(T.trueDiv(gz, T.sqrt(T.sub(T.constant(1), T.sqr(x))))), Cx::acos);
    public static final ScalarOp ARCTAN = new UnaryFloat("arctan", Math::atan,
            (gz, x, out) -> T.trueDiv(gz, T.add(T.constant(1), T.sqr(x))), Cx::atan);
    public static final ScalarOp SINH = new UnaryFloat("sinh", Math::sinh, (gz, x, out) -> T.mul(gz, T.cosh(x)), Cx::sinh);
    public static final ScalarOp COSH = new UnaryFloat("cosh", Math::cosh, (gz, x, out) -> T.mul(gz, T.sinh(x)), Cx::cosh);
    public static final ScalarOp TANH = new UnaryFloat("tanh", Math::tanh,
            (gz, x, out) -> T.mul(gz, T.sub(T.constant(1), T.sqr(T.tanh(x)))), Cx::tanh);
    /** Where Theano's ScalarSigmoid and ScalarSoftplus saturate: beyond -+30 they return their limits. */
    public static final double SATURATION = 30.0;

    /** Theano's ScalarSigmoid: 1 / (1 + exp(-x)), exactly 0 below -30 and 1 above 30. */
    public static double sigmoid(double v) {
        if (v < -SATURATION) return 0.0;
        if (v > SATURATION) return 1.0;
        return 1.0 / (1.0 + Math.exp(-v));
    }

    public static final ScalarOp SIGMOID = new UnaryFloat("sigmoid", TranscendentalOps::sigmoid, (gz, x, out) -> {
        Variable y = T.sigmoid(x);
        return T.mul(T.mul(gz, y), T.sub(T.constant(1.0), y));
    });
    /** Theano's ScalarSoftplus: log1p(exp(x)), exactly 0 below -30 and x above 30. */
    public static final ScalarOp SOFTPLUS = new UnaryFloat("softplus", v -> {
        if (v < -SATURATION) return 0.0;
        if (v > SATURATION) return v;
        return Math.log1p(Math.exp(v));
    }, (gz, x, out) -> T.mul(gz, T.sigmoid(x)));

    /**
     * Complex versions of the functions above, on the principal branches NumPy uses (C99 csqrt, clog, ...).
     * Gradients stay real-only, as in Theano (its scalar grads raise for complex inputs).
     */
    static final class Cx {
        private Cx() {}

        static double[] c(double re, double im) { return new double[] {re, im}; }

        static double[] mul(double[] a, double[] b) { return c(a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]); }

        static double[] exp(double a, double b) {
            double e = Math.exp(a);
            return c(e * Math.cos(b), e * Math.sin(b));
        }

        static double[] exp2(double a, double b) { return exp(a * Math.log(2), b * Math.log(2)); }

        /** exp(z) - 1 without cancellation in the real part: expm1(a) cos b - 2 sin^2(b/2). */
        static double[] expm1(double a, double b) {
            double h = Math.sin(b / 2);
            return c(Math.expm1(a) * Math.cos(b) - 2 * h * h, Math.exp(a) * Math.sin(b));
        }

        static double[] log(double a, double b) { return c(Math.log(Math.hypot(a, b)), Math.atan2(b, a)); }

        static double[] log2(double a, double b) {
            double[] l = log(a, b);
            return c(l[0] / Math.log(2), l[1] / Math.log(2));
        }

        static double[] log10(double a, double b) {
            double[] l = log(a, b);
            return c(l[0] / Math.log(10), l[1] / Math.log(10));
        }

        static double[] log1p(double a, double b) { return log(1 + a, b); }

        /** Principal square root; the sign of a zero imaginary part picks the side of the cut, as C99 csqrt. */
        static double[] sqrt(double a, double b) {
            double r = Math.hypot(a, b);
            return c(Math.sqrt((r + a) / 2), Math.copySign(Math.sqrt((r - a) / 2), b));
        }

        static double[] sin(double a, double b) { return c(Math.sin(a) * Math.cosh(b), Math.cos(a) * Math.sinh(b)); }

        static double[] cos(double a, double b) { return c(Math.cos(a) * Math.cosh(b), -Math.sin(a) * Math.sinh(b)); }

        static double[] tan(double a, double b) {
            double d = Math.cos(2 * a) + Math.cosh(2 * b);
            return c(Math.sin(2 * a) / d, Math.sinh(2 * b) / d);
        }

        static double[] sinh(double a, double b) { return c(Math.sinh(a) * Math.cos(b), Math.cosh(a) * Math.sin(b)); }

        static double[] cosh(double a, double b) { return c(Math.cosh(a) * Math.cos(b), Math.sinh(a) * Math.sin(b)); }

        static double[] tanh(double a, double b) {
            double d = Math.cosh(2 * a) + Math.cos(2 * b);
            return c(Math.sinh(2 * a) / d, Math.sin(2 * b) / d);
        }

        /** asin(z) = -i log(iz + sqrt(1 - z^2)). */
        static double[] asin(double a, double b) {
            double[] z2 = mul(c(a, b), c(a, b));
            double[] s = sqrt(1 - z2[0], -z2[1]);
            double[] l = log(-b + s[0], a + s[1]);
            return c(l[1], -l[0]);
        }

        /** acos(z) = pi/2 - asin(z). */
        static double[] acos(double a, double b) {
            double[] s = asin(a, b);
            return c(Math.PI / 2 - s[0], -s[1]);
        }

        /** asinh(z) = -i asin(iz). */
        static double[] asinh(double a, double b) {
            double[] s = asin(-b, a);
            return c(s[1], -s[0]);
        }

        /** atanh(z) = -i atan(iz). */
        static double[] atanh(double a, double b) {
            double[] s = atan(-b, a);
            return c(s[1], -s[0]);
        }

        /** acosh(z) = log(z + sqrt(z + 1) sqrt(z - 1)) (C99 cacosh's branch). */
        static double[] acosh(double a, double b) {
            double[] p = mul(sqrt(a + 1, b), sqrt(a - 1, b));
            return log(a + p[0], b + p[1]);
        }

        /** atan(z) = (i/2) (log(1 - iz) - log(1 + iz)). */
        static double[] atan(double a, double b) {
            double[] l1 = log(1 + b, -a), l2 = log(1 - b, a);
            double re = l1[0] - l2[0], im = l1[1] - l2[1];
            return c(-im / 2, re / 2);
        }
    }

    public static final ScalarOp FLOOR = new Rounding("floor", Math::floor, false);
    public static final ScalarOp CEIL = new Rounding("ceil", Math::ceil, false);
    public static final ScalarOp TRUNC = new Rounding("trunc", v -> v < 0 ? Math.ceil(v) : Math.floor(v), false);
    /** NumPy's round: halves go to the even neighbour. */
    public static final ScalarOp ROUND_HALF_TO_EVEN = new Rounding("round_half_to_even", Math::rint, true);
    /** Theano 1.0's default T.round mode. */
    public static final ScalarOp ROUND_HALF_AWAY_FROM_ZERO = new Rounding("round_half_away_from_zero", v -> {
        if (Double.isNaN(v) || Double.isInfinite(v)) return v;
        double a = Math.abs(v);
        double f = Math.floor(a);
        double r = (a - f) >= 0.5 ? f + 1 : f;
        return Math.copySign(r, v);
    }, true);

    // ---------------------------------------------------------------- inverse hyperbolic functions

    /** arcsinh, arccosh, arctanh: NumPy's names; gradients as Theano's ArcSinh/ArcCosh/ArcTanh. */
    public static final ScalarOp ARCSINH = new UnaryFloat("arcsinh", TranscendentalOps::asinh,
            (gz, x, out) -> T.trueDiv(gz, T.sqrt(T.add(T.sqr(x), T.constant(1)))), Cx::asinh);
    public static final ScalarOp ARCCOSH = new UnaryFloat("arccosh", TranscendentalOps::acosh,
            (gz, x, out) -> T.trueDiv(gz, T.sqrt(T.sub(T.sqr(x), T.constant(1)))), Cx::acosh);
    public static final ScalarOp ARCTANH = new UnaryFloat("arctanh", TranscendentalOps::atanh,
            (gz, x, out) -> T.trueDiv(gz, T.sub(T.constant(1), T.sqr(x))), Cx::atanh);

    /*
     * Java's Math has no inverse hyperbolics. These are the exact identities through log1p that C
     * libraries use, arranged so that nothing cancels near 0 and nothing overflows for large |x|.
     */

    /** asinh(x) = sign(x) log1p(|x| + x^2 / (1 + sqrt(1 + x^2))); log|x| + log 2 once x^2 would overflow. */
    static double asinh(double x) {
        double a = Math.abs(x);
        if (a > 1e8) return Math.copySign(Math.log(a) + Math.log(2), x); // sqrt(1 + x^2) == |x| here
        return Math.copySign(Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a))), x);
    }

    /** acosh(x) = log1p((x - 1) + sqrt((x - 1)(x + 1))); NaN below 1. */
    static double acosh(double x) {
        if (!(x >= 1)) return Double.NaN;
        if (x > 1e8) return Math.log(x) + Math.log(2);
        return Math.log1p((x - 1) + Math.sqrt((x - 1) * (x + 1)));
    }

    /** atanh(x) = sign(x) log1p(2|x| / (1 - |x|)) / 2; +-inf at +-1, NaN beyond. */
    static double atanh(double x) {
        double a = Math.abs(x);
        if (a > 1) return Double.NaN;
        return Math.copySign(0.5 * Math.log1p(2 * a / (1 - a)), x);
    }

    // ---------------------------------------------------------------- theano.scalar.basic_scipy

    /**
     * A gradient constant in the dtype Theano gives it: numpy.asarray(c, dtype=upcast(x.dtype, gz.dtype)),
     * so float32 graphs keep float32 gradients.
     */
    private static Variable gradConst(double v, Variable x, Variable gz) {
        return T.constant(v, null, DType.upgradeToFloat(DType.upcast(x.dtype(), gz.dtype())));
    }

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double SQRT_PI_OVER_TWO = Math.sqrt(Math.PI) / 2.0;

    public static final ScalarOp ERF = new UnaryFloat("erf", Erf::value,
            (gz, x, out) -> T.mul(T.mul(gz, gradConst(TWO_OVER_SQRT_PI, x, gz)), T.exp(T.neg(T.mul(x, x)))));
    public static final ScalarOp ERFC = new UnaryFloat("erfc", Erfc::value,
            (gz, x, out) -> T.neg(T.mul(T.mul(gz, gradConst(TWO_OVER_SQRT_PI, x, gz)), T.exp(T.neg(T.mul(x, x))))), null, true);
    public static final ScalarOp ERFINV = new UnaryFloat("erfinv", TranscendentalOps::erfinv,
            (gz, x, out) -> T.mul(T.mul(gz, gradConst(SQRT_PI_OVER_TWO, x, gz)), T.exp(T.sqr(T.erfinv(x)))), null, true);
    public static final ScalarOp ERFCINV = new UnaryFloat("erfcinv", TranscendentalOps::erfcinv,
            (gz, x, out) -> T.neg(T.mul(T.mul(gz, gradConst(SQRT_PI_OVER_TWO, x, gz)), T.exp(T.sqr(T.erfcinv(x))))), null, true);
    public static final ScalarOp GAMMA = new UnaryFloat("gamma", TranscendentalOps::gamma,
            (gz, x, out) -> T.mul(T.mul(gz, T.gamma(x)), T.psi(x)));
    public static final ScalarOp GAMMALN = new UnaryFloat("gammaln", TranscendentalOps::gammaln,
            (gz, x, out) -> T.mul(gz, T.psi(x)));
    public static final ScalarOp PSI = new UnaryFloat("psi", TranscendentalOps::psi,
            (gz, x, out) -> T.mul(gz, T.triGamma(x)));
    /** Theano's TriGamma.grad raises NotImplementedError (there is no polygamma of order 2 in 1.0). */
    public static final ScalarOp TRI_GAMMA = new UnaryFloat("tri_gamma", TranscendentalOps::triGamma, (gz, x, out) -> {
        throw new TheanoNotImplementedError("The gradient of tri_gamma is not implemented (as in Theano 1.0).");
    });

    /** scipy.special.erfinv: +-inf at +-1, NaN outside [-1, 1]. */
    static double erfinv(double x) {
        if (Double.isNaN(x) || Math.abs(x) > 1) return Double.NaN;
        return InverseErf.value(x);
    }

    /** scipy.special.erfcinv: +inf at 0, -inf at 2, NaN outside [0, 2]. */
    static double erfcinv(double x) {
        if (Double.isNaN(x) || x < 0 || x > 2) return Double.NaN;
        return InverseErfc.value(x);
    }

    private static boolean isNonPositiveInteger(double x) { return x <= 0 && x == Math.rint(x); }

    /** C's tgamma (Theano's C code): +-inf at +-0, NaN at the negative integers and -inf. */
    static double gamma(double x) {
        if (x == 0) return Math.copySign(Double.POSITIVE_INFINITY, x);
        if (isNonPositiveInteger(x) || x == Double.NEGATIVE_INFINITY) return Double.NaN;
        return Gamma.value(x);
    }

    /** C's lgamma: log |gamma(x)|, +inf at the poles and at +-inf. */
    static double gammaln(double x) {
        if (Double.isNaN(x)) return x;
        if (Double.isInfinite(x) || isNonPositiveInteger(x)) return Double.POSITIVE_INFINITY;
        return LogGamma.value(x);
    }

    /** scipy.special.psi (digamma): -inf at 0, NaN at the negative integers and at -inf. */
    static double psi(double x) {
        if (x == Double.NEGATIVE_INFINITY || (x < 0 && x == Math.rint(x))) return Double.NaN;
        return Digamma.value(x);
    }

    /** scipy's polygamma(1, x): +inf at the poles, NaN at -inf. */
    static double triGamma(double x) {
        if (x == Double.NEGATIVE_INFINITY) return Double.NaN;
        if (isNonPositiveInteger(x)) return Double.POSITIVE_INFINITY;
        return Trigamma.value(x);
    }

    /** arctan2(y, x): the angle of (x, y), NumPy's argument order; Theano's ArcTan2 gradients. */
    public static final ScalarOp ARCTAN2 = new ScalarOp("arctan2", 2) {
        @Override
        public DType outputDType(DType[] in) { return upgradeToFloatNoComplex(name(), in); }

        @Override
        public double evalDouble(double[] v) { return Math.atan2(v[0], v[1]); }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable y = in.get(0), x = in.get(1);
            Variable r2 = T.add(T.sqr(x), T.sqr(y));
            return List.of(T.trueDiv(T.mul(gz, x), r2), T.trueDiv(T.mul(gz, T.neg(y)), r2));
        }
    };
}
