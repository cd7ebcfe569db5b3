"""theano.tensor.nnet names that PyTensor moved or dropped, with Theano's semantics."""
import pytensor.tensor as pt
from pytensor.tensor.special import softmax as _softmax

sigmoid = pt.sigmoid


def softmax(c):
    """Theano's softmax is row-wise (the last axis)."""
    return _softmax(c, axis=-1)


def categorical_crossentropy(coding_dist, true_dist):
    """-log(p[i, y_i]) for integer labels, -sum(t * log p) for one-hot/probability targets (as Theano)."""
    if true_dist.ndim == coding_dist.ndim:
        return -pt.sum(true_dist * pt.log(coding_dist), axis=coding_dist.ndim - 1)
    return -pt.log(coding_dist[pt.arange(true_dist.shape[0]), true_dist])


def conv2d(input, filters, input_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1),
           filter_flip=True, **kwargs):
    """Theano's conv2d (valid, unit stride, flipped filters: a true convolution) from PyTensor 3's scipy-style
    convolve2d, batched by Blockwise over images x filters x channels and summed over channels."""
    from pytensor.tensor.signal import convolve2d
    if border_mode != "valid" or tuple(subsample) != (1, 1) or not filter_flip:
        raise NotImplementedError("the benchmark alias convolves with border_mode='valid', subsample=(1, 1), filter_flip=True")
    return convolve2d(input[:, None], filters[None], mode="valid").sum(axis=2)
