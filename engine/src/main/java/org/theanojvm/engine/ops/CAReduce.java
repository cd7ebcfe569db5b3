package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ndarray.Strided;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Reductions along axes (Theano's CAReduce family): Sum, Prod, Any, All and the plain max/min
 * reductions. {@code axes == null} reduces everything. Sum and Prod resolve their output and
 * accumulator dtypes in make_node as Theano's CAReduceDtype does, so the node's op prints
 * {@code Sum{acc_dtype=float64}} or {@code Sum{axis=[0], acc_dtype=float64}}.
 */
public final class CAReduce extends Op {
    /** The reduction this op computes (Theano's scalar op of the CAReduce). */
    public enum Kind { SUM, PROD, MAX, MIN, ANY, ALL }

    private final Kind kind;
    private final int[] axes; // sorted, non-negative; null = all
    private final DType dtype; // requested/resolved output dtype (SUM/PROD), may be null before make_node
    private final DType accDtype;
    private final boolean noZerosInInput; // PROD only: Theano's no_zeros_in_input (gradient without the zero handling)

    public CAReduce(Kind kind, int[] axes, DType dtype, DType accDtype) { this(kind, axes, dtype, accDtype, false); }

    public CAReduce(Kind kind, int[] axes, DType dtype, DType accDtype, boolean noZerosInInput) {
        this.noZerosInInput = noZerosInInput;
        this.kind = kind;
        this.axes = axes == null ? null : axes.clone();
        this.dtype = dtype;
        this.accDtype = accDtype;
    }

    public Kind kind() { return kind; }

    public int[] axes() { return axes == null ? null : axes.clone(); }

    /** Normalizes axes against a rank (negatives, range check, duplicates) as Theano does. */
    public static int[] normalizeAxes(int[] axes, int ndim, Variable x) {
        if (axes == null) return null;
        TreeSet<Integer> s = new TreeSet<>();
        for (int a : axes) {
            if (a >= ndim || a < -ndim) {
                throw new TheanoValueError("Not enough dimensions on " + x + " to reduce on axis " + a);
            }
            s.add(a < 0 ? a + ndim : a);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static DType defaultOut(DType i) {
        return switch (i) {
            case BOOL, INT8, INT16, INT32 -> DType.INT64;
            case UINT8, UINT16, UINT32 -> DType.UINT64;
            default -> i;
        };
    }

    private static DType defaultAcc(DType i) {
        return switch (i) {
            case BOOL, INT8, INT16, INT32 -> DType.INT64;
            case UINT8, UINT16, UINT32 -> DType.UINT64;
            case FLOAT16 -> DType.FLOAT32;
            case FLOAT32 -> DType.FLOAT64;
            case COMPLEX64 -> DType.COMPLEX128;
            default -> i;
        };
    }

    private DType resolveOut(DType idt) {
        if (dtype == null) return defaultOut(idt);
        if (dtype.isContinuous() && idt.isDiscrete()) return dtype;
        DType up = DType.upcast(idt, dtype);
        if (up != dtype) {
            throw new TheanoTypeError("Cannot build " + this + " node with input dtype " + idt + " and output dtype " + dtype
                    + ", as precision would be lost. To correct this error, you can either:\n  - not specify a dtype, or\n"
                    + "  - use a dtype at least as precise as " + up + ".\nIf you are expecting the precision loss, you can use "
                    + "tensor.cast(..., dtype=\"" + dtype + "\"), on your output.");
        }
        return dtype;
    }

    private DType resolveAcc(DType idt) {
        if (accDtype == null) return defaultAcc(idt);
        if (accDtype.isContinuous() && idt.isDiscrete()) return accDtype;
        DType up = DType.upcast(idt, accDtype);
        if (up != accDtype) {
            throw new TheanoTypeError("Cannot build " + this + " node with input dtype " + idt + " and acc_dtype " + accDtype
                    + ", as precision would be lost. To correct this error, you can either:\n  - not specify acc_dtype, or\n"
                    + "  - use an acc_dtype at least as precise as " + up + ".\n  - specify \"dtype\" instead of \"acc_dtype\", so "
                    + "the reduction will be precise, but the result will be casted into \"dtype\" at the end.\nIf you are expecting "
                    + "the precision loss, you can use tensor.cast(..., dtype=\"" + accDtype + "\"), on your output.");
        }
        return accDtype;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        TensorType t = x.tensorType();
        int[] ax = normalizeAxes(axes, t.ndim(), x);
        DType idt = t.dtype();
        DType out;
        DType acc = null;
        switch (kind) {
            case SUM, PROD -> {
                out = resolveOut(idt);
                acc = resolveAcc(idt);
            }
            case ANY, ALL -> out = DType.BOOL;
            default -> out = idt;
        }
        CAReduce op = (Arrays.equals(ax, axes) && out == dtype && acc == accDtype) ? this : new CAReduce(kind, ax, out, acc, noZerosInInput);
        List<Boolean> ob = new ArrayList<>();
        for (int d = 0; d < t.ndim(); d++) {
            if (!reduces(ax, d)) ob.add(t.broadcastable(d));
        }
        boolean[] b = new boolean[ob.size()];
        for (int i = 0; i < b.length; i++) b[i] = ob.get(i);
        return new Apply(op, List.of(x), List.of(new TensorType(out, b)));
    }

    static boolean reduces(int[] ax, int d) {
        if (ax == null) return true;
        for (int a : ax) if (a == d) return true;
        return false;
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        DType od = node.outputs().get(0).dtype();
        int nd = x.ndim();
        List<Long> outShape = new ArrayList<>();
        for (int d = 0; d < nd; d++) if (!reduces(axes, d)) outShape.add(x.shape(d));
        long[] os = outShape.stream().mapToLong(Long::longValue).toArray();
        int n = (int) Strided.size(os);
        // element strides of the accumulator seen with x's rank: 0 along reduced axes
        long[] accStr = new long[nd];
        long s = 1;
        for (int d = nd - 1; d >= 0; d--) {
            if (reduces(axes, d)) {
                accStr[d] = 0;
            } else {
                accStr[d] = s;
                s *= x.shape(d);
            }
        }
        boolean emptyReduction = false;
        for (int d = 0; d < nd; d++) if (reduces(axes, d) && x.shape(d) == 0) emptyReduction = true;
        if (emptyReduction && n > 0 && (kind == Kind.MAX || kind == Kind.MIN)) {
            throw new TheanoValueError("zero-size array to reduction operation " + (kind == Kind.MAX ? "maximum" : "minimum")
                    + " which has no identity");
        }
        if (x.dtype().isComplex()) throw new TheanoNotImplementedError(this + " is not implemented for complex inputs yet");
        NdArray out = NdArray.empty(od, os);
        long[] outOffs = out.elementOffsets();
        boolean integer = !x.dtype().isFloat() && (kind != Kind.SUM && kind != Kind.PROD || !accIsFloat(node));
        if (integer) {
            long[] acc = new long[n];
            Arrays.fill(acc, switch (kind) {
                case SUM, ANY -> 0L;
                case PROD, ALL -> 1L;
                case MAX -> Long.MIN_VALUE;
                case MIN -> Long.MAX_VALUE;
            });
            Strided.forEach(x.shape(), new long[][] {x.strides(), accStr}, new long[] {x.offset(), 0}, off -> {
                long v = x.readLong(off[0]);
                int i = (int) off[1];
                acc[i] = switch (kind) {
                    case SUM -> acc[i] + v;
                    case PROD -> acc[i] * v;
                    case MAX -> Math.max(acc[i], v);
                    case MIN -> Math.min(acc[i], v);
                    case ANY -> (acc[i] != 0 || v != 0) ? 1 : 0;
                    case ALL -> (acc[i] != 0 && v != 0) ? 1 : 0;
                };
            });
            for (int i = 0; i < n; i++) out.writeLong(outOffs[i], acc[i]);
        } else {
            double[] acc = new double[n];
            Arrays.fill(acc, switch (kind) {
                case SUM, ANY -> 0.0;
                case PROD, ALL -> 1.0;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            });
            Strided.forEach(x.shape(), new long[][] {x.strides(), accStr}, new long[] {x.offset(), 0}, off -> {
                double v = x.readDouble(off[0]);
                int i = (int) off[1];
                double a = acc[i];
                acc[i] = switch (kind) {
                    case SUM -> a + v;
                    case PROD -> a * v;
                    case MAX -> (Double.isNaN(a) || Double.isNaN(v)) ? Double.NaN : Math.max(a, v);
                    case MIN -> (Double.isNaN(a) || Double.isNaN(v)) ? Double.NaN : Math.min(a, v);
                    case ANY -> (a != 0 || v != 0) ? 1 : 0;
                    case ALL -> (a != 0 && v != 0) ? 1 : 0;
                };
            });
            for (int i = 0; i < n; i++) out.writeDouble(outOffs[i], acc[i]);
        }
        return new NdArray[] {out};
    }

    private boolean accIsFloat(Apply node) {
        CAReduce op = (CAReduce) node.op();
        return op.accDtype != null && op.accDtype.isContinuous();
    }

    /** Pattern putting 'x' back at the reduced axes of x (used by the gradients). */
    int[] expandPattern(int xndim) {
        int[] p = new int[xndim];
        int k = 0;
        for (int d = 0; d < xndim; d++) p[d] = reduces(axes, d) ? -1 : k++;
        return p;
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0);
        Variable gz = outputGrads.get(0);
        if (x.dtype().isDiscrete() && (kind == Kind.SUM || kind == Kind.PROD)) return List.of(T.zerosLikeFloat(x));
        int[] pattern = expandPattern(x.ndim());
        switch (kind) {
            case SUM -> {
                if (axes != null && axes.length == 0) return List.of(gz);
                Variable gzPad = new DimShuffle(gz.broadcastable(), pattern).call(gz);
                return List.of(T.fill(x, gzPad));
            }
            case PROD -> {
                return List.of(prodGrad(x, gz, pattern));
            }
            case MAX, MIN -> {
                Variable out = call(x);
                Variable outPad = new DimShuffle(out.broadcastable(), pattern).call(out);
                Variable gzPad = new DimShuffle(gz.broadcastable(), pattern).call(gz);
                return List.of(T.mul(T.eq(outPad, x), gzPad));
            }
            default -> {
                return List.of(T.zerosLikeFloat(x));
            }
        }
    }

    /**
     * Theano's Prod.L_op. Groups (the elements reduced into one output) without zeros use gz * prod / x;
     * in a group with exactly one zero only that zero gets gz * (product of the others), computed by
     * ProdWithoutZeros; groups with two or more zeros get 0. With no_zeros_in_input, only the first case.
     */
    private Variable prodGrad(Variable x, Variable gz, int[] pattern) {
        if (dtype.isDiscrete() || (accDtype != null && accDtype.isDiscrete())) return T.zerosLikeFloat(x);
        if (axes != null && axes.length == 0) return gz;
        Variable prod = call(x);
        Variable prodOut = new DimShuffle(prod.broadcastable(), pattern).call(prod);
        Variable gzPad = new DimShuffle(gz.broadcastable(), pattern).call(gz);
        Variable withoutZeros = T.trueDiv(T.mul(gzPad, prodOut), x);
        if (noZerosInInput) return withoutZeros;
        Variable whereZeros = T.eq(x, 0.0);
        Variable sumWhereZeros = T.sum(whereZeros, axes, false, null, null);
        Variable singleZero = T.eq(sumWhereZeros, 1);
        Variable groupsWithSingleZero = new DimShuffle(singleZero.broadcastable(), pattern).call(singleZero);
        Variable whereSingleZero = T.mul(groupsWithSingleZero, whereZeros);
        Variable whereGzNotZero = T.neq(gzPad, 0.0);
        Variable whereToTake = T.mul(groupsWithSingleZero, whereGzNotZero);
        Variable pwz = new ProdWithoutZeros(axes).call(T.mul(whereToTake, x));
        Variable pwzPad = new DimShuffle(pwz.broadcastable(), pattern).call(pwz);
        Variable noZeros = T.eq(sumWhereZeros, 0);
        Variable groupsWithoutZeros = new DimShuffle(noZeros.broadcastable(), pattern).call(noZeros);
        return T.switch_(groupsWithoutZeros, withoutZeros, T.mul(T.switch_(whereSingleZero, pwzPad, 0.0), gzPad));
    }

    @Override
    public List<Variable> rOp(List<Variable> inputs, List<Variable> evalPoints) {
        if (kind == Kind.SUM) {
            Variable e = evalPoints.get(0);
            return java.util.Collections.singletonList(e == null ? null : call(e));
        }
        return super.rOp(inputs, evalPoints);
    }

    @Override
    protected List<Object> props() {
        return java.util.Arrays.asList(kind, axes, dtype, accDtype, noZerosInInput);
    }

    @Override
    public String toString() {
        String ax = "";
        switch (kind) {
            case SUM, PROD -> {
                if (axes != null) {
                    StringBuilder sb = new StringBuilder("axis=[");
                    for (int i = 0; i < axes.length; i++) sb.append(i > 0 ? ", " : "").append(axes[i]);
                    ax = sb.append("], ").toString();
                }
                return (kind == Kind.SUM ? "Sum" : "Prod") + "{" + ax + "acc_dtype=" + (accDtype == null ? "None" : accDtype) + "}";
            }
            case ANY, ALL -> {
                String nm = kind == Kind.ANY ? "Any" : "All";
                return axes == null ? nm : nm + "{" + join(axes) + "}";
            }
            default -> {
                String sop = kind == Kind.MAX ? "maximum" : "minimum";
                return axes == null ? "Reduce{" + sop + "}" : "Reduce{" + sop + "}{" + join(axes) + "}";
            }
        }
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) sb.append(i > 0 ? ", " : "").append(a[i]);
        return sb.toString();
    }
}
