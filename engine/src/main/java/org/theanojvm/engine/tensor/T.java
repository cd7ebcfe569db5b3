package org.theanojvm.engine.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoIndexError;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.Unique;
import org.theanojvm.engine.ops.ARange;
import org.theanojvm.engine.ops.AdvancedIndexing;
import org.theanojvm.engine.ops.Alloc;
import org.theanojvm.engine.ops.BatchedDot;
import org.theanojvm.engine.ops.CumOp;
import org.theanojvm.engine.ops.Diagonal;
import org.theanojvm.engine.ops.EyeTri;
import org.theanojvm.engine.ops.JoinSplit;
import org.theanojvm.engine.ops.LogSoftmax;
import org.theanojvm.engine.ops.ExtraOps;
import org.theanojvm.engine.ops.RepeatOp;
import org.theanojvm.engine.ops.SortOps;
import org.theanojvm.engine.ops.SpecifyShape;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.ops.DimShuffle;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.MaxAndArgmax;
import org.theanojvm.engine.ops.Rebroadcast;
import org.theanojvm.engine.ops.ShapeOps;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * The Java face of {@code theano.tensor}: one static entry point to create variables and constants and
 * to apply every op, with Theano's argument conversions. Arguments typed {@code Object} accept a
 * {@link Variable}, an {@link NdArray} or a Java number/boolean (treated as the Python literal: ints
 * and floats are autocast to the smallest dtype that holds them exactly, as Theano 1.0 does).
 */
public final class T {
    private T() {}

    // ------------------------------------------------------------------ variables

    public static Variable tensor(DType dtype, boolean[] broadcastable, String name) {
        return new TensorType(dtype, broadcastable).makeVariable(name);
    }

    public static Variable scalar(String name, DType dtype) { return tensor(dtype, new boolean[0], name); }

    public static Variable vector(String name, DType dtype) { return tensor(dtype, new boolean[] {false}, name); }

    public static Variable matrix(String name, DType dtype) { return tensor(dtype, new boolean[] {false, false}, name); }

    public static Variable row(String name, DType dtype) { return tensor(dtype, new boolean[] {true, false}, name); }

    public static Variable col(String name, DType dtype) { return tensor(dtype, new boolean[] {false, true}, name); }

    public static Variable tensor3(String name, DType dtype) { return tensor(dtype, new boolean[3], name); }

    public static Variable tensor4(String name, DType dtype) { return tensor(dtype, new boolean[4], name); }

    /** floatX variants (T.scalar('x') etc.). */
    public static Variable scalar(String name) { return scalar(name, Config.floatX()); }

    public static Variable vector(String name) { return vector(name, Config.floatX()); }

    public static Variable matrix(String name) { return matrix(name, Config.floatX()); }

    public static Variable dscalar(String n) { return scalar(n, DType.FLOAT64); }

    public static Variable fscalar(String n) { return scalar(n, DType.FLOAT32); }

    public static Variable iscalar(String n) { return scalar(n, DType.INT32); }

    public static Variable lscalar(String n) { return scalar(n, DType.INT64); }

    public static Variable dvector(String n) { return vector(n, DType.FLOAT64); }

    public static Variable fvector(String n) { return vector(n, DType.FLOAT32); }

    public static Variable ivector(String n) { return vector(n, DType.INT32); }

    public static Variable lvector(String n) { return vector(n, DType.INT64); }

    public static Variable dmatrix(String n) { return matrix(n, DType.FLOAT64); }

    public static Variable fmatrix(String n) { return matrix(n, DType.FLOAT32); }

    public static Variable imatrix(String n) { return matrix(n, DType.INT32); }

    /** theano.shared(value, name): copies the value. */
    public static SharedVariable shared(NdArray value, String name) { return SharedVariable.create(value, name); }

    // ------------------------------------------------------------------ constants and conversion

    /** theano.tensor.constant(x): an ndarray keeps its dtype; Java numbers are autocast like Python literals. */
    public static Constant constant(Object x) { return constant(x, null, null); }

    public static Constant constant(Object x, String name, DType dtype) {
        NdArray a = toArray(x, dtype);
        boolean[] b = new boolean[a.ndim()];
        for (int i = 0; i < b.length; i++) b[i] = a.shape(i) == 1;
        return new Constant(new TensorType(a.dtype(), b), a, name);
    }

    /** The array Theano would make of a Python value: numbers autocast; arrays kept (cast when dtype given). */
    public static NdArray toArray(Object x, DType dtype) {
        NdArray a;
        if (x instanceof NdArray arr) a = arr;
        else if (x instanceof Boolean bo) a = NdArray.fromBooleans(new long[0], bo);
        else if (x instanceof Double || x instanceof Float) {
            double v = ((Number) x).doubleValue();
            if (dtype != null) return NdArray.scalar(dtype, v);
            a = NdArray.scalar(autocastFloat(v), v);
        } else if (x instanceof Number n) {
            long v = n.longValue();
            if (dtype != null) return NdArray.scalarLong(dtype, v);
            a = NdArray.scalarLong(autocastInt(v), v);
        } else if (x instanceof double[] d) a = NdArray.vector(d);
        else if (x instanceof long[] l) a = NdArray.fromLongs(DType.INT64, new long[] {l.length}, l);
        else throw new TheanoTypeError("Cannot convert " + x + " to TensorType");
        return dtype != null && a.dtype() != dtype ? a.astype(dtype) : a;
    }

    /** Theano's autocast_int: int8, int16, int32 or int64, the first that holds v. */
    public static DType autocastInt(long v) {
        if (v == (byte) v) return DType.INT8;
        if (v == (short) v) return DType.INT16;
        if (v == (int) v) return DType.INT32;
        return DType.INT64;
    }

    /**
     * Theano's autocast_float (cast_policy 'custom'): floatX when floatX is float32/float16; otherwise
     * float32 when the value is exactly representable in float32, else float64.
     */
    public static DType autocastFloat(double v) {
        DType fx = Config.floatX();
        if (fx != DType.FLOAT64) return fx;
        if ((double) (float) v == v) return DType.FLOAT32;
        return DType.FLOAT64;
    }

    /** theano.tensor.as_tensor_variable. */
    public static Variable asTensorVariable(Object x) {
        if (x instanceof Variable v) {
            if (!v.isTensor()) throw new TheanoTypeError("Variable type field must be a TensorType.");
            return v;
        }
        return constant(x);
    }

    private static Variable[] asVars(Object... xs) {
        Variable[] r = new Variable[xs.length];
        for (int i = 0; i < xs.length; i++) r[i] = asTensorVariable(xs[i]);
        return r;
    }

    // ------------------------------------------------------------------ elementwise

    /** Applies a scalar op elementwise (the op Theano names {@code Elemwise{name,no_inplace}}). */
    public static Variable elemwise(ScalarOp op, Object... inputs) { return Elemwise.noInplace(op).call(asVars(inputs)); }

    public static Variable add(Object... xs) { return elemwise(ArithmeticOps.ADD, xs); }

    public static Variable sub(Object x, Object y) { return elemwise(ArithmeticOps.SUB, x, y); }

    public static Variable mul(Object... xs) { return elemwise(ArithmeticOps.MUL, xs); }

    public static Variable trueDiv(Object x, Object y) { return elemwise(ArithmeticOps.TRUE_DIV, x, y); }

    public static Variable intDiv(Object x, Object y) { return elemwise(ArithmeticOps.INT_DIV, x, y); }

    public static Variable mod(Object x, Object y) { return elemwise(ArithmeticOps.MOD, x, y); }

    public static Variable pow(Object x, Object y) { return elemwise(ArithmeticOps.POW, x, y); }

    public static Variable neg(Object x) { return elemwise(ArithmeticOps.NEG, x); }

    public static Variable sqr(Object x) { return elemwise(ArithmeticOps.SQR, x); }

    public static Variable abs(Object x) { return elemwise(ArithmeticOps.ABS, x); }

    /** Real part; a real tensor is its own real part (Theano's tensor.real). */
    public static Variable real(Object z) {
        Variable v = asTensorVariable(z);
        return v.dtype().isComplex() ? elemwise(org.theanojvm.engine.ops.scalar.ComplexOps.REAL, v) : v;
    }

