"""theano.tensor.nnet.nnet: softmax, the activations and the cross-entropies.

Compositions Theano builds from tensor ops (relu, elu, selu, binary_crossentropy, categorical_crossentropy
with one-hot targets) are built the same way here, so graphs and gradients match; Theano's own ops
(Softmax, LogSoftmax, softsign, sigmoid_binary_crossentropy, the CrossentropySoftmax*1Hot* family,
CrossentropyCategorical1Hot) are the engine's (org.theanojvm.engine.nnet.NNet facade)."""
from theano import _engine as E
from theano.tensor import basic as tb

_T = E.T
_NNet = E.jtype("nnet.NNet")


def softmax(c):
    """Row-wise softmax of a matrix (a vector is treated as one row, giving a 1-row matrix)."""
    return tb._call(_T.softmax, tb._j(c))


softmax_op = softmax
softmax_graph = softmax


def logsoftmax(c):
    """Row-wise log(softmax(c)), computed stably (LogSoftmax)."""
    return tb._call(tb._facade("logSoftmax", "logsoftmax"), tb._j(c))


logsoftmax_op = logsoftmax


def softmax_with_bias(x, b):
    """softmax(x + b) for a matrix x and a bias vector b."""
    return softmax(tb.as_tensor_variable(x) + b)


def relu(x, alpha=0):
    """Rectified linear unit: max(0, x); with alpha, the leaky variant 0.5(1+alpha)x + 0.5(1-alpha)|x|."""
    if alpha == 0:
        return 0.5 * (x + abs(x))
    # alpha can be a scalar variable: keep the graph free of Python branches on it
    alpha = tb.as_tensor_variable(alpha)
    f1 = 0.5 * (1 + alpha)
    f2 = 0.5 * (1 - alpha)
    return f1 * x + f2 * abs(x)


def elu(x, alpha=1):
    """Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise."""
    return tb.switch(x > 0, x, alpha * tb.expm1(x))


def selu(x):
    """Scaled exponential linear unit (Klambauer et al. 2017)."""
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    return scale * elu(x, alpha)


def softsign(x):
    """Elementwise x / (1 + |x|)."""
    return tb._call(_NNet.softsign, tb._j(x))


def binary_crossentropy(output, target):
    """-(target * log(output) + (1 - target) * log(1 - output))."""
    return -(target * tb.log(output) + (1.0 - target) * tb.log(1.0 - output))


def sigmoid_binary_crossentropy(output, target):
    """binary_crossentropy(sigmoid(output), target), computed stably from the pre-sigmoid output."""
    return tb._call(_NNet.sigmoidBinaryCrossentropy, tb._j(output), tb._j(target))


def crossentropy_categorical_1hot(coding_dist, true_one_of_n):
    """-log(coding_dist[i, true_one_of_n[i]]) for every row i (CrossentropyCategorical1Hot)."""
    return tb._call(_NNet.categoricalCrossentropy, tb._j(coding_dist), tb._j(true_one_of_n))


def categorical_crossentropy(coding_dist, true_dist):
    """Cross-entropy between each row of coding_dist and true_dist, given as rows of the coding's rank
    (one-hot or any distribution) or as a vector of integer class indices."""
    coding_dist = tb.as_tensor_variable(coding_dist)
    true_dist = tb.as_tensor_variable(true_dist)
    if true_dist.ndim == coding_dist.ndim:
        return -tb.sum(true_dist * tb.log(coding_dist), axis=coding_dist.ndim - 1)
    elif true_dist.ndim == coding_dist.ndim - 1:
        return crossentropy_categorical_1hot(coding_dist, true_dist)
    else:
        raise TypeError("rank mismatch between coding and true distributions")


def crossentropy_softmax_argmax_1hot_with_bias(x, b, y_idx):
    """[nll, softmax(x + b), argmax] for integer targets y_idx."""
    with E.errors():
        return E.wrap_list(_NNet.crossentropySoftmaxArgmax1HotWithBias(tb._j(x), tb._j(b), tb._j(y_idx)))


