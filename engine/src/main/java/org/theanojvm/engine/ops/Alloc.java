package org.theanojvm.engine.ops;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DisconnectedType;
import org.theanojvm.engine.types.TensorType;

/** alloc(value, *shape): a new array of the given shape filled by broadcasting value (printed {@code Alloc}). */
public final class Alloc extends Op {
    public static final Alloc INSTANCE = new Alloc();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable v = inputs.get(0);
        List<Variable> sh = inputs.subList(1, inputs.size());
        if (v.ndim() > sh.size()) {
            throw new TheanoTypeError("The Alloc value to use has more dimensions than the specified dimensions");
        }
        boolean[] b = new boolean[sh.size()];
        for (int i = 0; i < sh.size(); i++) {
            Variable s = sh.get(i);
            if (s.ndim() != 0 || !s.dtype().isInteger()) throw new TheanoTypeError("Shape arguments to Alloc must be integers, but argument " + i + " is not for apply node: " + s);
            b[i] = s instanceof Constant c && c.data().itemLong() == 1;
        }
        return new Apply(this, inputs, List.of(new TensorType(v.dtype(), b)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        long[] shape = new long[in.length - 1];
        for (int i = 1; i < in.length; i++) shape[i - 1] = in[i].itemLong();
        NdArray out = NdArray.empty(in[0].dtype(), shape);
        try {
            out.assign(in[0]);
        } catch (TheanoValueError e) {
            throw new TheanoValueError("could not broadcast input array from shape " + NdArray.shapeString(in[0].shape()) + " into shape "
                    + NdArray.shapeString(shape));
        }
        return new NdArray[] {out};
    }

    @Override
    public boolean[][] connectionPattern(Apply node) {
        boolean[][] p = new boolean[node.inputs().size()][1];
        p[0][0] = true;
        return p;
    }

    /** Theano's Alloc.grad: sum the output gradient over the added and broadcast dimensions. */
    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        Variable x = inputs.get(0), gz = outputGrads.get(0);
        int nAdd = gz.ndim() - x.ndim();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < nAdd; i++) axes.add(i);
        List<Integer> kept = new ArrayList<>();
        boolean[] xb = x.broadcastable(), gb = gz.broadcastable();
        List<Integer> bcast = new ArrayList<>();
        for (int i = 0; i < x.ndim(); i++) {
            if (xb[i] && !gb[i + nAdd]) bcast.add(i + nAdd);
            else kept.add(i);
        }
        axes.addAll(bcast);
        Variable gx = axes.isEmpty() ? gz : T.sum(gz, axes.stream().mapToInt(Integer::intValue).toArray(), false, null, null);
        if (!bcast.isEmpty()) {
            int[] order = new int[x.ndim()];
            java.util.Arrays.fill(order, -1);
            for (int k = 0; k < kept.size(); k++) order[kept.get(k)] = k;
            gx = T.dimshuffle(gx, order);
        }
        List<Variable> r = new ArrayList<>();
        r.add(x.dtype().isDiscrete() ? T.zerosLikeFloat(x) : gx);
        for (int i = 1; i < inputs.size(); i++) r.add(DisconnectedType.make());
        return r;
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "Alloc"; }
}
