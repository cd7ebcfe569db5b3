package org.theanojvm.engine.random;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano's MultinomialFromUniform (theano.sandbox.multinomial): inputs {@code (pvals, unis, n)}: pvals a
 * (rows, outcomes) matrix of probabilities, unis {@code rows * n} uniform draws, n the number of trials.
 * Output: counts of the same shape as pvals. Draw {@code c * rows + r} picks for row r the first outcome
 * whose cumulative probability (summed in double, as Theano's C code) exceeds it; a draw beyond the
 * total (rounding) picks the last outcome.
 */
public final class MultinomialFromUniform extends Op {
    private final DType odtype;

    public MultinomialFromUniform(DType odtype) { this.odtype = odtype; }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable pvals = inputs.get(0), unis = inputs.get(1), n = inputs.get(2);
        if (!pvals.isTensor() || pvals.ndim() != 2) throw new TheanoTypeError("pvals must be a matrix, got " + pvals.type());
        if (!unis.isTensor() || unis.ndim() != 1) throw new TheanoTypeError("unis must be a vector, got " + unis.type());
        if (!n.isTensor() || n.ndim() != 0 || !n.dtype().isInteger()) throw new TheanoTypeError("n must be an integer scalar, got " + n.type());
        List<TensorType> outs = new ArrayList<>();
        outs.add(new TensorType(odtype, pvals.broadcastable()));
        return new Apply(this, inputs, outs);
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        NdArray pvals = in[0], unis = in[1];
        long nSamples = in[2].itemLong();
        int rows = (int) pvals.shape(0), outcomes = (int) pvals.shape(1);
        if (unis.shape(0) != rows * nSamples) {
            throw new TheanoValueError(List.of("unis.shape[0] != pvals.shape[0] * n_samples", unis.shape(0), (long) rows, nSamples));
        }
        double[] p = pvals.toDoubleArray();
        double[] u = unis.toDoubleArray();
        long[] z = new long[rows * outcomes];
        for (long c = 0; c < nSamples; c++) {
            for (int r = 0; r < rows; r++) {
                double draw = u[(int) (c * rows + r)], cum = 0;
                int pick = outcomes - 1;
                for (int m = 0; m < outcomes; m++) {
                    cum += p[r * outcomes + m];
                    if (cum > draw) {
                        pick = m;
                        break;
                    }
                }
                if (outcomes > 0) z[r * outcomes + pick]++;
            }
        }
        return new NdArray[] {NdArray.fromLongs(odtype, pvals.shape(), z)};
    }

    @Override
    public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) {
        List<Variable> r = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) r.add(gradUndefined(this, k, inputs.get(k), "No gradient defined through random sampling op"));
        return r;
    }

    @Override
    protected List<Object> props() { return List.of(odtype); }

    @Override
    public String toString() { return "MultinomialFromUniform{" + odtype.npName() + "}"; }
}
