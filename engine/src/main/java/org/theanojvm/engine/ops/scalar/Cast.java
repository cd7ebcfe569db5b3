package org.theanojvm.engine.ops.scalar;

import java.util.Collections;
import java.util.List;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** Conversion to a fixed dtype (Theano's scalar Cast, printed {@code Cast{int32}}). */
public final class Cast extends ScalarOp {
    private final DType target;

    public Cast(DType target) {
        super("Cast{" + target.npName() + "}", 1);
        this.target = target;
    }

    public DType target() { return target; }

    @Override
    public DType outputDType(DType[] in) { return target; }

    @Override
    public boolean hasLongImpl() { return true; }

    @Override
    public double evalDouble(double[] x) { return x[0]; }

    @Override
    public long evalLong(long[] x) { return x[0]; }

    @Override
    public double[] evalComplex(double[][] x) { return x[0]; }

    /** Gradient flows back cast to the input dtype when both sides are continuous; else it is zero. */
    @Override
    public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
        Variable x = in.get(0);
        if (x.dtype().isContinuous() && target.isContinuous()) {
            return Collections.singletonList(T.cast(gz, x.dtype()));
        }
        return Collections.singletonList(T.zerosLikeFloat(x));
    }

    @Override
    protected List<Object> props() { return List.of(target); }
}
