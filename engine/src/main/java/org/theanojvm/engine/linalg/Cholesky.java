package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;

/**
 * Theano 1.0's Cholesky{lower, destructive, on_error}: scipy.linalg.cholesky(x, lower).astype(x.dtype),
 * reading one triangle of x. on_error='raise' lets LinAlgError out for a matrix that is not positive
 * definite; 'nan' returns a matrix of NaNs instead. The gradient is Theano 1.0's symbolic L_op (Murray,
 * "Differentiation of the Cholesky decomposition", arXiv:1602.07527); {@link CholeskyGrad} is the older
 * op Theano still ships.
 */
public final class Cholesky extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final boolean lower;
    private final String onError;

    public Cholesky(boolean lower, String onError) {
        if (!"raise".equals(onError) && !"nan".equals(onError)) throw new TheanoValueError("on_error must be one of \"raise\" or \"\"nan\"");
        this.lower = lower;
        this.onError = onError;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) { return sameTypeMatrixNode(inputs); }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareScipy(in[0]);
        double[] l;
        try {
            l = backend().cholesky(n, values(in[0]), lower);
        } catch (LinAlgError e) {
            if ("raise".equals(onError)) throw e;
            l = new double[n * n];
            java.util.Arrays.fill(l, Double.NaN);
        }
        return new NdArray[] {array(in[0].dtype(), l, n, n)};
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> gradients) {
        Variable dz = gradients.get(0), chol = outputs.get(0), ok = null;
        boolean nan = "nan".equals(onError);
        if (nan) {
            // a NaN factor becomes 1 so that the triangular solves below do not fail
            ok = T.invert(T.any(T.isnan(chol), null, false));
            chol = T.switch_(ok, chol, 1L);
            dz = T.switch_(ok, dz, 1L);
        }
        if (!lower) {
            chol = T.transpose(chol);
            dz = T.transpose(dz);
        }
        Variable inner = T.dot(T.transpose(chol), dz);
        Variable phi = T.sub(T.tril(inner, 0), T.diag(T.trueDiv(T.diagonal(inner, 0, 0, 1), 2.0), 0));
        // L^-T phi L^-1 through two upper-triangular solves with L^T
        Solve up = Solve.UPPER_TRIANGULAR;
        Variable lt = T.transpose(chol);
        Variable s = up.call(lt, T.transpose(up.call(lt, T.transpose(phi))));
        Variable sym = T.add(s, T.transpose(s));
        Variable grad = T.sub(lower ? T.tril(sym, 0) : T.triu(sym, 0), T.diag(T.diagonal(s, 0, 0, 1), 0));
        if (nan) grad = T.switch_(ok, grad, Double.NaN);
        return List.of(grad);
    }

    @Override
    protected List<Object> props() { return List.of(lower, false, onError); }

    @Override
    public String toString() { return "Cholesky{lower=" + py(lower) + ", destructive=False, on_error='" + onError + "'}"; }
}
