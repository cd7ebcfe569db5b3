"""theano.tensor.nnet.conv: the old conv2d interface (Theano's ConvOp), kept for old scripts such as the
deeplearning.net LeNet tutorial. It builds the same abstract convolution as theano.tensor.nnet.conv2d:
a true convolution (filters flipped), border_mode 'valid' or 'full', image_shape/filter_shape as hints."""
import numbers

import numpy

from theano.tensor import basic as tb
from theano.tensor.nnet import abstract_conv


def _constant_shape(shape, what):
    if shape is None:
        return None
    shape = list(shape)
    for i, s in enumerate(shape):
        if s is None:
            continue
        if isinstance(s, (numbers.Integral, numpy.integer)) and not isinstance(s, bool):
            shape[i] = int(s)
            continue
        try:
            value = tb.get_scalar_constant_value(tb.as_tensor_variable(s))
        except tb.NotScalarConstantError:
            raise tb.NotScalarConstantError("The convolution need that the shape information are constant values. "
                                            "We got %s for the %s parameter" % (s, what))
        if not str(value.dtype).startswith(("int", "uint")):
            raise AssertionError("%s entries must be integers, got %s" % (what, s))
        shape[i] = int(value)
    return tuple(shape)


def conv2d(input, filters, image_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1), **kargs):
    """Convolves a (batch, stack, rows, cols) input with (nkern, stack, rows, cols) filters.
    kargs (unroll_batch, unroll_kern, openmp...) only tuned Theano's C code and are ignored."""
    if border_mode not in ("valid", "full"):
        raise ValueError("ConvOp: output_mode must be 'valid' or 'full', got %r" % (border_mode,))
    image_shape = _constant_shape(image_shape, "image_shape")
    filter_shape = _constant_shape(filter_shape, "filter_shape")
    if image_shape is not None and filter_shape is not None and image_shape[1] is not None \
            and filter_shape[1] is not None and image_shape[1] != filter_shape[1]:
        raise AssertionError("image_shape %s and filter_shape %s disagree on the stack size" % (image_shape, filter_shape))
    return abstract_conv.conv2d(input, filters, input_shape=image_shape, filter_shape=filter_shape,
                                border_mode=border_mode, subsample=tuple(subsample), filter_flip=True)


class ConvOp(object):
    """Theano's ConvOp class, for isinstance checks and ConvOp.getOutputShape."""

    @staticmethod
    def getOutputShape(inshp, kshp, stride=(1, 1), mode="valid"):
        return tuple(None if i is None or k is None
                     else ((i - k) // d + 1) if mode == "valid"
                     else ((i + k + d - 2) // d)
                     for i, k, d in zip(inshp, kshp, stride))

    def __init__(self, *args, **kwargs):
        raise NotImplementedError("theano-jvm: build convolutions with theano.tensor.nnet.conv.conv2d or "
                                  "theano.tensor.nnet.conv2d; the ConvOp class itself is not available")
