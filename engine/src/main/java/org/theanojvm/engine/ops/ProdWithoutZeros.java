package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ndarray.Strided;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * The product of the non-zero elements along axes (Theano's ProdWithoutZeros, printed
 * {@code ProdWithoutZeros{axis=[0], acc_dtype=float64}}); used only by Prod's zero-aware gradient. Its own
 * gradient is not implemented, as in Theano (second derivatives of prod need no_zeros_in_input=True).
 */
public final class ProdWithoutZeros extends Op {
    private final int[] axes; // normalized, null = all
    private final DType accDtype; // resolved in make_node from the input dtype, as CAReduceDtype does

    public ProdWithoutZeros(int[] axes) { this(axes, null); }

    private ProdWithoutZeros(int[] axes, DType accDtype) {
        this.axes = axes == null ? null : axes.clone();
        this.accDtype = accDtype;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = inputs.get(0);
        List<Boolean> b = new ArrayList<>();
        for (int d = 0; d < x.ndim(); d++) if (!CAReduce.reduces(axes, d)) b.add(x.broadcastable()[d]);
        boolean[] ob = new boolean[b.size()];
        for (int i = 0; i < ob.length; i++) ob[i] = b.get(i);
        DType acc = switch (x.dtype()) {
            case FLOAT16 -> DType.FLOAT32;
            case FLOAT32 -> DType.FLOAT64;
            case COMPLEX64 -> DType.COMPLEX128;
            default -> x.dtype();
        };
        return new Apply(new ProdWithoutZeros(axes, acc), inputs, List.of(new TensorType(x.dtype(), ob)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray x = in[0];
        int nd = x.ndim();
        List<Long> os = new ArrayList<>();
        for (int d = 0; d < nd; d++) if (!CAReduce.reduces(axes, d)) os.add(x.shape(d));
        long[] oshape = os.stream().mapToLong(Long::longValue).toArray();
        double[] acc = new double[(int) Strided.size(oshape)];
        Arrays.fill(acc, 1.0);
        long[] accStr = new long[nd];
        long s = 1;
        for (int d = nd - 1; d >= 0; d--) {
            if (!CAReduce.reduces(axes, d)) {
                accStr[d] = s;
                s *= x.shape(d);
            }
        }
        Strided.forEach(x.shape(), new long[][] {x.strides(), accStr}, new long[] {x.offset(), 0}, off -> {
            double v = x.readDouble(off[0]);
            if (v != 0) acc[(int) off[1]] *= v;
        });
        NdArray out = NdArray.empty(node.outputs().get(0).dtype(), oshape);
        long[] oo = out.elementOffsets();
        for (int i = 0; i < acc.length; i++) out.writeDouble(oo[i], acc[i]);
        return new NdArray[] {out};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        return List.of(new org.theanojvm.engine.types.NullType("This variable is Null because the grad method for input 0 (" + inputs.get(0) + ") of the "
                + this + " op is not implemented. 2nd derivatives of `product(a)` is not currently supported.If `a` is guaranteed to contains no zeros, use "
                + "`product(a, no_zeros_in_input=True)`.").makeVariable(null));
    }

    @Override
    protected List<Object> props() { return Arrays.asList(axes, accDtype); }

    @Override
    public String toString() {
        String ax = "";
        if (axes != null) {
            StringBuilder sb = new StringBuilder("axis=[");
            for (int i = 0; i < axes.length; i++) sb.append(i > 0 ? ", " : "").append(axes[i]);
            ax = sb.append("], ").toString();
        }
        return "ProdWithoutZeros{" + ax + "acc_dtype=" + (accDtype == null ? "None" : accDtype) + "}";
    }
}