def crossentropy_softmax_1hot_with_bias(x, b, y_idx):
    """[nll, softmax(x + b)] for integer targets y_idx."""
    return crossentropy_softmax_argmax_1hot_with_bias(x, b, y_idx)[:2]


def crossentropy_softmax_1hot(x, y_idx, **kwargs):
    """[nll, softmax(x)] for integer targets y_idx (a zero bias)."""
    with E.errors():
        return E.wrap_list(_NNet.crossentropySoftmax1Hot(tb._j(x), tb._j(y_idx)))


def crossentropy_softmax_max_and_argmax_1hot_with_bias(x, b, y_idx):
    """[nll, softmax, max of softmax, argmax] for integer targets."""
    nll, sm, am = crossentropy_softmax_argmax_1hot_with_bias(x, b, y_idx)
    return nll, sm, tb.max(sm, axis=-1), am


def crossentropy_softmax_max_and_argmax_1hot(x, y_idx):
    x = tb.as_tensor_variable(x)
    return crossentropy_softmax_max_and_argmax_1hot_with_bias(x, tb.zeros_like(x[0, :]), y_idx)


def crossentropy_softmax_1hot_with_bias_dx(dy, sm, y_idx):
    """The gradient of crossentropy_softmax_1hot_with_bias with respect to x."""
    return tb._call(_NNet.crossentropySoftmax1HotWithBiasDx, tb._j(dy), tb._j(sm), tb._j(y_idx))


def confusion_matrix(actual, pred):
    """[conf_mat, order]: conf_mat[i, j] counts samples of class order[i] predicted as order[j], over the
    sorted union of the labels in actual and pred."""
    with E.errors():
        return E.wrap_list(_NNet.confusionMatrix(tb._j(actual), tb._j(pred)))


def h_softmax(x, batch_size, n_outputs, n_classes, n_outputs_per_class, W1, b1, W2, b2, target=None):
    """Two-level hierarchical softmax (Theano 1.0's signature): the outputs are split into n_classes
    classes of n_outputs_per_class each; p(output) = p(class | x) * p(output | class, x).

    x: (batch_size, n_features); W1: (n_features, n_classes); b1: (n_classes,);
    W2: (n_classes, n_features, n_outputs_per_class); b2: (n_classes, n_outputs_per_class).
    Without target: the (batch_size, n_outputs) matrix of all output probabilities (the class grid
    cut to its first n_outputs columns). With target (integer output indices, (batch_size,) or
    (batch_size, 1)): the (batch_size,) probabilities of the targets, computing only each target's
    class's second-level softmax, which is what makes it cheap for training."""
    x = tb.as_tensor_variable(x)
    class_probs = softmax(tb.dot(x, W1) + b1)
    if target is None:
        # every class's second-level softmax: (batch, n_classes, n_outputs_per_class)
        activations = tb.tensordot(x, W2, (1, 1)) + b2
        within_class = softmax(activations.reshape((-1, n_outputs_per_class)))
        within_class = within_class.reshape((batch_size, n_classes, n_outputs_per_class))
        output_probs = class_probs.dimshuffle(0, 1, "x") * within_class
        return output_probs.reshape((batch_size, n_classes * n_outputs_per_class))[:, :n_outputs]
    target = tb.as_tensor_variable(target).flatten()
    target_classes = target // n_outputs_per_class
    target_outputs_in_class = target % n_outputs_per_class
    rows = tb.arange(batch_size)
    # only the target's class: x[i] . W2[class_i] + b2[class_i], one small product per sample
    activations = tb.batched_dot(x, W2[target_classes]) + b2[target_classes]
    within_class = softmax(activations)
    return class_probs[rows, target_classes] * within_class[rows, target_outputs_in_class]
