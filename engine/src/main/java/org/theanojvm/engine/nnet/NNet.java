package org.theanojvm.engine.nnet;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.theanojvm.engine.errors.TheanoNotImplementedError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Facade mirroring theano.tensor.nnet (conv2d/conv3d and their explicit gradients, the elementwise
 * activations, cross-entropies, batch normalization, confusion_matrix) and theano.tensor.signal.pool
 * (pool_2d, pool_3d). Arguments follow Theano's order; Java has no keywords, so defaults are the
 * overloads with fewer arguments or null. Shapes: {@code Long[]} with null for unknown entries.
 */
public final class NNet {
    private NNet() {}

    private static final Logger LOG = Logger.getLogger(NNet.class.getName());

    /** Receives Theano's warnings (pool_2d's ignore_border default); the shim may raise Python warnings instead. */
    public static volatile Consumer<String> warningSink = LOG::warning;

    // ------------------------------------------------------------------ convolution

    /** conv2d(input, filters) with Theano's defaults: 'valid', subsample (1, 1), filter_flip True. */
    public static Variable conv2d(Object input, Object filters) {
        return conv2d(input, filters, null, null, "valid", null, true, null, 1);
    }

    /**
     * theano.tensor.nnet.conv2d(input, filters, input_shape, filter_shape, border_mode, subsample,
     * filter_flip, filter_dilation, num_groups). border_mode: "valid", "full", "half", an Integer or int[2].
     */
    public static Variable conv2d(Object input, Object filters, Long[] inputShape, Long[] filterShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return new AbstractConv.Forward(2, borderMode, subsample, filterFlip, inputShape, filterShape, filterDilation, numGroups)
                .call(T.asTensorVariable(input), T.asTensorVariable(filters));
    }

    /** theano.tensor.nnet.conv3d(input, filters, input_shape, filter_shape, border_mode, subsample, filter_flip, filter_dilation, num_groups). */
    public static Variable conv3d(Object input, Object filters, Long[] inputShape, Long[] filterShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return new AbstractConv.Forward(3, borderMode, subsample, filterFlip, inputShape, filterShape, filterDilation, numGroups)
                .call(T.asTensorVariable(input), T.asTensorVariable(filters));
    }

    public static Variable conv3d(Object input, Object filters) { return conv3d(input, filters, null, null, "valid", null, true, null, 1); }

    /**
     * abstract_conv.conv2d_grad_wrt_inputs(output_grad, filters, input_shape, filter_shape, border_mode,
     * subsample, filter_flip, filter_dilation, num_groups): input_shape is the full (b, c, rows, cols)
     * shape as longs, or a symbolic int vector of length 4.
     */
    public static Variable conv2dGradWrtInputs(Object outputGrad, Object filters, Object inputShape, Long[] filterShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return convGrad(2, true, outputGrad, filters, inputShape, filterShape, borderMode, subsample, filterFlip, filterDilation, numGroups);
    }

    /** abstract_conv.conv2d_grad_wrt_weights(input, output_grad, filter_shape, input_shape, ...): filter_shape full (o, c, rows, cols). */
    public static Variable conv2dGradWrtWeights(Object input, Object outputGrad, Object filterShape, Long[] inputShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return convGrad(2, false, outputGrad, input, filterShape, inputShape, borderMode, subsample, filterFlip, filterDilation, numGroups);
    }

    public static Variable conv3dGradWrtInputs(Object outputGrad, Object filters, Object inputShape, Long[] filterShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return convGrad(3, true, outputGrad, filters, inputShape, filterShape, borderMode, subsample, filterFlip, filterDilation, numGroups);
    }

    public static Variable conv3dGradWrtWeights(Object input, Object outputGrad, Object filterShape, Long[] inputShape, Object borderMode,
            int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        return convGrad(3, false, outputGrad, input, filterShape, inputShape, borderMode, subsample, filterFlip, filterDilation, numGroups);
    }

