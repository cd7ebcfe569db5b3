package org.theanojvm.engine.nnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.Config;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * theano.tensor.nnet.bn as compositions of existing tensor ops. Theano 1.0 wraps training and inference
 * in AbstractBatchNormTrain/Inference ops (replaced by cuDNN or by these very formulas on the CPU);
 * their perform methods and gradients are the formulas below, so the values and the gradients that grad
 * derives from the composition agree with Theano's (to rounding). The graphs print as elementwise ops
 * and reductions rather than as AbstractBatchNorm* nodes.
 */
public final class BatchNorm {
    private BatchNorm() {}

    /** batch_normalization(inputs, gamma, beta, mean, std, mode): 'low_mem' (x - mean) / std * gamma + beta, or 'high_mem'. */
    public static Variable batchNormalization(Object inputs, Object gamma, Object beta, Object mean, Object std, String mode) {
        if ("low_mem".equals(mode)) return T.add(T.mul(T.trueDiv(T.sub(inputs, mean), std), gamma), beta);
        if ("high_mem".equals(mode)) return T.add(T.mul(T.sub(inputs, mean), T.trueDiv(gamma, std)), beta);
        throw new TheanoValueError("mode must be either \"low_mem\", \"high_mem\"");
    }

    /** Theano's _prepare_batch_normalization_axes: ('per-activation' | 'spatial' | int[]) -> sorted axes. */
    static int[] prepareAxes(Object axes, int ndim) {
        int[] a;
        if ("per-activation".equals(axes)) a = new int[] {0};
        else if ("spatial".equals(axes)) {
            a = new int[Math.max(1, ndim - 1)];
            for (int i = 1; i < a.length; i++) a[i] = i + 1;
        } else if (axes instanceof int[] t) a = t.clone();
        else throw new TheanoValueError("invalid axes: " + axes);
        Arrays.sort(a);
        if (a.length == 0) throw new TheanoValueError("there should be at least one normalization axis");
        if (a[0] < 0 || a[a.length - 1] >= ndim) {
            throw new TheanoValueError("axes should be less than ndim (<" + ndim + "), but " + Arrays.toString(a) + " given");
        }
        return a;
    }

    static int[] nonBcAxes(int[] axes, int ndim) {
        return java.util.stream.IntStream.range(0, ndim).filter(i -> Arrays.stream(axes).noneMatch(a -> a == i)).toArray();
    }

    /** Parameters given with the reduced axes dropped are dimshuffled back to full rank; full-rank ones get those axes broadcastable. */
    static Variable expandParam(Object p, int[] axes, int[] nonBc, int ndim, String what) {
        Variable v = T.asTensorVariable(p);
        if (v.ndim() == ndim) return T.addbroadcast(v, axes);
        if (v.ndim() != nonBc.length) {
            throw new TheanoValueError(what + " must have " + ndim + " or " + nonBc.length + " dimensions, got " + v.ndim());
        }
        int[] pattern = new int[ndim];
        Arrays.fill(pattern, -1);
        for (int i = 0; i < nonBc.length; i++) pattern[nonBc[i]] = i;
        return T.dimshuffle(v, pattern);
    }

    static void checkEpsilon(double epsilon) {
        // Theano casts epsilon to floatX first: float32(1e-5) < 1e-5 is rejected there too.
        double e = Config.floatX() == DType.FLOAT32 ? (float) epsilon : epsilon;
        if (e < 1e-5) throw new TheanoValueError("epsilon must be at least 1e-5, got " + e);
    }

    /**
     * batch_normalization_train: returns [out, mean, invstd] or, with running averages,
     * [out, mean, invstd, new_running_mean, new_running_var]. mean/invstd (and the running statistics)
     * have the parameters' rank: the reduced axes are dropped when gamma was given without them.
     */
    public static List<Variable> batchNormalizationTrain(Object inputs, Object gamma, Object beta, Object axes, double epsilon,
            double runningAverageFactor, Object runningMean, Object runningVar) {
        Variable x = T.asTensorVariable(inputs);
        int ndim = x.ndim();
        int[] ax = prepareAxes(axes, ndim), nonBc = nonBcAxes(ax, ndim);
        Variable g0 = T.asTensorVariable(gamma);
        boolean fullRank = g0.ndim() == ndim;
        if (T.asTensorVariable(beta).ndim() != g0.ndim()) throw new TheanoValueError("gamma and beta dimensionality must match");
        checkEpsilon(epsilon);
        Variable g = expandParam(gamma, ax, nonBc, ndim, "gamma"), b = expandParam(beta, ax, nonBc, ndim, "beta");
        Variable mean = T.mean(x, ax, true, null, null);
        Variable var = T.var(x, ax, 0, true, false);
        Variable eps = T.constant(epsilon, null, Config.floatX());
        Variable invstd = T.trueDiv(T.constant(1.0), T.sqrt(T.add(var, eps)));
        Variable out = T.add(T.mul(T.sub(x, mean), T.mul(g, invstd)), b);
        List<Variable> r = new ArrayList<>(List.of(out, mean, invstd));
        if (runningMean != null && runningVar != null) {
            Variable rm = expandParam(runningMean, ax, nonBc, ndim, "running_mean");
            Variable rv = expandParam(runningVar, ax, nonBc, ndim, "running_var");
            Variable f = T.constant(runningAverageFactor, null, Config.floatX());
            Variable keep = T.sub(T.constant(1.0), f);
            r.add(T.add(T.mul(rm, keep), T.mul(mean, f)));
            // m / (m - 1): the unbiased variance estimate, m the number of values reduced per statistic.
            Variable m = T.cast(T.shapeOf(x, ax[0]), Config.floatX());
            for (int i = 1; i < ax.length; i++) m = T.mul(m, T.cast(T.shapeOf(x, ax[i]), Config.floatX()));
            Variable unbias = T.trueDiv(m, T.sub(m, T.constant(1.0)));
            r.add(T.add(T.mul(rv, keep), T.mul(T.mul(unbias, var), f)));
        }
        if (!fullRank) {
            for (int i = 1; i < r.size(); i++) r.set(i, T.dimshuffle(r.get(i), nonBc));
        } else {
            for (int i = 1; i < r.size(); i++) {
                boolean[] bc = new boolean[ndim];
                for (int a : ax) bc[a] = true;
                r.set(i, T.patternbroadcast(r.get(i), bc));
            }
        }
        return r;
    }

    /** batch_normalization_test: (x - mean) * (gamma / sqrt(var + epsilon)) + beta. */
    public static Variable batchNormalizationTest(Object inputs, Object gamma, Object beta, Object mean, Object var, Object axes, double epsilon) {
        Variable x = T.asTensorVariable(inputs);
        int ndim = x.ndim();
        int[] ax = prepareAxes(axes, ndim), nonBc = nonBcAxes(ax, ndim);
        checkEpsilon(epsilon);
        Variable g = expandParam(gamma, ax, nonBc, ndim, "gamma"), b = expandParam(beta, ax, nonBc, ndim, "beta");
        Variable m = expandParam(mean, ax, nonBc, ndim, "mean"), v = expandParam(var, ax, nonBc, ndim, "var");
        Variable eps = T.constant(epsilon, null, Config.floatX());
        return T.add(T.mul(T.sub(x, m), T.trueDiv(g, T.sqrt(T.add(v, eps)))), b);
    }
}
