"""theano.tensor.signal.conv: 2-D convolution of single images or stacks of images (no channels), as
old signal-processing scripts use it. Built on the same abstract convolution as tensor.nnet.conv2d."""
from theano.tensor import basic as tb
from theano.tensor.nnet import abstract_conv


def conv2d(input, filters, image_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1), **kargs):
    """input: (rows, cols) or (n images, rows, cols); filters: (rows, cols) or (n filters, rows, cols).
    The result drops the image and filter axes that the arguments did not have: 2-D for one image and
    one filter, 3-D when only one of them is a stack, else (n images, n filters, rows, cols)."""
    input = tb.as_tensor_variable(input)
    filters = tb.as_tensor_variable(filters)
    if input.ndim not in (2, 3):
        raise AssertionError("input must be a 2D or 3D tensor")
    if filters.ndim not in (2, 3):
        raise AssertionError("filters must be a 2D or 3D tensor")
    if border_mode not in ("valid", "full"):
        raise ValueError("border_mode must be 'valid' or 'full', got %r" % (border_mode,))
    if input.ndim == 3:
        input4 = tb.shape_padaxis(input, 1)
        imshp = None if image_shape is None else (image_shape[0], 1) + tuple(image_shape[1:])
    else:
        input4 = tb.shape_padleft(input, 2)
        imshp = None if image_shape is None else (1, 1) + tuple(image_shape)
    if filters.ndim == 3:
        filters4 = tb.shape_padaxis(filters, 1)
        kshp = None if filter_shape is None else (filter_shape[0], 1) + tuple(filter_shape[1:])
    else:
        filters4 = tb.shape_padleft(filters, 2)
        kshp = None if filter_shape is None else (1, 1) + tuple(filter_shape)
    output = abstract_conv.conv2d(input4, filters4, input_shape=imshp, filter_shape=kshp, border_mode=border_mode,
                                  subsample=tuple(subsample))
    if input.ndim == 2 and filters.ndim == 2:
        return output[0, 0]
    if input.ndim == 2:
        return output[0]
    if filters.ndim == 2:
        return output[:, 0]
    return output