    /** The gradient ops take only the spatial part of the requested shape (Theano passes shape[-convdim:]). */
    private static Variable convGrad(int convdim, boolean wrtInputs, Object outputGrad, Object other, Object fullShape, Long[] otherShape,
            Object borderMode, int[] subsample, boolean filterFlip, int[] filterDilation, int numGroups) {
        Variable spatial;
        Long[] known;
        if (fullShape instanceof long[] s) {
            if (s.length != 2 + convdim) throw new TheanoTypeError("shape must have " + (2 + convdim) + " elements");
            spatial = T.constant(java.util.Arrays.copyOfRange(s, 2, s.length));
            known = java.util.Arrays.stream(s).boxed().toArray(Long[]::new);
        } else {
            Variable v = T.asTensorVariable(fullShape);
            spatial = T.subtensor(v, SubtensorOps.slice((long) -convdim, null, null));
            known = null;
        }
        Variable og = T.asTensorVariable(outputGrad), o = T.asTensorVariable(other);
        if (wrtInputs) {
            return new AbstractConv.GradInputs(convdim, borderMode, subsample, filterFlip, known, otherShape, filterDilation, numGroups).call(o, og, spatial);
        }
        return new AbstractConv.GradWeights(convdim, borderMode, subsample, filterFlip, otherShape, known, filterDilation, numGroups).call(o, og, spatial);
    }

    // ------------------------------------------------------------------ pooling

    /**
     * theano.tensor.signal.pool.pool_2d(input, ws, ignore_border, stride, pad, mode). ignore_border null
     * warns and means False, as in Theano 1.0; stride null means ws; pad null means (0, 0).
     */
    public static Variable pool2d(Object input, Object ws, Boolean ignoreBorder, Object stride, Object pad, String mode) {
        return poolNd(2, input, ws, ignoreBorder, stride, pad, mode);
    }

    public static Variable pool2d(Object input, Object ws, boolean ignoreBorder) { return pool2d(input, ws, ignoreBorder, null, null, "max"); }

    /** theano.tensor.signal.pool.pool_3d(input, ws, ignore_border, stride, pad, mode). */
    public static Variable pool3d(Object input, Object ws, Boolean ignoreBorder, Object stride, Object pad, String mode) {
        return poolNd(3, input, ws, ignoreBorder, stride, pad, mode);
    }

    /**
     * pool.max_pool_2d_same_size(input, patch_size): keeps each non-overlapping patch's maximum in place
     * and zeroes the rest (Theano builds it as MaxPoolGrad(x, pool(x), pool(x))).
     */
    public static Variable maxPool2dSameSize(Object input, Object patchSize) {
        Variable x = T.asTensorVariable(input);
        Pool.Forward pool = new Pool.Forward(true, "max", 2);
        Variable out = pool.apply(x, patchSize, null, null);
        List<Variable> p = out.owner().inputs();
        return new Pool.MaxPoolGrad(true, 2).call(x, out, out, p.get(1), p.get(2), p.get(3));
    }

    private static Variable poolNd(int nd, Object input, Object ws, Boolean ignoreBorder, Object stride, Object pad, String mode) {
        Variable x = T.asTensorVariable(input);
        if (x.ndim() < nd) throw new TheanoNotImplementedError("pool_" + nd + "d requires a dimension >= " + nd);
        if (ignoreBorder == null) {
            warningSink.accept("pool_" + nd + "d() will have the parameter ignore_border default value changed to True (currently False). "
                    + "To have consistent behavior with all Theano version, explicitly add the parameter ignore_border=True.");
            ignoreBorder = false;
        }
        return new Pool.Forward(ignoreBorder, mode == null ? "max" : mode, nd).apply(x, ws, stride, pad);
    }

    // ------------------------------------------------------------------ activations

    public static Variable sigmoid(Object x) { return T.sigmoid(x); }

    public static Variable ultraFastSigmoid(Object x) { return NNetScalarOps.ULTRA_FAST_SIGMOID_OP.call(T.asTensorVariable(x)); }