    /** Imaginary part; zeros of the same dtype for a real tensor. */
    public static Variable imag(Object z) {
        Variable v = asTensorVariable(z);
        return v.dtype().isComplex() ? elemwise(org.theanojvm.engine.ops.scalar.ComplexOps.IMAG, v) : zerosLike(v);
    }

    /** Complex conjugate; a real tensor is its own conjugate. */
    public static Variable conj(Object z) {
        Variable v = asTensorVariable(z);
        return v.dtype().isComplex() ? elemwise(org.theanojvm.engine.ops.scalar.ComplexOps.CONJ, v) : v;
    }

    /** re + i*im (Theano's tensor.complex). */
    public static Variable complex(Object re, Object im) { return elemwise(org.theanojvm.engine.ops.scalar.ComplexOps.COMPLEX, re, im); }

    public static Variable sgn(Object x) { return elemwise(ArithmeticOps.SGN, x); }

    public static Variable maximum(Object x, Object y) { return elemwise(ArithmeticOps.MAXIMUM, x, y); }

    public static Variable minimum(Object x, Object y) { return elemwise(ArithmeticOps.MINIMUM, x, y); }

    public static Variable identity(Object x) { return elemwise(ArithmeticOps.IDENTITY, x); }

    /** fill(model, value) = second: value broadcast to model's shape. */
    public static Variable fill(Object model, Object value) { return elemwise(ArithmeticOps.SECOND, model, value); }

    public static Variable exp(Object x) { return elemwise(TranscendentalOps.EXP, x); }

    public static Variable exp2(Object x) { return elemwise(TranscendentalOps.EXP2, x); }

    public static Variable expm1(Object x) { return elemwise(TranscendentalOps.EXPM1, x); }

    public static Variable log(Object x) { return elemwise(TranscendentalOps.LOG, x); }

    public static Variable log2(Object x) { return elemwise(TranscendentalOps.LOG2, x); }

    public static Variable log10(Object x) { return elemwise(TranscendentalOps.LOG10, x); }

    public static Variable log1p(Object x) { return elemwise(TranscendentalOps.LOG1P, x); }

    public static Variable sqrt(Object x) { return elemwise(TranscendentalOps.SQRT, x); }

    public static Variable sin(Object x) { return elemwise(TranscendentalOps.SIN, x); }

    public static Variable cos(Object x) { return elemwise(TranscendentalOps.COS, x); }

    public static Variable tan(Object x) { return elemwise(TranscendentalOps.TAN, x); }

    public static Variable arcsin(Object x) { return elemwise(TranscendentalOps.ARCSIN, x); }

    public static Variable arccos(Object x) { return elemwise(TranscendentalOps.ARCCOS, x); }

    public static Variable arctan(Object x) { return elemwise(TranscendentalOps.ARCTAN, x); }

    public static Variable sinh(Object x) { return elemwise(TranscendentalOps.SINH, x); }

    public static Variable cosh(Object x) { return elemwise(TranscendentalOps.COSH, x); }

    public static Variable tanh(Object x) { return elemwise(TranscendentalOps.TANH, x); }

    public static Variable sigmoid(Object x) { return elemwise(TranscendentalOps.SIGMOID, x); }

    public static Variable arcsinh(Object x) { return elemwise(TranscendentalOps.ARCSINH, x); }

    public static Variable arccosh(Object x) { return elemwise(TranscendentalOps.ARCCOSH, x); }

    public static Variable arctanh(Object x) { return elemwise(TranscendentalOps.ARCTANH, x); }

    /** arctan2(y, x): NumPy's argument order. */
    public static Variable arctan2(Object y, Object x) { return elemwise(TranscendentalOps.ARCTAN2, y, x); }

    public static Variable erf(Object x) { return elemwise(TranscendentalOps.ERF, x); }

    public static Variable erfc(Object x) { return elemwise(TranscendentalOps.ERFC, x); }

    public static Variable erfinv(Object x) { return elemwise(TranscendentalOps.ERFINV, x); }

    public static Variable erfcinv(Object x) { return elemwise(TranscendentalOps.ERFCINV, x); }

    public static Variable gamma(Object x) { return elemwise(TranscendentalOps.GAMMA, x); }

    public static Variable gammaln(Object x) { return elemwise(TranscendentalOps.GAMMALN, x); }

    /** psi: the digamma function, derivative of gammaln. */
    public static Variable psi(Object x) { return elemwise(TranscendentalOps.PSI, x); }

    /** tri_gamma: derivative of psi. */
    public static Variable triGamma(Object x) { return elemwise(TranscendentalOps.TRI_GAMMA, x); }

    public static Variable softplus(Object x) { return elemwise(TranscendentalOps.SOFTPLUS, x); }

    public static Variable floor(Object x) { return elemwise(TranscendentalOps.FLOOR, x); }

    public static Variable ceil(Object x) { return elemwise(TranscendentalOps.CEIL, x); }

    public static Variable trunc(Object x) { return elemwise(TranscendentalOps.TRUNC, x); }

    /** T.round(x, mode): Theano 1.0's default mode (null) is "half_away_from_zero". */
    public static Variable round(Object x, String mode) {
        if (mode == null || mode.equals("half_away_from_zero")) return elemwise(TranscendentalOps.ROUND_HALF_AWAY_FROM_ZERO, x);
        if (mode.equals("half_to_even")) return elemwise(TranscendentalOps.ROUND_HALF_TO_EVEN, x);
        throw new TheanoNotImplementedError("T.round mode " + mode + " is not implemented.");
    }

    public static Variable lt(Object x, Object y) { return elemwise(LogicOps.LT, x, y); }

    public static Variable gt(Object x, Object y) { return elemwise(LogicOps.GT, x, y); }

    public static Variable le(Object x, Object y) { return elemwise(LogicOps.LE, x, y); }

    public static Variable ge(Object x, Object y) { return elemwise(LogicOps.GE, x, y); }

    public static Variable eq(Object x, Object y) { return elemwise(LogicOps.EQ, x, y); }

    public static Variable neq(Object x, Object y) { return elemwise(LogicOps.NEQ, x, y); }

    public static Variable and_(Object x, Object y) { return elemwise(LogicOps.AND, x, y); }

    public static Variable or_(Object x, Object y) { return elemwise(LogicOps.OR, x, y); }

    public static Variable xor(Object x, Object y) { return elemwise(LogicOps.XOR, x, y); }

    public static Variable invert(Object x) { return elemwise(LogicOps.INVERT, x); }

    public static Variable switch_(Object cond, Object ift, Object iff) { return elemwise(LogicOps.SWITCH, cond, ift, iff); }

    public static Variable clip(Object x, Object min, Object max) { return elemwise(LogicOps.CLIP, x, min, max); }

    public static Variable isnan(Object x) { return elemwise(LogicOps.ISNAN, x); }

    public static Variable isinf(Object x) { return elemwise(LogicOps.ISINF, x); }

    /** T.cast: the variable itself when already of that dtype, else {@code Elemwise{Cast{dtype}}}. */
    public static Variable cast(Object x, DType dtype) {
        Variable v = asTensorVariable(x);
        if (v.dtype() == dtype) return v;
        return new Elemwise(new Cast(dtype), "Elemwise{Cast{" + dtype + "}}").call(v);
    }

    public static Variable zerosLike(Object model) { return zerosLike(model, null); }

    /** zeros_like(model, dtype) = fill(model, constant(0.0, dtype)). */
    public static Variable zerosLike(Object model, DType dtype) {
        Variable m = asTensorVariable(model);
        return fill(m, constant(0.0, null, dtype == null ? m.dtype() : dtype));
    }

    public static Variable onesLike(Object model) { return onesLike(model, null); }

    public static Variable onesLike(Object model, DType dtype) {
        Variable m = asTensorVariable(model);
        return fill(m, constant(1.0, null, dtype == null ? m.dtype() : dtype));
    }

    /** Theano's _float_zeros_like: zeros of the model's dtype if it is a float, else of floatX. */
    public static Variable zerosLikeFloat(Variable model) {
        return zerosLike(model, model.dtype().isContinuous() ? model.dtype() : Config.floatX());
    }

    /** Theano's _float_ones_like. */
    public static Variable onesLikeFloat(Variable model) {
        return onesLike(model, model.dtype().isContinuous() ? model.dtype() : Config.floatX());
    }

