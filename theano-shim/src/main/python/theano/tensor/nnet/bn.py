"""theano.tensor.nnet.bn: batch normalization (Ioffe & Szegedy 2015), built by the engine's
org.theanojvm.engine.nnet.BatchNorm from elementwise ops and reductions, so grad differentiates it."""
from theano import _engine as E
from theano.tensor import basic as tb

_NNet = E.jtype("nnet.NNet")


def _axes(axes):
    if isinstance(axes, str):
        return axes
    return E.jint_array([int(a) for a in axes])


def batch_normalization(inputs, gamma, beta, mean, std, mode="low_mem"):
    """(inputs - mean) * gamma / std + beta with broadcasting; mode 'low_mem' or 'high_mem' only changes
    how the graph is arranged."""
    return tb._call(_NNet.batchNormalization, tb._j(inputs), tb._j(gamma), tb._j(beta), tb._j(mean), tb._j(std),
                    mode)


def batch_normalization_train(inputs, gamma, beta, axes="per-activation", epsilon=1e-4, running_average_factor=0.1,
                              running_mean=None, running_var=None):
    """Normalizes with the batch statistics over `axes` ('per-activation' = (0,), 'spatial' = (0, 2, 3, ...),
    or a tuple). Returns (out, mean, invstd), plus (new_running_mean, new_running_var) when both running
    averages are given."""
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean and running_var must either both be given or both be None")
    with E.errors():
        outs = _NNet.batchNormalizationTrain(tb._j(inputs), tb._j(gamma), tb._j(beta), _axes(axes), float(epsilon),
                                             float(running_average_factor), tb._j(running_mean), tb._j(running_var))
        return tuple(E.wrap_list(outs))


def batch_normalization_test(inputs, gamma, beta, mean, var, axes="per-activation", epsilon=1e-4):
    """Normalizes with given statistics: (inputs - mean) * gamma / sqrt(var + epsilon) + beta."""
    return tb._call(_NNet.batchNormalizationTest, tb._j(inputs), tb._j(gamma), tb._j(beta), tb._j(mean), tb._j(var),
                    _axes(axes), float(epsilon))
