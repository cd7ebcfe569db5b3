"""theano.tensor.nnet.sigm: sigmoid, softplus and their variants."""
from theano import _engine as E
from theano.tensor import basic as tb

_T = E.T


def sigmoid(x):
    """Elementwise logistic function 1 / (1 + exp(-x))."""
    return tb._call(_T.sigmoid, tb._j(x))


def softplus(x):
    """Elementwise log(1 + exp(x))."""
    return tb._call(_T.softplus, tb._j(x))


def ultra_fast_sigmoid(x):
    return sigmoid(x)


def hard_sigmoid(x):
    """Piecewise-linear approximation of the sigmoid: clip(0.2 x + 0.5, 0, 1)."""
    x = tb.as_tensor_variable(x)
    slope = tb.constant(0.2, dtype=x.dtype)
    shift = tb.constant(0.5, dtype=x.dtype)
    return tb.clip((x * slope) + shift, 0, 1)


scalar_sigmoid = sigmoid