    // ------------------------------------------------------------------ reductions

    public static Variable sum(Object x) { return sum(x, null, false, null, null); }

    /** T.sum(x, axis, dtype, keepdims, acc_dtype); axes null = all. */
    public static Variable sum(Object x, int[] axes, boolean keepdims, DType dtype, DType accDtype) {
        return reduce(CAReduce.Kind.SUM, x, axes, keepdims, dtype, accDtype);
    }

    public static Variable prod(Object x, int[] axes, boolean keepdims, DType dtype, DType accDtype) {
        return reduce(CAReduce.Kind.PROD, x, axes, keepdims, dtype, accDtype);
    }

    public static Variable any(Object x, int[] axes, boolean keepdims) { return reduce(CAReduce.Kind.ANY, x, axes, keepdims, null, null); }

    public static Variable all(Object x, int[] axes, boolean keepdims) { return reduce(CAReduce.Kind.ALL, x, axes, keepdims, null, null); }

    private static Variable reduce(CAReduce.Kind k, Object x, int[] axes, boolean keepdims, DType dtype, DType acc) {
        Variable v = asTensorVariable(x);
        Variable out = new CAReduce(k, axes, dtype, acc).call(v);
        return keepdims ? makeKeepDims(v, out, axes) : out;
    }

    /** Re-inserts the reduced axes as broadcastable dimensions (Theano's makeKeepDims). */
    public static Variable makeKeepDims(Variable x, Variable y, int[] axes) {
        int[] ax = CAReduce.normalizeAxes(axes, x.ndim(), x);
        int[] order = new int[x.ndim()];
        int k = 0;
        for (int d = 0; d < x.ndim(); d++) {
            final int dd = d;
            boolean red = ax == null || Arrays.stream(ax).anyMatch(a -> a == dd);
            order[d] = red ? -1 : k++;
        }
        return dimshuffle(y, order);
    }

    private static int[] allAxes(int nd) {
        int[] a = new int[nd];
        for (int i = 0; i < nd; i++) a[i] = i;
        return a;
    }

    /** T.max: MaxAndArgmax(...)[0], as in Theano 1.0. */
    public static Variable max(Object x, int[] axes, boolean keepdims) {
        Variable v = asTensorVariable(x);
        int[] ax = axes == null ? allAxes(v.ndim()) : axes;
        Variable out = new MaxAndArgmax(ax).makeNode(v).outputs().get(0);
        return keepdims ? makeKeepDims(v, out, ax) : out;
    }

    public static Variable argmax(Object x, int[] axes, boolean keepdims) {
        Variable v = asTensorVariable(x);
        int[] ax = axes == null ? allAxes(v.ndim()) : axes;
        Variable out = new MaxAndArgmax(ax).makeNode(v).outputs().get(1);
        return keepdims ? makeKeepDims(v, out, ax) : out;
    }

    /** T.min = -max(-x) for signed and float dtypes, as Theano does. */
    public static Variable min(Object x, int[] axes, boolean keepdims) {
        Variable v = asTensorVariable(x);
        if (v.dtype().isUnsigned() || v.dtype().isBool()) {
            return reduce(CAReduce.Kind.MIN, v, axes, keepdims, null, null);
        }
        return neg(max(neg(v), axes, keepdims));
    }

    public static Variable argmin(Object x, int[] axes, boolean keepdims) {
        Variable v = asTensorVariable(x);
        return argmax(neg(v), axes, keepdims);
    }

    /** T.mean(x): the mean of all elements. */
    public static Variable mean(Object x) { return mean(x, null, false, null, null); }

    /**
     * T.mean as Theano 1.0 builds it: sum, then true_div by each reduced dimension of shape(x) cast to
     * float64 (float32 for float16/float32 sums); the result is named "mean".
     */
    public static Variable mean(Object x, int[] axes, boolean keepdims, DType dtype, DType accDtype) {
        Variable v = asTensorVariable(x);
        DType sumDtype = dtype;
        if (sumDtype == null && v.dtype() == DType.FLOAT16) sumDtype = DType.FLOAT32;
        Variable s = sum(v, axes, keepdims, sumDtype, accDtype);
        Variable shp = shape(v);
        DType sd = s.dtype();
        shp = cast(shp, (sd == DType.FLOAT16 || sd == DType.FLOAT32 || sd == DType.COMPLEX64) ? DType.FLOAT32 : DType.FLOAT64);
        int[] ax = axes == null ? allAxes(v.ndim()) : axes;
        for (int i : ax) s = trueDiv(s, subtensor(shp, SubtensorOps.idx((long) i)));
        if (s.dtype() != shp.dtype() && s.dtype().isDiscrete()) s = cast(s, shp.dtype());
        if (dtype == DType.FLOAT16 || (dtype == null && v.dtype() == DType.FLOAT16)) s = cast(s, DType.FLOAT16);
        s.setName("mean");
        return s;
    }

    // ------------------------------------------------------------------ products, shapes, views

    /** T.dot: mul for scalars, Dot for 1-d/2-d operands. */
    public static Variable dot(Object a, Object b) {
        Variable x = asTensorVariable(a), y = asTensorVariable(b);
        if (x.ndim() == 0 || y.ndim() == 0) return mul(x, y);
        if (x.ndim() > 2 || y.ndim() > 2) return tensordot(x, y, new int[][] {{x.ndim() - 1}, {Math.max(0, y.ndim() - 2)}});
        return Dot.INSTANCE.call(x, y);
    }

    /** outer(x, y) = dot(x.dimshuffle(0, 'x'), y.dimshuffle('x', 0)). */
    public static Variable outer(Object a, Object b) {
        Variable x = asTensorVariable(a), y = asTensorVariable(b);
        if (x.ndim() != 1) x = flatten(x, 1);
        if (y.ndim() != 1) y = flatten(y, 1);
        return dot(dimshuffle(x, new int[] {0, -1}), dimshuffle(y, new int[] {-1, 0}));
    }

    /** x.T: reverse the axes. */
    public static Variable transpose(Object x) {
        Variable v = asTensorVariable(x);
        int[] o = new int[v.ndim()];
        for (int i = 0; i < o.length; i++) o[i] = o.length - 1 - i;
        return dimshuffle(v, o);
    }

    /** x.dimshuffle(order) with -1 standing for 'x'. */
    public static Variable dimshuffle(Object x, int[] order) {
        Variable v = asTensorVariable(x);
        return new DimShuffle(v.broadcastable(), order).call(v);
    }

    /** x.dimshuffle(pattern) with Theano's notation, e.g. {@code dimshuffle(x, "x", 0)}. */
    public static Variable dimshuffle(Object x, Object... pattern) { return dimshuffle(x, DimShuffle.pattern(pattern)); }

    public static Variable patternbroadcast(Variable x, boolean[] b) {
        java.util.Map<Integer, Boolean> m = new java.util.TreeMap<>();
        boolean[] xb = x.broadcastable();
        for (int i = 0; i < b.length; i++) if (xb[i] != b[i]) m.put(i, b[i]);
        if (m.isEmpty()) return x;
        return new Rebroadcast(m).call(x);
    }

    public static Variable addbroadcast(Variable x, int... axes) {
        java.util.Map<Integer, Boolean> m = new java.util.TreeMap<>();
        for (int a : axes) m.put(a, true);
        return new Rebroadcast(m).call(x);
    }

    public static Variable unbroadcast(Variable x, int... axes) {
        java.util.Map<Integer, Boolean> m = new java.util.TreeMap<>();
        for (int a : axes) m.put(a, false);
        return new Rebroadcast(m).call(x);
    }

    public static Variable shape(Object x) { return ShapeOps.Shape.INSTANCE.call(asTensorVariable(x)); }

    /** x.shape[i]. */
    public static Variable shapeOf(Object x, int i) { return subtensor(shape(x), SubtensorOps.idx((long) i)); }

    /** Stacks scalars into an int64 vector (used for symbolic shapes). */
    public static Variable makeVector(DType dtype, Object... parts) { return new ShapeOps.MakeVector(dtype).call(asVars(parts)); }

