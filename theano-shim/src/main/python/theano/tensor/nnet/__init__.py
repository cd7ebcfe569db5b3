"""theano.tensor.nnet: neural-network functions (activations, softmax, cross-entropies, convolution,
batch normalization)."""
import warnings

from theano.tensor.nnet.nnet import (binary_crossentropy, categorical_crossentropy, confusion_matrix,
                                     crossentropy_categorical_1hot, crossentropy_softmax_1hot,
                                     crossentropy_softmax_1hot_with_bias, crossentropy_softmax_1hot_with_bias_dx,
                                     crossentropy_softmax_argmax_1hot_with_bias,
                                     crossentropy_softmax_max_and_argmax_1hot,
                                     crossentropy_softmax_max_and_argmax_1hot_with_bias, elu, h_softmax, logsoftmax,
                                     logsoftmax_op, relu, selu, sigmoid_binary_crossentropy, softmax, softmax_graph,
                                     softmax_op, softmax_with_bias, softsign)
from theano.tensor.nnet.sigm import (hard_sigmoid, scalar_sigmoid, sigmoid, sigmoid_inplace, softplus,
                                     ultra_fast_sigmoid)
from theano.tensor.nnet import abstract_conv, bn, conv, neighbours  # noqa: F401
from theano.tensor.nnet.neighbours import images2neibs, neibs2images  # noqa: F401
from theano.tensor.nnet.bn import batch_normalization
from theano.tensor.nnet.conv import ConvOp
from theano.tensor.nnet.abstract_conv import conv2d as abstract_conv2d
from theano.tensor.nnet.abstract_conv import conv2d_grad_wrt_inputs, conv3d, separable_conv2d


def conv2d(input, filters, input_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1),
           filter_flip=True, image_shape=None, filter_dilation=(1, 1), num_groups=1, unshared=False, **kwargs):
    """Convolves a mini-batch of (batch, channels, rows, cols) inputs with (output channels, input
    channels, rows, cols) filters. border_mode: 'valid', 'full', 'half', an int or a tuple of two ints;
    filter_flip=False gives a cross-correlation. image_shape is the deprecated name of input_shape;
    other keyword arguments are accepted and ignored (with a warning), as in Theano."""
    if "imshp_logical" in kwargs or "kshp_logical" in kwargs:
        raise ValueError("Keyword arguments 'imshp_logical' and 'kshp_logical' for conv2d are not supported anymore "
                         "(and have not been a reliable way to perform upsampling). That feature is still available "
                         "by calling theano.tensor.nnet.conv.conv2d() for the time being.")
    if len(kwargs.keys()) > 0:
        warnings.warn(str(kwargs.keys()) + " are now deprecated in `tensor.nnet.abstract_conv.conv2d` interface and "
                      "will be ignored.", stacklevel=2)
    if image_shape is not None:
        warnings.warn("The `image_shape` keyword argument to `tensor.nnet.conv2d` is deprecated, it has been renamed "
                      "to `input_shape`.", stacklevel=2)
        if input_shape is None:
            input_shape = image_shape
        else:
            raise ValueError("input_shape and image_shape should not be provided at the same time.")
    return abstract_conv2d(input, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                           filter_dilation, num_groups, unshared)


def conv2d_transpose(input, filters, output_shape, filter_shape=None, border_mode="valid", input_dilation=(1, 1),
                     filter_flip=True, filter_dilation=(1, 1), num_groups=1, unshared=False):
    """The transposed convolution ("deconvolution"): the gradient of conv2d with respect to its input.
    filters are (input channels, output channels, rows, cols) of the matching forward convolution."""
    return conv2d_grad_wrt_inputs(output_grad=input, filters=filters, input_shape=output_shape,
                                  filter_shape=filter_shape, border_mode=border_mode, subsample=input_dilation,
                                  filter_flip=filter_flip, filter_dilation=filter_dilation, num_groups=num_groups,
                                  unshared=unshared)