    /** hard_sigmoid: clip(x * 0.2 + 0.5, 0, 1), constants in the upgrade_to_float dtype of x. */
    public static Variable hardSigmoid(Object x) {
        Variable v = T.asTensorVariable(x);
        DType out = DType.upgradeToFloat(v.dtype());
        Variable slope = T.constant(0.2, null, out), shift = T.constant(0.5, null, out);
        return T.clip(T.add(T.mul(v, slope), shift), T.constant(0), T.constant(1));
    }

    public static Variable softsign(Object x) { return NNetScalarOps.SOFTSIGN_OP.call(T.asTensorVariable(x)); }

    public static Variable softplus(Object x) { return T.softplus(x); }

    public static Variable softmax(Object x) { return T.softmax(x); }

    /** relu(x, alpha=0): 0.5 * (x + |x|), or f1 * x + f2 * |x| with f1 = 0.5 (1 + alpha), f2 = 0.5 (1 - alpha). */
    public static Variable relu(Object x, Object alpha) {
        if (alpha == null || (alpha instanceof Number n && n.doubleValue() == 0)) return T.mul(T.constant(0.5), T.add(x, T.abs(x)));
        Variable a = T.asTensorVariable(alpha);
        Variable f1 = T.mul(T.constant(0.5), T.add(T.constant(1), a));
        Variable f2 = T.mul(T.constant(0.5), T.sub(T.constant(1), a));
        return T.add(T.mul(f1, x), T.mul(f2, T.abs(x)));
    }

    public static Variable relu(Object x) { return relu(x, 0); }

    /** elu(x, alpha=1): switch(x > 0, x, alpha * expm1(x)). */
    public static Variable elu(Object x, Object alpha) {
        return T.switch_(T.gt(x, T.constant(0)), x, T.mul(alpha == null ? T.constant(1) : alpha, T.expm1(x)));
    }

    public static Variable elu(Object x) { return elu(x, 1); }

    /** selu(x) = scale * elu(x, alpha) with Klambauer et al.'s constants, as Theano 1.0 writes them. */
    public static Variable selu(Object x) {
        double alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946;
        return T.mul(T.constant(scale), elu(x, T.constant(alpha)));
    }

    // ------------------------------------------------------------------ cross-entropies

    /** binary_crossentropy(output, target) = -(target * log(output) + (1 - target) * log(1 - output)). */
    public static Variable binaryCrossentropy(Object output, Object target) {
        return T.neg(T.add(T.mul(target, T.log(output)), T.mul(T.sub(T.constant(1.0), target), T.log(T.sub(T.constant(1.0), output)))));
    }

    /** sigmoid_binary_crossentropy(output, target): binary_crossentropy(sigmoid(output), target), computed stably. */
    public static Variable sigmoidBinaryCrossentropy(Object output, Object target) {
        return NNetScalarOps.SIGMOID_BINARY_CROSSENTROPY_OP.call(T.asTensorVariable(output), T.asTensorVariable(target));
    }

    /**
     * categorical_crossentropy(coding_dist, true_dist): a one-hot (or any distribution) true_dist of the
     * coding's rank gives -sum(true * log(coding), axis=-1); an integer vector gives CrossentropyCategorical1Hot.
     */
    public static Variable categoricalCrossentropy(Object codingDist, Object trueDist) {
        Variable c = T.asTensorVariable(codingDist), t = T.asTensorVariable(trueDist);
        if (t.ndim() == c.ndim()) return T.neg(T.sum(T.mul(t, T.log(c)), new int[] {c.ndim() - 1}, false, null, null));
        if (t.ndim() == c.ndim() - 1) return Crossentropy.CrossentropyCategorical1Hot.INSTANCE.call(c, t);
        throw new TheanoTypeError("rank mismatch between coding and true distributions");
    }

    /** crossentropy_softmax_argmax_1hot_with_bias(x, b, y_idx) -> [nll, softmax, argmax]. */
    public static List<Variable> crossentropySoftmaxArgmax1HotWithBias(Object x, Object b, Object yIdx) {
        return Crossentropy.CrossentropySoftmaxArgmax1HotWithBias.INSTANCE.callAll(T.asTensorVariable(x), T.asTensorVariable(b), T.asTensorVariable(yIdx));
    }