    /**
     * x.reshape(shape, ndim): shape is a long[] (constant, may hold -1), an int vector Variable, or an
     * Object[] mixing numbers and int scalar Variables.
     */
    public static Variable reshape(Object x, Object shape, Integer ndim) {
        Variable v = asTensorVariable(x);
        Variable shp;
        if (shape instanceof long[] l) shp = constant(NdArray.fromLongs(DType.INT64, new long[] {l.length}, l));
        else if (shape instanceof int[] ia) shp = constant(NdArray.fromLongs(DType.INT64, new long[] {ia.length}, Arrays.stream(ia).asLongStream().toArray()));
        else if (shape instanceof Object[] parts) {
            boolean allConst = Arrays.stream(parts).allMatch(p -> p instanceof Number);
            if (allConst) {
                long[] l = Arrays.stream(parts).mapToLong(p -> ((Number) p).longValue()).toArray();
                shp = constant(NdArray.fromLongs(DType.INT64, new long[] {l.length}, l));
            } else {
                List<Variable> ps = new ArrayList<>();
                for (Object p : parts) ps.add(p instanceof Number n ? constant(NdArray.scalarLong(DType.INT64, n.longValue())) : cast(p, DType.INT64));
                shp = new ShapeOps.MakeVector(DType.INT64).call(ps.toArray(new Variable[0]));
            }
        } else if (shape instanceof Variable sv) shp = sv;
        else throw new TheanoTypeError("Unsupported shape argument to reshape: " + shape);
        if (shp.ndim() != 1) throw new TheanoValueError("The shape argument to reshape must be a vector");
        int nd;
        if (ndim != null) nd = ndim;
        else if (shp instanceof Constant c) nd = (int) c.data().size();
        else if (shp.owner() != null && shp.owner().op() instanceof ShapeOps.MakeVector) nd = shp.owner().inputs().size();
        else if (shp.owner() != null && shp.owner().op() instanceof ShapeOps.Shape) nd = shp.owner().inputs().get(0).ndim();
        else throw new TheanoValueError("The length of the provided shape (" + shp + ") cannot be automatically determined, so Theano is not able to know what the number of dimensions of the reshaped variable will be. You can provide the 'ndim' keyword argument to 'reshape' to avoid this problem.");
        if (shp.dtype() != DType.INT64) shp = cast(shp, DType.INT64);
        return new ShapeOps.Reshape(nd).call(v, shp);
    }

    public static Variable reshape(Object x, long[] shape) { return reshape(x, (Object) shape, null); }

    /** T.flatten(x, ndim): reshape keeping the first ndim-1 dims (Theano 1.0 builds it on reshape). */
    public static Variable flatten(Object x, int ndim) {
        Variable v = asTensorVariable(x);
        if (ndim < 1 || (ndim > 1 && ndim > v.ndim())) throw new TheanoValueError("ndim " + ndim + " out of bound [1, " + (v.ndim() + 1) + ")");
        Object[] dims = new Object[ndim];
        for (int i = 0; i < ndim - 1; i++) dims[i] = shapeOf(v, i);
        dims[ndim - 1] = -1L;
        Variable r = reshape(v, dims, ndim);
        boolean[] xb = v.broadcastable();
        boolean[] b = new boolean[ndim];
        for (int i = 0; i < ndim - 1; i++) b[i] = xb[i];
        boolean last = true;
        for (int i = ndim - 1; i < xb.length; i++) last &= xb[i];
        b[ndim - 1] = last && xb.length >= ndim;
        List<Integer> add = new ArrayList<>();
        for (int i = 0; i < ndim; i++) if (b[i] && !r.broadcastable()[i]) add.add(i);
        return add.isEmpty() ? r : addbroadcast(r, add.stream().mapToInt(Integer::intValue).toArray());
    }

    /** T.alloc(value, *shape). */
    public static Variable alloc(Object value, Object... shape) {
        Variable[] ins = new Variable[shape.length + 1];
        ins[0] = asTensorVariable(value);
        for (int i = 0; i < shape.length; i++) {
            ins[i + 1] = shape[i] instanceof Number n ? constant(NdArray.scalarLong(DType.INT64, n.longValue())) : cast(shape[i], DType.INT64);
        }
        return Alloc.INSTANCE.call(ins);
    }

    /** T.zeros(shape, dtype=floatX). */
    public static Variable zeros(Object[] shape, DType dtype) {
        return alloc(constant(0.0, null, dtype == null ? Config.floatX() : dtype), shape);
    }

    public static Variable ones(Object[] shape, DType dtype) {
        return alloc(constant(1.0, null, dtype == null ? Config.floatX() : dtype), shape);
    }

    // ------------------------------------------------------------------ indexing

    /** x[entries] with integers and slices (see {@link SubtensorOps#idx}, {@link SubtensorOps#slice}). */
    public static Variable subtensor(Object x, SubtensorOps.Entry... entries) {
        return SubtensorOps.Subtensor.apply(asTensorVariable(x), Arrays.asList(entries));
    }

    /** x[ilist] for an integer vector (AdvancedSubtensor1). */
    public static Variable advancedSubtensor1(Object x, Object ilist) {
        return SubtensorOps.AdvancedSubtensor1.INSTANCE.call(asTensorVariable(x), asTensorVariable(ilist));
    }

    /** theano.tensor.set_subtensor(x[...], y): {@code sub} must be the output of a Subtensor or AdvancedSubtensor1. */
    public static Variable setSubtensor(Variable sub, Object y) { return incOrSet(sub, y, true); }

    /** theano.tensor.inc_subtensor(x[...], y). */
    public static Variable incSubtensor(Variable sub, Object y) { return incOrSet(sub, y, false); }

    private static Variable incOrSet(Variable sub, Object yv, boolean set) {
        Variable y = asTensorVariable(yv);
        if (sub.owner() == null) throw new TheanoTypeError("Argument to inc_subtensor must be a Subtensor output, got " + sub);
        var op = sub.owner().op();
        List<Variable> ins = sub.owner().inputs();
        Variable x = ins.get(0);
        if (y.dtype() != x.dtype() && DType.upcast(x.dtype(), y.dtype()) == x.dtype()) y = cast(y, x.dtype());
        if (op instanceof SubtensorOps.Subtensor st) {
            List<Variable> args = new ArrayList<>();
            args.add(x);
            args.add(y);
            args.addAll(ins.subList(1, ins.size()));
            return SubtensorOps.incSubtensorFor(st, set).makeNode(args).outputs().get(0);
        }
        if (op instanceof SubtensorOps.AdvancedSubtensor1) {
            return new SubtensorOps.AdvancedIncSubtensor1(set).call(x, y, ins.get(1));
        }
        if (op instanceof AdvancedIndexing.AdvancedSubtensor st) {
            List<Variable> args = new ArrayList<>();
            args.add(x);
            args.add(y);
            args.addAll(ins.subList(1, ins.size()));
            return AdvancedIndexing.AdvancedIncSubtensor.forSubtensor(st, set).makeNode(args).outputs().get(0);
        }
        if (op instanceof DimShuffle ds) {
            // take/getitem on a non-first axis is DimShuffle(AdvancedSubtensor1(DimShuffle(x))): as Theano does,
            // increment the inner indexing with y arranged the same way, then apply the outer DimShuffle again.
            int[] xOrder = ds.newOrder();
            int dimOffset = sub.ndim() - y.ndim();
            Object[] yOrder = new Object[x.ndim()];
            Arrays.fill(yOrder, "x");
            // sub axis i is inner axis xOrder[i]; y (right-aligned on sub) has axis i - dimOffset there
            for (int i = 0; i < xOrder.length; i++) {
                int v = xOrder[i];
                if (v >= 0 && i - dimOffset >= 0) yOrder[v] = i - dimOffset;
            }
            Variable inner = incOrSet(x, dimshuffle(y, yOrder), set);
            return dimshuffle(inner, xOrder);
        }
        if (op instanceof ShapeOps.Reshape) {
            // take with non-vector indices is a Reshape of the indexing by the flattened indices
            Variable flatY = y;
            if (y.ndim() > 0) {
                Object[] shp = new Object[sub.ndim()];
                for (int i = 0; i < shp.length; i++) shp[i] = shapeOf(sub, i);
                flatY = flatten(alloc(y, shp), x.ndim());
            }
            return incOrSet(x, flatY, set);
        }
        throw new TheanoTypeError("inc_subtensor: " + op + " is not a supported indexing op");
    }

