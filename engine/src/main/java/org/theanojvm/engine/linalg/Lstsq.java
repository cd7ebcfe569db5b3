package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's lstsq op: lstsq()(x, y, rcond) is numpy.linalg.lstsq(x, y, rcond) as four outputs: the
 * least-squares solution (floatX, as Theano declares it; a vector for a vector y, where Theano's
 * matrix type would not hold NumPy's result), the residuals' squared norms (float64, empty unless
 * x has full column rank and more rows than columns), the rank (int64) and x's singular values
 * (float64). Computed from the SVD as LAPACK's gelsd does: singular values at or below
 * rcond * max(s) count as zero (rcond < 0: machine precision). No gradient (as in Theano).
 */
public final class Lstsq extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public static final Lstsq INSTANCE = new Lstsq();

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable x = requireMatrix(inputs.get(0)), y = inputs.get(1);
        if (!y.isTensor() || (y.ndim() != 1 && y.ndim() != 2)) throw new org.theanojvm.engine.errors.TheanoAssertionError(List.of());
        TensorType sol = y.ndim() == 1 ? TensorType.vector(Config.floatX()) : TensorType.matrix(Config.floatX());
        return new Apply(this, inputs, List.of(sol, TensorType.vector(DType.FLOAT64), TensorType.scalar(DType.INT64),
                TensorType.vector(DType.FLOAT64)));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray a = in[0], b = in[1];
        int m = (int) a.shape(0), n = (int) a.shape(1), k = Math.min(m, n);
        if (b.shape(0) != m) throw new LinAlgError("Incompatible dimensions");
        int nrhs = b.ndim() == 1 ? 1 : (int) b.shape(1);
        double rcond = in[2].item();
        double[] av = values(a), bv = values(b);
        LinalgBackend.Svd d = backend().svd(m, n, av, false, true);
        double smax = 0;
        for (double s : d.s()) smax = Math.max(smax, s);
        double cutoff = (rcond < 0 ? Math.ulp(1.0) : rcond) * smax;
        // x = V diag(1/s) U^T b over the singular values above the cutoff
        double[] x = new double[n * nrhs];
        int rank = 0;
        for (int p = 0; p < k; p++) {
            double s = d.s()[p];
            if (!(s > cutoff)) continue;
            rank++;
            for (int c = 0; c < nrhs; c++) {
                double ub = 0;
                for (int i = 0; i < m; i++) ub += d.u()[i * k + p] * bv[i * nrhs + c];
                ub /= s;
                for (int j = 0; j < n; j++) x[j * nrhs + c] += d.vt()[p * n + j] * ub;
            }
        }
        double[] res = new double[rank == n && m > n ? nrhs : 0];
        for (int c = 0; c < res.length; c++) {
            for (int i = 0; i < m; i++) {
                double r = bv[i * nrhs + c];
                for (int j = 0; j < n; j++) r -= av[i * n + j] * x[j * nrhs + c];
                res[c] += r * r;
            }
        }
        NdArray sol = b.ndim() == 1 ? array(node.outputs().get(0).dtype(), x, n) : array(node.outputs().get(0).dtype(), x, n, nrhs);
        return new NdArray[] {sol, array(DType.FLOAT64, res, res.length), NdArray.scalarLong(DType.INT64, rank),
                array(DType.FLOAT64, d.s().clone(), k)};
    }

    @Override
    protected List<Object> props() { return List.of(); }

    @Override
    public String toString() { return "lstsq"; }
}
