package org.theanojvm.engine.ops.scalar;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Unary float functions (exp, log, trig, sigmoid, softplus, rounding). Integer inputs are upgraded to
 * float32 (8/16-bit) or float64 as Theano's upgrade_to_float does.
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

        UnaryFloat(String name, DoubleUnaryOperator f, GradRule rule, ComplexFn cf) {
            super(name, 1);
            this.f = f;
            this.rule = rule;
            this.cf = cf;
        }

        @Override
        public double[] evalComplex(double[][] x) {
            if (cf == null) return super.evalComplex(x);
            return cf.apply(x[0][0], x[0][1]);
        }

        @Override
        public DType outputDType(DType[] in) { return upgradeToFloat(in); }

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
}