    // ------------------------------------------------------------------ nnet

    /** T.nnet.softmax. */
    public static Variable softmax(Object x) { return Softmax.INSTANCE.call(asTensorVariable(x)); }

    // ================================================================== extra op families (arange, advanced indexing,
    // var/std, tensordot, join/split, eye/tri, take, cumsum, sort, repeat, tile, diag, logsoftmax, ...)

    /** T.arange(stop). */
    public static Variable arange(Object stop) { return arange(0L, stop, 1L, null); }

    /** T.arange(start, stop). */
    public static Variable arange(Object start, Object stop) { return arange(start, stop, 1L, null); }

    /**
     * T.arange(start, stop, step, dtype). With dtype null: Theano's rule, the upcast of the three input
     * dtypes, widened to int64 (signed) or uint64 (unsigned) for integers (cast_policy 'custom').
     */
    public static Variable arange(Object start, Object stop, Object step, DType dtype) {
        Variable a = asTensorVariable(start), b = asTensorVariable(stop), c = asTensorVariable(step);
        if (dtype == null) {
            dtype = DType.upcast(a.dtype(), b.dtype(), c.dtype());
            if (dtype.isInteger()) dtype = dtype.isUnsigned() ? DType.UINT64 : DType.INT64;
        }
        return new ARange(dtype).call(a, b, c);
    }

    /**
     * x[entries] with NumPy advanced indexing (AdvancedSubtensor): an entry is an index array (Variable,
     * NdArray, long[] or number; integer or boolean mask), a {@link SubtensorOps#slice} or null/
     * {@link AdvancedIndexing#NEWAXIS}. E.g. {@code advancedSubtensor(logp, arange(shapeOf(y, 0)), y)}.
     */
    public static Variable advancedSubtensor(Object x, Object... entries) {
        return AdvancedIndexing.AdvancedSubtensor.apply(asTensorVariable(x), Arrays.asList(entries));
    }

    /** set_subtensor(x[entries], y) for an advanced index (AdvancedIncSubtensor with set_instead_of_inc). */
    public static Variable advancedSetSubtensor(Object x, Object y, Object... entries) { return advancedIncOrSet(x, y, entries, true); }

    /** inc_subtensor(x[entries], y) for an advanced index; repeated indices accumulate. */
    public static Variable advancedIncSubtensor(Object x, Object y, Object... entries) { return advancedIncOrSet(x, y, entries, false); }

    private static Variable advancedIncOrSet(Object xo, Object yo, Object[] entries, boolean set) {
        Variable x = asTensorVariable(xo), y = asTensorVariable(yo);
        if (y.dtype() != x.dtype() && DType.upcast(x.dtype(), y.dtype()) == x.dtype()) y = cast(y, x.dtype());
        return AdvancedIndexing.AdvancedIncSubtensor.apply(x, Arrays.asList(entries), y, set);
    }

    /**
     * x[args] dispatched as Theano 1.0's {@code __getitem__}: integers and slices (and newaxis) give
     * Subtensor (+ DimShuffle); a single index array with only full slices around it goes through
     * {@link #take} (AdvancedSubtensor1 for vectors); anything else is AdvancedSubtensor. Arguments as in
     * {@link #advancedSubtensor}; a Java Integer/Long is a Python int. Boolean masks are accepted with NumPy
     * semantics (Theano 1.0 raises {@link AdvancedIndexing#BOOL_MASK_MESSAGE} there; the shim may do so).
     */
    public static Variable getitem(Object x, Object... args) {
        Variable v = asTensorVariable(x);
        int advanced = 0, axis = -1;
        for (int i = 0; i < args.length; i++) {
            if (isArrayIndex(args[i])) {
                advanced++;
                axis = i;
            }
        }
        if (advanced == 0) {
            boolean newaxis = Arrays.stream(args).anyMatch(a -> a == null || a == AdvancedIndexing.NEWAXIS);
            if (newaxis) {
                List<Object> pattern = new ArrayList<>();
                List<Object> rest = new ArrayList<>();
                int counter = 0;
                boolean full = true;
                for (Object a : args) {
                    if (a == null || a == AdvancedIndexing.NEWAXIS) {
                        pattern.add("x");
                        rest.add(SubtensorOps.all());
                    } else {
                        pattern.add(counter++);
                        rest.add(a);
                        full &= a instanceof SubtensorOps.Slice s && s.start() == null && s.stop() == null && s.step() == null;
                    }
                }
                for (int d = counter; d < v.ndim(); d++) pattern.add(d);
                Variable view = dimshuffle(v, pattern.toArray());
                return full ? view : getitem(view, rest.toArray());
            }
            SubtensorOps.Entry[] es = new SubtensorOps.Entry[args.length];
            for (int i = 0; i < args.length; i++) es[i] = args[i] instanceof SubtensorOps.Entry e ? e : SubtensorOps.idx(args[i]);
            return subtensor(v, es);
        }
        boolean othersFull = true;
        for (int i = 0; i < args.length; i++) {
            if (i != axis) othersFull &= args[i] instanceof SubtensorOps.Slice s && s.start() == null && s.stop() == null && s.step() == null;
        }
        if (advanced == 1 && othersFull && !(args[axis] instanceof Number)) {
            Variable idx = asTensorVariable(args[axis]);
            if (!idx.dtype().isBool()) return take(v, idx, axis, "raise");
        }
        return advancedSubtensor(v, args);
    }

    /** Whether a getitem argument is an index array (Theano's AdvancedIndexingError case). */
    private static boolean isArrayIndex(Object a) {
        if (a == null || a == AdvancedIndexing.NEWAXIS || a instanceof SubtensorOps.Slice || a instanceof Number) return false;
        if (a instanceof SubtensorOps.Index ix) return isArrayIndex(ix.value());
        if (a instanceof Variable v) return v.ndim() > 0 || v.dtype().isBool();
        return true; // NdArray, long[], double[]
    }

    /** T.prod(x, axis, dtype, keepdims, acc_dtype, no_zeros_in_input). */
    public static Variable prod(Object x, int[] axes, boolean keepdims, DType dtype, DType accDtype, boolean noZerosInInput) {
        Variable v = asTensorVariable(x);
        Variable out = new CAReduce(CAReduce.Kind.PROD, axes, dtype, accDtype, noZerosInInput).call(v);
        return keepdims ? makeKeepDims(v, out, axes) : out;
    }

    public static Variable var(Object x) { return var(x, null, 0, false, false); }

    /**
     * T.var(input, axis, ddof, keepdims, corrected) as Theano builds it: the two-pass algorithm,
     * mean(sqr(x - mean(x, keepdims))) (sum / (shape - ddof) when ddof != 0), minus the squared mean of the
     * centered input when corrected. Named "var".
     */
    public static Variable var(Object input, int[] axis, int ddof, boolean keepdims, boolean corrected) {
        Variable x = asTensorVariable(input);
        int[] ax = axis == null ? allAxes(x.ndim()) : axis;
        Variable centered = sub(x, mean(x, ax, true, null, null));
        Variable two = constant(2L, null, centered.dtype());
        Variable v;
        if (ddof == 0) {
            v = mean(pow(centered, two), ax, keepdims, null, null);
        } else {
            Variable shp = sub(shape(x), ddof);
            v = sum(pow(centered, two), ax, keepdims, null, null);
            for (int i : ax) v = trueDiv(v, subtensor(shp, SubtensorOps.idx((long) i)));
        }
        if (corrected) {
            Variable error;
            if (ddof == 0) {
                error = pow(mean(centered, ax, keepdims, null, null), 2L);
            } else {
                Variable shp = sub(shape(x), ddof);
                Variable shpIn = shape(x);
                error = pow(sum(centered, ax, keepdims, null, null), 2L);
                for (int i : ax) error = trueDiv(error, mul(subtensor(shp, SubtensorOps.idx((long) i)), subtensor(shpIn, SubtensorOps.idx((long) i))));
            }
            v = sub(v, error);
        }
        v.setName("var");
        return v;
    }

    public static Variable std(Object x) { return std(x, null, 0, false, false); }

    /** T.std = sqrt(var(...)), named "std". */
    public static Variable std(Object input, int[] axis, int ddof, boolean keepdims, boolean corrected) {
        Variable r = sqrt(var(input, axis, ddof, keepdims, corrected));
        r.setName("std");
        return r;
    }

