"""theano.tensor.nnet.sigm: sigmoid, softplus and their variants."""
from theano import _engine as E
from theano.tensor import basic as tb

_T = E.T
_NNet = E.jtype("nnet.NNet")


def sigmoid(x):
    """Elementwise logistic function 1 / (1 + exp(-x))."""
    return tb._call(_T.sigmoid, tb._j(x))


def softplus(x):
    """Elementwise log(1 + exp(x))."""
    return tb._call(_T.softplus, tb._j(x))


def ultra_fast_sigmoid(x):
    """Theano's piecewise approximation of the sigmoid (max absolute error about 0.0071)."""
    return tb._call(_NNet.ultraFastSigmoid, tb._j(x))


def hard_sigmoid(x):
    """Piecewise-linear approximation of the sigmoid: clip(0.2 x + 0.5, 0, 1), the constants in the
    float dtype x upgrades to."""
    return tb._call(_NNet.hardSigmoid, tb._j(x))


scalar_sigmoid = sigmoid
sigmoid_inplace = sigmoid