    /** crossentropy_softmax_1hot_with_bias(x, b, y_idx) -> [nll, softmax]. */
    public static List<Variable> crossentropySoftmax1HotWithBias(Object x, Object b, Object yIdx) {
        return crossentropySoftmaxArgmax1HotWithBias(x, b, yIdx).subList(0, 2);
    }

    /** crossentropy_softmax_1hot(x, y_idx) -> [nll, softmax], with a zero bias zeros_like(x[0, :]). */
    public static List<Variable> crossentropySoftmax1Hot(Object x, Object yIdx) {
        Variable xv = T.asTensorVariable(x);
        return crossentropySoftmax1HotWithBias(xv, T.zerosLike(T.subtensor(xv, SubtensorOps.idx(0L), SubtensorOps.all())), yIdx);
    }

    /** crossentropy_softmax_1hot_with_bias_dx(dy, sm, y_idx). */
    public static Variable crossentropySoftmax1HotWithBiasDx(Object dy, Object sm, Object yIdx) {
        return Crossentropy.CrossentropySoftmax1HotWithBiasDx.INSTANCE.call(T.asTensorVariable(dy), T.asTensorVariable(sm), T.asTensorVariable(yIdx));
    }

    /** confusion_matrix(actual, pred) -> [conf_mat (int64), order]: rows actual classes, columns predicted, over unique labels. */
    public static List<Variable> confusionMatrix(Object actual, Object pred) {
        Variable a = T.asTensorVariable(actual), p = T.asTensorVariable(pred);
        if (a.ndim() != 1) throw new org.theanojvm.engine.errors.TheanoValueError("actual must be 1-d tensor variable");
        if (p.ndim() != 1) throw new org.theanojvm.engine.errors.TheanoValueError("pred must be 1-d tensor variable");
        Variable order = Unique.INSTANCE.call(T.concatenate(new Object[] {a, p}, 0));
        Variable oneHotA = T.cast(T.eq(T.dimshuffle(a, new int[] {0, -1}), order), DType.INT64);
        Variable oneHotP = T.cast(T.eq(T.dimshuffle(p, new int[] {0, -1}), order), DType.INT64);
        return List.of(T.dot(T.transpose(oneHotA), oneHotP), order);
    }

    // ------------------------------------------------------------------ batch normalization

    public static Variable batchNormalization(Object inputs, Object gamma, Object beta, Object mean, Object std, String mode) {
        return BatchNorm.batchNormalization(inputs, gamma, beta, mean, std, mode);
    }

    public static Variable batchNormalization(Object inputs, Object gamma, Object beta, Object mean, Object std) {
        return BatchNorm.batchNormalization(inputs, gamma, beta, mean, std, "low_mem");
    }

    /** batch_normalization_train(inputs, gamma, beta, axes, epsilon, running_average_factor, running_mean, running_var). */
    public static List<Variable> batchNormalizationTrain(Object inputs, Object gamma, Object beta, Object axes, double epsilon,
            double runningAverageFactor, Object runningMean, Object runningVar) {
        return BatchNorm.batchNormalizationTrain(inputs, gamma, beta, axes, epsilon, runningAverageFactor, runningMean, runningVar);
    }

    /** Theano's defaults: axes 'per-activation', epsilon 1e-4, no running averages. */
    public static List<Variable> batchNormalizationTrain(Object inputs, Object gamma, Object beta) {
        return batchNormalizationTrain(inputs, gamma, beta, "per-activation", 1e-4, 0.1, null, null);
    }

    public static Variable batchNormalizationTest(Object inputs, Object gamma, Object beta, Object mean, Object var, Object axes, double epsilon) {
        return BatchNorm.batchNormalizationTest(inputs, gamma, beta, mean, var, axes, epsilon);
    }
}