    /** T.tensordot(a, b, axes) with an integer: the last {@code axes} axes of a against the first of b. */
    public static Variable tensordot(Object a, Object b, int axes) { return tensordotAsDot(asTensorVariable(a), asTensorVariable(b), axes, false); }

    /** T.tensordot(a, b, [[a axes], [b axes]]). */
    public static Variable tensordot(Object a, Object b, int[][] axes) { return tensordotAsDot(asTensorVariable(a), asTensorVariable(b), axes, false); }

    /** T.batched_tensordot(x, y, axes): tensordot per entry of the leading (batch) axis. */
    public static Variable batchedTensordot(Object x, Object y, int axes) { return tensordotAsDot(asTensorVariable(x), asTensorVariable(y), axes, true); }

    public static Variable batchedTensordot(Object x, Object y, int[][] axes) { return tensordotAsDot(asTensorVariable(x), asTensorVariable(y), axes, true); }

    /** Theano's _tensordot_as_dot with list axes: transpose so that summed axes are last in a and first in b. */
    private static Variable tensordotAsDot(Variable a, Variable b, int[][] axes, boolean batched) {
        if (axes.length != 2) throw new TheanoValueError("Axes should be an integer or a list/tuple of len 2 (" + Arrays.deepToString(axes) + " was provided)");
        if (axes[0].length != axes[1].length) throw new TheanoValueError("Axes elements must have the same length.");
        Variable[] ops = {a, b};
        String[] names = {"a", "b"};
        for (int i = 0; i < 2; i++) {
            int nd = ops[i].ndim();
            if (axes[i].length > nd) {
                throw new TheanoValueError("axes[" + i + "] should be array_like with length less than the dimensions of " + names[i] + " (" + names[i]
                        + ".ndim=" + nd + ", len(axes[0])=" + axes[i].length + ").");
            }
            int max = Arrays.stream(axes[i]).max().orElse(-1);
            if (max >= nd) {
                throw new TheanoValueError("axes[" + i + "] contains dimensions greater than or equal to " + names[i] + ".ndim (" + names[i] + ".ndim=" + nd
                        + ", max(axes[0])=" + max + ").");
            }
            if (batched && Arrays.stream(axes[i]).anyMatch(q -> q == 0)) {
                throw new TheanoValueError("axes to sum over must not contain the batch axis (axes[" + i + "]=" + Arrays.toString(axes[i]) + ")");
            }
        }
        List<Object> pa = new ArrayList<>(), pb = new ArrayList<>();
        if (batched) {
            pa.add(0);
            pb.add(0);
        }
        for (int d = batched ? 1 : 0; d < a.ndim(); d++) {
            final int dd = d;
            if (Arrays.stream(axes[0]).noneMatch(q -> q == dd)) pa.add(d);
        }
        for (int q : axes[0]) pa.add(q);
        for (int q : axes[1]) pb.add(q);
        for (int d = batched ? 1 : 0; d < b.ndim(); d++) {
            final int dd = d;
            if (Arrays.stream(axes[1]).noneMatch(q -> q == dd)) pb.add(d);
        }
        return tensordotAsDot(dimshuffle(a, pa.toArray()), dimshuffle(b, pb.toArray()), axes[0].length, batched);
    }

    /** Theano's _tensordot_as_dot with integer axes: reshape both operands to (batched) matrices, dot, reshape back. */
    private static Variable tensordotAsDot(Variable a, Variable b, int axes, boolean batched) {
        for (Variable[] p : new Variable[][] {{a}, {b}}) {
            String nm = p[0] == a ? "a" : "b";
            if (axes > p[0].ndim()) {
                throw new TheanoValueError("axes can not be larger than the dimension of " + nm + " (" + nm + ".ndim=" + p[0].ndim() + ", axes=" + axes + ")");
            }
            if (batched && axes == p[0].ndim()) {
                throw new TheanoValueError("axes to sum over must not include the batch axis of " + nm + " (" + nm + ".ndim=" + p[0].ndim() + ", axes=" + axes + ")");
            }
        }
        int batchAxes = batched ? 1 : 0;
        Variable outshape = concatenate(new Object[] {
            subtensor(shape(a), SubtensorOps.slice(0L, (long) (a.ndim() - axes), null)),
            subtensor(shape(b), SubtensorOps.slice((long) (batchAxes + axes), (long) b.ndim(), null))}, 0);
        List<Boolean> ob = new ArrayList<>();
        for (int d = 0; d < a.ndim() - axes; d++) ob.add(a.broadcastable()[d]);
        for (int d = batchAxes + axes; d < b.ndim(); d++) ob.add(b.broadcastable()[d]);
        Object[] as = {1L, 1L}, bs = {1L, 1L};
        for (int i = 0; i < axes; i++) {
            as[1] = mulShape(as[1], shapeOf(a, a.ndim() - 1 - i));
            bs[0] = mulShape(bs[0], shapeOf(b, batchAxes + i));
        }
        for (int i = 0; i < a.ndim() - axes - batchAxes; i++) as[0] = mulShape(as[0], shapeOf(a, batchAxes + i));
        for (int i = 0; i < b.ndim() - axes - batchAxes; i++) bs[1] = mulShape(bs[1], shapeOf(b, b.ndim() - 1 - i));
        if (batched) {
            as = new Object[] {shapeOf(a, 0), as[0], as[1]};
            bs = new Object[] {shapeOf(b, 0), bs[0], bs[1]};
        }
        Variable ar = reshape(a, as, as.length), br = reshape(b, bs, bs.length);
        Variable outR = batched ? batchedDot(ar, br) : dot(ar, br);
        Variable out = reshape(outR, outshape, ob.size());
        boolean[] obb = new boolean[ob.size()];
        for (int i = 0; i < obb.length; i++) obb[i] = ob.get(i);
        return patternbroadcast(out, obb);
    }

    private static Object mulShape(Object acc, Variable s) { return acc instanceof Long l && l == 1L ? s : mul(acc, s); }

    /**
     * T.batched_dot(a, b): per batch entry dot; BatchedDot for 2-d/3-d operands, elementwise for a vector
     * operand, batched_tensordot beyond 3 dimensions (Theano 1.0's dispatch).
     */
    public static Variable batchedDot(Object a, Object b) {
        Variable x = asTensorVariable(a), y = asTensorVariable(b);
        if (x.ndim() == 0) throw new TheanoTypeError("a must have at least one (batch) axis");
        if (y.ndim() == 0) throw new TheanoTypeError("b must have at least one (batch) axis");
        if (x.ndim() == 1) {
            Object[] p = new Object[y.ndim()];
            Arrays.fill(p, "x");
            p[0] = 0;
            return mul(dimshuffle(x, p), y);
        }
        if (y.ndim() == 1) {
            Object[] p = new Object[x.ndim()];
            Arrays.fill(p, "x");
            p[0] = 0;
            return mul(x, dimshuffle(y, p));
        }
        if (x.ndim() > 3 || y.ndim() > 3) return batchedTensordot(x, y, new int[][] {{x.ndim() - 1}, {Math.max(1, y.ndim() - 2)}});
        return BatchedDot.INSTANCE.call(x, y);
    }

    /** T.join(axis, *tensors): the single tensor itself when only one is given. */
    public static Variable join(Object axis, Object... tensors) {
        if (tensors.length == 1) return asTensorVariable(tensors[0]);
        Variable[] ins = new Variable[tensors.length + 1];
        ins[0] = asTensorVariable(axis);
        for (int i = 0; i < tensors.length; i++) ins[i + 1] = asTensorVariable(tensors[i]);
        return JoinSplit.Join.INSTANCE.call(ins);
    }

    /** T.concatenate(tensor_list, axis). */
    public static Variable concatenate(Object[] tensorList, int axis) { return join((long) axis, tensorList); }

