"""theano.tensor.nnet.nnet: softmax and the other neural-network functions."""
from theano import _engine as E
from theano.tensor import basic as tb

_T = E.T


def softmax(c):
    """Row-wise softmax of a matrix (a vector is treated as one row, giving a 1-row matrix)."""
    return tb._call(_T.softmax, tb._j(c))


softmax_op = softmax
softmax_graph = softmax


def logsoftmax(c):
    return tb._call(tb._facade("logSoftmax", "logsoftmax"), tb._j(c))


def relu(x, alpha=0):
    """Rectified linear unit: max(0, x); with alpha, the leaky variant 0.5(1+alpha)x + 0.5(1-alpha)|x|."""
    if alpha == 0:
        return 0.5 * (x + abs(x))
    f1 = 0.5 * (1 + alpha)
    f2 = 0.5 * (1 - alpha)
    return f1 * x + f2 * abs(x)


def elu(x, alpha=1):
    return tb.switch(x > 0, x, alpha * tb.expm1(x))


def selu(x):
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946
    return scale * elu(x, alpha)


def binary_crossentropy(output, target):
    """-(target * log(output) + (1 - target) * log(1 - output))."""
    return -(target * tb.log(output) + (1.0 - target) * tb.log(1.0 - output))


def categorical_crossentropy(coding_dist, true_dist):
    """Cross-entropy between each row of coding_dist and true_dist (one-hot rows or int labels)."""
    if true_dist.ndim == coding_dist.ndim:
        return -tb.sum(true_dist * tb.log(coding_dist), axis=coding_dist.ndim - 1)
    elif true_dist.ndim == coding_dist.ndim - 1:
        return -tb.log(coding_dist[tb.arange(true_dist.shape[0]), true_dist])
    else:
        raise TypeError("rank mismatch between coding and true distributions")


def h_softmax(*args, **kwargs):
    raise NotImplementedError("theano-jvm: h_softmax is not implemented yet")