    /**
     * T.stack(tensors, axis): MakeVector when every tensor is a scalar (as Theano 1.0 does), else join of the
     * tensors each padded with a broadcastable axis at {@code axis}.
     */
    public static Variable stack(Object[] tensors, int axis) {
        if (tensors.length == 0) throw new TheanoValueError("tensors is empty. You should at least provide one tensor to theano.tensor.stack(tensors, axis).");
        Variable[] vs = new Variable[tensors.length];
        boolean scalars = true;
        for (int i = 0; i < vs.length; i++) {
            vs[i] = asTensorVariable(tensors[i]);
            scalars &= vs[i].ndim() == 0;
        }
        if (scalars) {
            DType dt = DType.upcast(Arrays.stream(vs).map(Variable::dtype).toList());
            return new ShapeOps.MakeVector(dt).call(vs);
        }
        Object[] padded = new Object[vs.length];
        for (int i = 0; i < vs.length; i++) padded[i] = shapePadaxis(vs[i], axis);
        return join((long) axis, padded);
    }

    /** T.horizontal_stack(*args): matrices joined along axis 1 (Theano's, not NumPy's hstack). */
    public static Variable horizontalStack(Object... args) { return stackMatrices(args, 1); }

    /** T.vertical_stack(*args): matrices joined along axis 0. */
    public static Variable verticalStack(Object... args) { return stackMatrices(args, 0); }

    private static Variable stackMatrices(Object[] args, int axis) {
        if (args.length < 2) throw new org.theanojvm.engine.errors.TheanoAssertionError("");
        for (Object a : args) if (asTensorVariable(a).ndim() != 2) throw new org.theanojvm.engine.errors.TheanoAssertionError("");
        return concatenate(args, axis);
    }

    /** T.split(x, splits_size, n_splits, axis): Split{n_splits} outputs. */
    public static List<Variable> split(Object x, Object splitsSize, int nSplits, int axis) {
        Variable sizes = splitsSize instanceof long[] l ? constant(l) : asTensorVariable(splitsSize);
        return new JoinSplit.Split(nSplits).callAll(asTensorVariable(x), asTensorVariable((long) axis), sizes);
    }

    /** T.eye(n, m, k, dtype): m null = n; dtype null = floatX. */
    public static Variable eye(Object n, Object m, Object k, DType dtype) {
        Variable nv = asTensorVariable(n);
        return EyeTri.eye(dtype == null ? Config.floatX() : dtype).call(nv, m == null ? nv : asTensorVariable(m), asTensorVariable(k == null ? 0L : k));
    }

    /** T.identity_like(x) = eye(x.shape[0], x.shape[1], k=0, dtype=x.dtype). */
    public static Variable identityLike(Object x) {
        Variable v = asTensorVariable(x);
        return eye(shapeOf(v, 0), shapeOf(v, 1), 0L, v.dtype());
    }

    /** T.tri(N, M, k, dtype): ones at and below the k-th diagonal. */
    public static Variable tri(Object n, Object m, Object k, DType dtype) {
        Variable nv = asTensorVariable(n);
        return EyeTri.tri(dtype == null ? Config.floatX() : dtype).call(nv, m == null ? nv : asTensorVariable(m), asTensorVariable(k == null ? 0L : k));
    }

    /** T.tril(m, k) = m * tri(m.shape[0], m.shape[1], k, m.dtype). */
    public static Variable tril(Object m, long k) {
        Variable v = asTensorVariable(m);
        return mul(v, tri(shapeOf(v, 0), shapeOf(v, 1), k, v.dtype()));
    }

    /** T.triu(m, k) = m * (1 - tri(m.shape[0], m.shape[1], k - 1, m.dtype)). */
    public static Variable triu(Object m, long k) {
        Variable v = asTensorVariable(m);
        return mul(v, sub(1L, tri(shapeOf(v, 0), shapeOf(v, 1), k - 1, v.dtype())));
    }

    /**
     * T.take(a, indices, axis, mode) as Theano 1.0: AdvancedSubtensor1 (after a dimshuffle for axis != 0,
     * on the flattened array for axis null) for vector indices; other ranks flatten the indices and reshape.
     * mode: "raise", "clip" or "wrap".
     */
    public static Variable take(Object a, Object indices, Integer axis, String mode) {
        Variable x = asTensorVariable(a), idx = asTensorVariable(indices);
        if (idx.ndim() == 1) {
            // with axis null the indices address the flattened array, so its size bounds them
            Variable n = axis == null ? prod(shape(x), null, false, null, null) : shapeOf(x, axis < 0 ? axis + x.ndim() : axis);
            if ("clip".equals(mode)) idx = clip(idx, 0L, sub(n, 1L));
            else if ("wrap".equals(mode)) idx = mod(idx, n);
            else if (mode != null && !"raise".equals(mode)) throw new TheanoValueError("invalid mode: " + mode);
            if (axis == null) return advancedSubtensor1(flatten(x, 1), idx);
            int ax = axis < 0 ? axis + x.ndim() : axis;
            if (ax == 0) return advancedSubtensor1(x, idx);
            int[] shuffle = new int[x.ndim()];
            for (int i = 0; i < shuffle.length; i++) shuffle[i] = i;
            shuffle[0] = ax;
            shuffle[ax] = 0;
            return dimshuffle(advancedSubtensor1(dimshuffle(x, shuffle), idx), shuffle);
        }
        Variable shp;
        int nd;
        if (axis == null) {
            shp = shape(idx);
            nd = idx.ndim();
        } else {
            int ax = axis < 0 ? axis + x.ndim() : axis;
            shp = concatenate(new Object[] {subtensor(shape(x), SubtensorOps.slice(null, (long) ax, null)), shape(idx),
                subtensor(shape(x), SubtensorOps.slice((long) (ax + 1), null, null))}, 0);
            nd = x.ndim() + idx.ndim() - 1;
        }
        return reshape(take(x, flatten(idx, 1), axis, mode), shp, nd);
    }

    /** T.extra_ops.cumsum(x, axis): axis null flattens. */
    public static Variable cumsum(Object x, Integer axis) { return new CumOp(axis, "add").call(asTensorVariable(x)); }

    /** T.extra_ops.cumprod(x, axis). */
    public static Variable cumprod(Object x, Integer axis) { return new CumOp(axis, "mul").call(asTensorVariable(x)); }

    /** T.sort(a, axis=-1, kind='quicksort', order=None): axis null sorts the flattened array. */
    public static Variable sort(Object a, Integer axis, String kind, String order) {
        Variable x = asTensorVariable(a);
        if (axis == null) {
            x = flatten(x, 1);
            axis = 0;
        }
        return new SortOps.SortOp(kind == null ? "quicksort" : kind, order).call(x, asTensorVariable((long) axis));
    }

    public static Variable sort(Object a) { return sort(a, -1, "quicksort", null); }

    /** T.argsort(a, axis=-1, kind='quicksort', order=None): int64 indices. */
    public static Variable argsort(Object a, Integer axis, String kind, String order) {
        Variable x = asTensorVariable(a);
        if (axis == null) {
            x = flatten(x, 1);
            axis = 0;
        }
        return new SortOps.ArgSortOp(kind == null ? "quicksort" : kind, order).call(x, asTensorVariable((long) axis));
    }

    public static Variable argsort(Object a) { return argsort(a, -1, "quicksort", null); }

    /** extra_ops.searchsorted(x, v, side, sorter): int64 insertion points of v into sorted vector x. */
    public static Variable searchsorted(Object x, Object v, String side, Object sorter) {
        ExtraOps.SearchsortedOp op = new ExtraOps.SearchsortedOp(side == null ? "left" : side);
        if (sorter == null) return op.call(asTensorVariable(x), asTensorVariable(v));
        return op.call(asTensorVariable(x), asTensorVariable(v), asTensorVariable(sorter));
    }

    /** extra_ops.unravel_index(indices, dims, order) with ndim outputs: the int64 coordinate arrays. */
    public static List<Variable> unravelIndex(Object indices, Object dims, int ndim, String order) {
        return new ExtraOps.UnravelIndex(ndim, order == null ? "C" : order).callAll(asTensorVariable(indices), asTensorVariable(dims));
    }

    /** extra_ops.ravel_multi_index(multiIndex, dims, mode, order): int64 flat indices. */
    public static Variable ravelMultiIndex(List<?> multiIndex, Object dims, String mode, String order) {
        List<Variable> ins = new ArrayList<>();
        for (Object o : multiIndex) ins.add(asTensorVariable(o));
        ins.add(asTensorVariable(dims));
        return new ExtraOps.RavelMultiIndex(mode == null ? "raise" : mode, order == null ? "C" : order).makeNode(ins).outputs().get(0);
    }

    /** Theano's Nonzero: the indices of a's nonzero elements, an int64 matrix (a.ndim, count). */
    public static Variable nonzeroMatrix(Object a) { return ExtraOps.Nonzero.INSTANCE.call(asTensorVariable(a)); }

    /** extra_ops.Unique(returnIndex, returnInverse, returnCounts)(x): the values, then the requested int64 vectors. */
    public static List<Variable> unique(Object x, boolean returnIndex, boolean returnInverse, boolean returnCounts) {
        return new Unique(returnIndex, returnInverse, returnCounts).callAll(asTensorVariable(x));
    }

    /**
     * T.repeat(x, repeats, axis) as Theano 1.0: a non-broadcastable vector of repeats gives RepeatOp; a
     * scalar count gives alloc of x with an extra axis, reshaped (differentiable through alloc).
     */
    public static Variable repeat(Object x, Object repeats, Integer axis) {
        Variable v = asTensorVariable(x);
        Variable r = repeats instanceof long[] l ? constant(l) : asTensorVariable(repeats);
        if (r.ndim() > 1) throw new TheanoValueError("The dimension of repeats should not exceed 1.");
        if (r.ndim() == 1 && !r.broadcastable()[0]) return new RepeatOp(axis).call(v, r);
        if (r.ndim() == 1) r = subtensor(r, SubtensorOps.idx(0L));
        if (v.dtype() == DType.UINT64) throw new TheanoTypeError("repeat doesn't support dtype uint64");
        int ax;
        if (axis == null) {
            ax = 0;
            v = flatten(v, 1);
        } else {
            if (axis >= v.ndim()) throw new TheanoValueError("Axis should not exceed x.ndim-1.");
            ax = axis < 0 ? v.ndim() + axis : axis;
        }
        List<Object> shape = new ArrayList<>();
        for (int i = 0; i < v.ndim(); i++) shape.add(shapeOf(v, i));
        List<Object> allocShape = new ArrayList<>(shape);
        allocShape.add(ax + 1, r);
        shape.set(ax, mul(shape.get(ax), r));
        List<Object> dims = new ArrayList<>();
        for (int i = 0; i < v.ndim(); i++) dims.add(i);
        dims.add(ax + 1, "x");
        Variable z = alloc(dimshuffle(v, dims.toArray()), allocShape.toArray());
        return reshape(z, shape.toArray(), shape.size());
    }

    /**
     * T.tile(x, reps, ndim) as Theano 1.0 builds it (alloc, dimshuffle, reshape): reps is a number, an
     * int scalar Variable, an Object[]/long[] of those, or an int vector Variable (ndim required).
     */
    public static Variable tile(Object x, Object reps, Integer ndim) {
        Variable v = asTensorVariable(x);
        if (ndim != null && ndim < v.ndim()) throw new TheanoValueError("ndim should be equal or larger than x.ndim");
        List<Object> r = new ArrayList<>();
        if (reps instanceof long[] l) {
            for (long q : l) r.add(q);
        } else if (reps instanceof Object[] arr) {
            if (ndim != null && arr.length > ndim) throw new TheanoValueError("len(reps) should be equal or less than ndim");
            for (Object q : arr) {
                if (!(q instanceof Long || q instanceof Integer || (q instanceof Variable qv && qv.dtype().isDiscrete()))) {
                    throw new TheanoValueError("elements of reps must be scalars of integer dtype");
                }
                r.add(q);
            }
        } else {
            Variable rv = asTensorVariable(reps);
            if (!rv.dtype().isDiscrete()) throw new TheanoValueError("elements of reps must be integer dtype");
            if (rv.ndim() == 0) r.add(reps);
            else if (rv.ndim() == 1) {
                if (ndim == null) throw new TheanoValueError("if reps is tensor.vector, you should specify the ndim");
                Variable offset = sub(ndim.longValue(), shapeOf(rv, 0));
                for (int i = 0; i < ndim; i++) {
                    // reps padded on the left with ones up to ndim (the index is clamped so it stays in bounds)
                    Variable j = maximum(sub((long) i, offset), 0L);
                    r.add(switch_(lt((long) i, offset), 1L, subtensor(rv, SubtensorOps.idx(j))));
                }
            } else throw new TheanoValueError("the dimension of reps should not exceed 1");
        }
        int nd = ndim == null ? Math.max(r.size(), v.ndim()) : ndim;
        while (r.size() < nd) r.add(0, 1L);
        List<Object> shape = new ArrayList<>();
        for (int i = 0; i < nd - v.ndim(); i++) shape.add(1L);
        for (int i = 0; i < v.ndim(); i++) shape.add(shapeOf(v, i));
        List<Object> allocShape = new ArrayList<>(r);
        allocShape.addAll(shape);
        Variable y = alloc(v, allocShape.toArray());
        Object[] shuffle = new Object[2 * nd];
        for (int i = 0; i < nd; i++) {
            shuffle[2 * i] = i;
            shuffle[2 * i + 1] = nd + i;
        }
        y = dimshuffle(y, shuffle);
        Object[] newShape = new Object[nd];
        for (int i = 0; i < nd; i++) {
            Object sh = shape.get(i), rp = r.get(i);
            newShape[i] = sh instanceof Long sl && rp instanceof Number rn ? (Object) (sl * rn.longValue()) : mul(sh, rp);
        }
        return reshape(y, newShape, nd);
    }

    /** T.squeeze(x) (Theano 1.0: drops every broadcastable dimension; no axis argument). */
    public static Variable squeeze(Object x) {
        Variable v = asTensorVariable(x);
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < v.ndim(); i++) if (!v.broadcastable()[i]) keep.add(i);
        return dimshuffle(v, keep.toArray());
    }

    /** T.specify_shape(x, shape): shape is a long[] or an int vector Variable. */
    public static Variable specifyShape(Object x, Object shape) {
        Variable s = shape instanceof long[] l ? constant(l) : asTensorVariable(shape);
        return SpecifyShape.INSTANCE.call(asTensorVariable(x), s);
    }

    /** T.shape_padleft(t, n_ones). */
    public static Variable shapePadleft(Object t, int nOnes) {
        Variable v = asTensorVariable(t);
        Object[] p = new Object[nOnes + v.ndim()];
        for (int i = 0; i < p.length; i++) p[i] = i < nOnes ? "x" : (Object) (i - nOnes);
        return dimshuffle(v, p);
    }

    /** T.shape_padright(t, n_ones). */
    public static Variable shapePadright(Object t, int nOnes) {
        Variable v = asTensorVariable(t);
        Object[] p = new Object[nOnes + v.ndim()];
        for (int i = 0; i < p.length; i++) p[i] = i < v.ndim() ? (Object) i : "x";
        return dimshuffle(v, p);
    }

    /** T.shape_padaxis(t, axis): a broadcastable axis inserted at {@code axis} (negative counts from the end). */
    public static Variable shapePadaxis(Object t, int axis) {
        Variable v = asTensorVariable(t);
        int nd = v.ndim() + 1;
        if (axis < -nd || axis >= nd) throw new TheanoIndexError("axis " + axis + " is out of bounds [-" + nd + ", " + nd + ")");
        if (axis < 0) axis += nd;
        List<Object> p = new ArrayList<>();
        for (int i = 0; i < v.ndim(); i++) p.add(i);
        p.add(axis, "x");
        return dimshuffle(v, p.toArray());
    }

    /** T.diag(v, k): AllocDiag for a vector, diagonal(v, k) for 2+ dimensions. */
    public static Variable diag(Object v, long k) {
        Variable x = asTensorVariable(v);
        if (x.ndim() == 1) return new Diagonal.AllocDiag(k).call(x);
        if (x.ndim() >= 2) return diagonal(x, k, 0, 1);
        throw new TheanoValueError("Input must has v.ndim >= 1.");
    }

    /** T.diagonal(a, offset, axis1, axis2) (ExtractDiag). */
    public static Variable diagonal(Object a, long offset, int axis1, int axis2) {
        return new Diagonal.ExtractDiag(offset, axis1, axis2).call(asTensorVariable(a));
    }

    /** T.nnet.logsoftmax (LogSoftmax). */
    public static Variable logSoftmax(Object x) { return LogSoftmax.INSTANCE.call(asTensorVariable(x)); }
}
