"""theano.tensor.nnet.abstract_conv: the abstract convolution ops and the functions building them.

The ops are the engine's org.theanojvm.engine.nnet.AbstractConv.{Forward, GradWeights, GradInputs}
(im2col + one matrix product per image and group); the classes here are their Python faces with
Theano 1.0's constructor signatures, so `AbstractConv2d_gradInputs(imshp=..., kshp=...)(kern, top, shp)`
(what Lasagne and Keras call) and `isinstance(node.op, AbstractConv2d)` work as in Theano.
"""
import ast
import numbers
import re

import java
import numpy

from theano import _engine as E
from theano.gof.op import _EngineOp, register_engine_op_class
from theano.tensor import basic as tb

_JAVA_PREFIX = "org.theanojvm.engine.nnet.AbstractConv$"
_LongArray = java.type("java.lang.Long[]")


# ----------------------------------------------------------------------------- argument conversion

def _refuse_unshared(unshared):
    """Unshared (locally connected) convolution is Theano 1.0's; the engine has no op for it yet."""
    if unshared:
        raise NotImplementedError("theano-jvm: unshared (locally connected) convolution is not supported")


def _constant_int(v):
    """v as a Python int when it is a number or a constant scalar, else None (symbolic)."""
    if isinstance(v, (numbers.Integral, numpy.integer)):
        return int(v)
    try:
        return int(tb.get_scalar_constant_value(v, only_process_constants=True))
    except (tb.NotScalarConstantError, TypeError, ValueError):
        return None


def _declared_shape(shape, n, what):
    """imshp/kshp as the engine takes it: a Long[n] with null for unknown entries, or None.
    Theano requires the known entries to be constants."""
    if shape is None:
        return None
    shape = tuple(shape)
    if len(shape) == 0:
        return None
    if len(shape) != n:
        raise ValueError("%s should be None or a tuple of %d constant int values" % (what, n))
    arr = _LongArray(n)
    for i, s in enumerate(shape):
        if s is None:
            arr[i] = None
            continue
        c = _constant_int(s)
        if c is None:
            raise ValueError("%s should be None or a tuple of constant int values" % what)
        arr[i] = c
    return arr


def _border_mode(border_mode, convdim):
    """'valid'/'full'/'half' as strings, an int as an Integer, a tuple of ints as int[]."""
    if isinstance(border_mode, str):
        return border_mode
    if isinstance(border_mode, (numbers.Integral, numpy.integer)):
        if border_mode < 0:
            raise ValueError("invalid border_mode {}, which must be a non-negative integer".format(border_mode))
        return int(border_mode)
    if isinstance(border_mode, (tuple, list)):
        if any(isinstance(b, (tuple, list)) for b in border_mode):
            raise NotImplementedError("theano-jvm: asymmetric padding (pairs in border_mode) is not supported")
        if len(border_mode) != convdim or min(border_mode) < 0:
            raise ValueError("invalid border_mode {}, which must be a tuple of {} non-negative integers"
                             .format(border_mode, convdim))
        return E.jint_array([int(b) for b in border_mode])
    raise ValueError('invalid border_mode {}, which must be either "valid", "full", "half", an integer or a '
                     'tuple of {} integers'.format(border_mode, convdim))


def _int_tuple(v, convdim, what):
    if v is None:
        return None
    v = tuple(v)
    if len(v) != convdim:
        raise ValueError("%s must have %d elements" % (what, convdim))
    return E.jint_array([int(x) for x in v])


def int_vector_or_tensor(v):
    """A tuple/list of Python ints as an int64 vector constant (built by the engine from a long[]);
    anything else through as_tensor_variable."""
    if isinstance(v, (tuple, list)) and v and all(isinstance(i, (numbers.Integral, numpy.integer)) for i in v) \
            and not any(isinstance(i, bool) for i in v):
        return E.wrap(E.call(E.T.asTensorVariable, E.jlong_array(v)))
    return tb.as_tensor_variable(v)


# ----------------------------------------------------------------------------- the ops

class BaseAbstractConv(_EngineOp):
    """Theano's BaseAbstractConv: the parameters shared by the forward op and its two gradients."""
    _java = None  # "Forward", "GradWeights" or "GradInputs"
    convdim = 2

    def __init__(self, convdim=None, imshp=None, kshp=None, border_mode="valid", subsample=None,
                 filter_flip=True, filter_dilation=None, num_groups=1, unshared=False):
        convdim = self.convdim if convdim is None else int(convdim)
        _refuse_unshared(unshared)
        if subsample is None:
            subsample = (1,) * convdim
        if filter_dilation is None:
            filter_dilation = (1,) * convdim
        cls = java.type(_JAVA_PREFIX + self._java)
        with E.errors():
            jop = cls(convdim, _border_mode(border_mode, convdim), _int_tuple(subsample, convdim, "subsample"),
                      bool(filter_flip), _declared_shape(imshp, 2 + convdim, "imshp"),
                      _declared_shape(kshp, 2 + convdim, "kshp"), _int_tuple(filter_dilation, convdim, "filter_dilation"),
                      int(num_groups))
        _EngineOp.__init__(self, jop)

    def make_node(self, *inputs):
        # the engine's makeNode takes Variables: shapes given as tuples become constants first
        return _EngineOp.make_node(self, *[int_vector_or_tensor(i) for i in inputs])

    def _params(self):
        """The op's parameters, read back from its Theano-style printing (the engine's fields are private)."""
        body = str(self._jop.toString()).split("{", 1)[1].rstrip("}")
        return {k: ast.literal_eval(v) for k, v in re.findall(r"(\w+)=('[^']*'|\([^)]*\)|\w+)", body)}

    border_mode = property(lambda self: self._params()["border_mode"])
    subsample = property(lambda self: self._params()["subsample"])
    filter_flip = property(lambda self: self._params()["filter_flip"])
    imshp = property(lambda self: self._params()["imshp"])
    kshp = property(lambda self: self._params()["kshp"])
    filter_dilation = property(lambda self: self._params()["filter_dilation"])
    num_groups = property(lambda self: self._params()["num_groups"])


class AbstractConv(BaseAbstractConv):
    _java = "Forward"


class AbstractConv_gradWeights(BaseAbstractConv):
    _java = "GradWeights"


class AbstractConv_gradInputs(BaseAbstractConv):
    _java = "GradInputs"


def _fixed_dim(base, convdim, name):
    def __init__(self, imshp=None, kshp=None, border_mode="valid", subsample=(1,) * convdim, filter_flip=True,
                 filter_dilation=(1,) * convdim, num_groups=1, unshared=False):
        base.__init__(self, convdim, imshp, kshp, border_mode, subsample, filter_flip, filter_dilation, num_groups,
                      unshared)
    return type(name, (base,), {"__init__": __init__, "convdim": convdim, "__module__": __name__,
                                "__doc__": "Theano's %s (convdim=%d)." % (name, convdim)})


AbstractConv2d = _fixed_dim(AbstractConv, 2, "AbstractConv2d")
AbstractConv3d = _fixed_dim(AbstractConv, 3, "AbstractConv3d")
AbstractConv2d_gradWeights = _fixed_dim(AbstractConv_gradWeights, 2, "AbstractConv2d_gradWeights")
AbstractConv3d_gradWeights = _fixed_dim(AbstractConv_gradWeights, 3, "AbstractConv3d_gradWeights")
AbstractConv2d_gradInputs = _fixed_dim(AbstractConv_gradInputs, 2, "AbstractConv2d_gradInputs")
AbstractConv3d_gradInputs = _fixed_dim(AbstractConv_gradInputs, 3, "AbstractConv3d_gradInputs")


_FACES = {("Forward", 2): AbstractConv2d, ("Forward", 3): AbstractConv3d,
          ("GradWeights", 2): AbstractConv2d_gradWeights, ("GradWeights", 3): AbstractConv3d_gradWeights,
          ("GradInputs", 2): AbstractConv2d_gradInputs, ("GradInputs", 3): AbstractConv3d_gradInputs}


def _face_of(jop):
    """node.op for an engine convolution node: an instance of the Theano class of its kind and convdim."""
    kind = str(jop.getClass().getSimpleName())
    dim = 3 if "convdim=3" in str(jop.toString()) else 2
    cls = _FACES[(kind, dim)]
    face = object.__new__(cls)
    _EngineOp.__init__(face, jop)
    return face


class _EngineConvFaces(object):
    """What wrap_op finds for the engine's AbstractConv classes: it defers to _face_of."""
    _face_of = staticmethod(_face_of)


for _kind in ("Forward", "GradWeights", "GradInputs"):
    register_engine_op_class(_JAVA_PREFIX + _kind, _EngineConvFaces)


# ----------------------------------------------------------------------------- shapes

def get_conv_shape_1axis(image_shape, kernel_shape, border_mode, subsample, dilation=1):
    """Output size along one axis (None when an input size is unknown), Theano's formula."""
    if None in [image_shape, kernel_shape, border_mode, subsample, dilation]:
        return None
    dil_kernel_shape = (kernel_shape - 1) * dilation + 1
    if border_mode == "half":
        pad = dil_kernel_shape // 2
    elif border_mode == "full":
        pad = dil_kernel_shape - 1
    elif border_mode == "valid":
        pad = 0
    else:
        pad = border_mode
        if pad < 0:
            raise ValueError("border_mode must be >= 0")
    if pad == 0:
        out_shp = image_shape - dil_kernel_shape
    else:
        out_shp = image_shape + 2 * pad - dil_kernel_shape
    if subsample != 1:
        out_shp = out_shp // subsample
    return out_shp + 1


def get_conv_output_shape(image_shape, kernel_shape, border_mode, subsample, filter_dilation=None):
    """(batch, output channels, spatial sizes...) of a convolution; None where unknown."""
    bsize, imshp = image_shape[0], image_shape[2:]
    nkern, kshp = kernel_shape[0], kernel_shape[2:]
    if filter_dilation is None:
        filter_dilation = (1,) * len(subsample)
    if isinstance(border_mode, tuple):
        out_shp = tuple(get_conv_shape_1axis(imshp[i], kshp[i], border_mode[i], subsample[i], filter_dilation[i])
                        for i in range(len(subsample)))
    else:
        out_shp = tuple(get_conv_shape_1axis(imshp[i], kshp[i], border_mode, subsample[i], filter_dilation[i])
                        for i in range(len(subsample)))
    return (bsize, nkern) + out_shp


# ----------------------------------------------------------------------------- functions

def _conv(convdim, input, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
          filter_dilation, num_groups, unshared=False):
    input = tb.as_tensor_variable(input)
    filters = tb.as_tensor_variable(filters)
    cls = AbstractConv2d if convdim == 2 else AbstractConv3d
    op = cls(imshp=input_shape, kshp=filter_shape, border_mode=border_mode, subsample=subsample,
             filter_flip=filter_flip, filter_dilation=filter_dilation, num_groups=num_groups, unshared=unshared)
    return op(input, filters)


def conv2d(input, filters, input_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1),
           filter_flip=True, filter_dilation=(1, 1), num_groups=1, unshared=False):
    """2-D convolution of a (batch, channels, rows, cols) input with (out channels, in channels / num_groups,
    rows, cols) filters (AbstractConv2d)."""
    return _conv(2, input, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                 filter_dilation, num_groups, unshared)


def conv3d(input, filters, input_shape=None, filter_shape=None, border_mode="valid", subsample=(1, 1, 1),
           filter_flip=True, filter_dilation=(1, 1, 1), num_groups=1):
    """3-D convolution of a (batch, channels, depth, rows, cols) input (AbstractConv3d)."""
    return _conv(3, input, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                 filter_dilation, num_groups)


def _shape_parts(shape, convdim, what):
    """A full shape given as a tuple (ints and/or scalar variables) or a symbolic vector: the numeric
    entries for the op's declared shape, and the spatial part as an integer vector variable."""
    if isinstance(shape, tb.Variable) and shape.ndim == 1:
        return None, shape[-convdim:]
    shape = tuple(shape)
    if len(shape) != 2 + convdim:
        raise ValueError("%s must have %d elements" % (what, 2 + convdim))
    numeric = [_constant_int(s) for s in shape]
    spatial = shape[-convdim:]
    if all(n is not None for n in numeric[-convdim:]):
        spatial_var = int_vector_or_tensor(numeric[-convdim:])
    else:
        spatial_var = tb.stack([tb.cast(tb.as_tensor_variable(s), "int64") for s in spatial])
    return numeric, spatial_var


def _grad_inputs(convdim, output_grad, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                 filter_dilation, num_groups):
    filters = tb.as_tensor_variable(filters)
    output_grad = tb.as_tensor_variable(output_grad)
    numeric, spatial = _shape_parts(input_shape, convdim, "input_shape")
    cls = AbstractConv2d_gradInputs if convdim == 2 else AbstractConv3d_gradInputs
    op = cls(imshp=numeric, kshp=filter_shape, border_mode=border_mode, subsample=subsample,
             filter_flip=filter_flip, filter_dilation=filter_dilation, num_groups=num_groups)
    return op(filters, output_grad, spatial)


def _grad_weights(convdim, input, output_grad, filter_shape, input_shape, border_mode, subsample, filter_flip,
                  filter_dilation, num_groups):
    input = tb.as_tensor_variable(input)
    output_grad = tb.as_tensor_variable(output_grad)
    numeric, spatial = _shape_parts(filter_shape, convdim, "filter_shape")
    cls = AbstractConv2d_gradWeights if convdim == 2 else AbstractConv3d_gradWeights
    op = cls(imshp=input_shape, kshp=numeric, border_mode=border_mode, subsample=subsample,
             filter_flip=filter_flip, filter_dilation=filter_dilation, num_groups=num_groups)
    return op(input, output_grad, spatial)


def conv2d_grad_wrt_inputs(output_grad, filters, input_shape, filter_shape=None, border_mode="valid",
                           subsample=(1, 1), filter_flip=True, filter_dilation=(1, 1), num_groups=1, unshared=False):
    """The gradient of conv2d with respect to its input (also: the transposed convolution)."""
    _refuse_unshared(unshared)
    return _grad_inputs(2, output_grad, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                        filter_dilation, num_groups)


def conv3d_grad_wrt_inputs(output_grad, filters, input_shape, filter_shape=None, border_mode="valid",
                           subsample=(1, 1, 1), filter_flip=True, filter_dilation=(1, 1, 1), num_groups=1):
    return _grad_inputs(3, output_grad, filters, input_shape, filter_shape, border_mode, subsample, filter_flip,
                        filter_dilation, num_groups)


def conv2d_grad_wrt_weights(input, output_grad, filter_shape, input_shape=None, border_mode="valid",
                            subsample=(1, 1), filter_flip=True, filter_dilation=(1, 1), num_groups=1, unshared=False):
    """The gradient of conv2d with respect to its filters."""
    _refuse_unshared(unshared)
    return _grad_weights(2, input, output_grad, filter_shape, input_shape, border_mode, subsample, filter_flip,
                         filter_dilation, num_groups)


def conv3d_grad_wrt_weights(input, output_grad, filter_shape, input_shape=None, border_mode="valid",
                            subsample=(1, 1, 1), filter_flip=True, filter_dilation=(1, 1, 1), num_groups=1):
    return _grad_weights(3, input, output_grad, filter_shape, input_shape, border_mode, subsample, filter_flip,
                         filter_dilation, num_groups)


def separable_conv2d(input, depthwise_filters, pointwise_filters, num_channels, input_shape=None,
                     depthwise_filter_shape=None, pointwise_filter_shape=None, border_mode="valid", subsample=(1, 1),
                     filter_flip=True, filter_dilation=(1, 1)):
    """A depthwise convolution (one group per input channel) followed by a 1x1 pointwise convolution."""
    depthwise_op = AbstractConv2d(imshp=input_shape, kshp=depthwise_filter_shape, border_mode=border_mode,
                                  subsample=subsample, filter_flip=filter_flip, filter_dilation=filter_dilation,
                                  num_groups=num_channels)
    depthwise_out = depthwise_op(tb.as_tensor_variable(input), tb.as_tensor_variable(depthwise_filters))
    pointwise_op = AbstractConv2d(kshp=pointwise_filter_shape, border_mode="valid", subsample=(1, 1),
                                  filter_flip=filter_flip, filter_dilation=(1, 1), num_groups=1)
    return pointwise_op(depthwise_out, tb.as_tensor_variable(pointwise_filters))


def separable_conv3d(input, depthwise_filters, pointwise_filters, num_channels, input_shape=None,
                     depthwise_filter_shape=None, pointwise_filter_shape=None, border_mode="valid",
                     subsample=(1, 1, 1), filter_flip=True, filter_dilation=(1, 1, 1)):
    depthwise_op = AbstractConv3d(imshp=input_shape, kshp=depthwise_filter_shape, border_mode=border_mode,
                                  subsample=subsample, filter_flip=filter_flip, filter_dilation=filter_dilation,
                                  num_groups=num_channels)
    depthwise_out = depthwise_op(tb.as_tensor_variable(input), tb.as_tensor_variable(depthwise_filters))
    pointwise_op = AbstractConv3d(kshp=pointwise_filter_shape, border_mode="valid", subsample=(1, 1, 1),
                                  filter_flip=filter_flip, filter_dilation=(1, 1, 1), num_groups=1)
    return pointwise_op(depthwise_out, tb.as_tensor_variable(pointwise_filters))


# ----------------------------------------------------------------------------- bilinear upsampling

def bilinear_kernel_1D(ratio, normalize=True):
    """The 1-D bilinear interpolation kernel for an integer upsampling ratio: the triangle
    1, 2, ..., ratio, ..., 2, 1 (length 2*ratio - 1), divided by ratio when normalize is true.
    ratio may be an int or a symbolic integer scalar."""
    from theano import config
    rising = tb.arange(1, ratio + 1, dtype=config.floatX)
    kernel = tb.concatenate([rising, rising[-2::-1]])
    if normalize:
        kernel = kernel / tb.cast(ratio, config.floatX)
    return kernel


def bilinear_kernel_2D(ratio, normalize=True):
    """The 2-D bilinear kernel: the outer product of two 1-D kernels ((2*ratio - 1) x (2*ratio - 1))."""
    k = bilinear_kernel_1D(ratio, normalize=normalize)
    return k.dimshuffle(0, "x") * k.dimshuffle("x", 0)


def bilinear_upsampling(input, ratio=None, frac_ratio=None, batch_size=None, num_input_channels=None,
                        use_1D_kernel=True):
    """Upsample the last two axes of a 4-D (batch, channels, rows, cols) tensor by an integer ratio
    with bilinear interpolation, as Theano 1.0 does: the border rows and columns are repeated once,
    then a transposed convolution with stride `ratio` spreads every pixel over the bilinear kernel.
    The result has shape (batch, channels, rows*ratio, cols*ratio); output pixel j along an axis
    samples the input at (j - (ratio-1)//2) / ratio, clamped to the edges.

    use_1D_kernel does the two axes one after the other (cheaper); the 2-D kernel gives the same values.
    batch_size and num_input_channels are optional static shape hints."""
    if ratio is None and frac_ratio is None:
        raise ValueError("No ratio (or frac_ratio) provided for bilinear_upsampling.")
    if frac_ratio is not None:
        raise NotImplementedError("theano-jvm: bilinear_upsampling with frac_ratio is not supported; "
                                  "use an integer ratio")
    input = tb.as_tensor_variable(input)
    if input.ndim != 4:
        raise TypeError("bilinear_upsampling expects a 4-D (batch, channels, rows, cols) tensor, got %d-D"
                        % input.ndim)
    try:
        images = batch_size * num_input_channels
    except TypeError:
        images = None
    rows, cols = input.shape[2], input.shape[3]
    # every (batch, channel) image becomes its own single-channel image
    images_in = input.reshape((-1, 1, rows, cols))
    # repeat the first and last row, then the first and last column, so the border interpolates
    # towards itself instead of towards zero
    padded = tb.concatenate([images_in[:, :, :1, :], images_in, images_in[:, :, -1:, :]], axis=2)
    padded = tb.concatenate([padded[:, :, :, :1], padded, padded[:, :, :, -1:]], axis=3)
    # the transposed convolution's border: puts sample 0 of the output (ratio-1)//2 steps before input 0
    pad = 2 * ratio - (ratio - 1) // 2 - 1
    up_rows, up_cols = rows * ratio, cols * ratio
    if use_1D_kernel:
        kernel = tb.cast(bilinear_kernel_1D(ratio, normalize=True), input.dtype)
        along_rows = conv2d_grad_wrt_inputs(
            padded, kernel.dimshuffle("x", "x", 0, "x"), input_shape=(images, 1, up_rows, cols + 2),
            filter_shape=(1, 1, None, 1), border_mode=(pad, 0), subsample=(ratio, 1), filter_flip=True)
        upsampled = conv2d_grad_wrt_inputs(
            along_rows, kernel.dimshuffle("x", "x", "x", 0), input_shape=(images, 1, up_rows, up_cols),
            filter_shape=(1, 1, 1, None), border_mode=(0, pad), subsample=(1, ratio), filter_flip=True)
    else:
        kernel = tb.cast(bilinear_kernel_2D(ratio, normalize=True), input.dtype)
        upsampled = conv2d_grad_wrt_inputs(
            padded, kernel.dimshuffle("x", "x", 0, 1), input_shape=(images, 1, up_rows, up_cols),
            filter_shape=(1, 1, None, None), border_mode=(pad, pad), subsample=(ratio, ratio), filter_flip=True)
    return upsampled.reshape((input.shape[0], input.shape[1], up_rows, up_cols))


def causal_conv1d(input, filters, filter_shape, input_shape=None, subsample=1, filter_flip=True, filter_dilation=1,
                  num_groups=1, unshared=False):
    """(Dilated) causal 1-D convolution of (instances, features, timesteps) with (kernels, features,
    kernel_size) filters: the output at time t depends only on the inputs up to t, by padding
    filter_dilation * (kernel_size - 1) zeros in front of the time axis before a valid conv2d. The
    result is (instances, kernels, timesteps / subsample)."""
    _refuse_unshared(unshared)
    input = tb.as_tensor_variable(input)
    filters = tb.as_tensor_variable(filters)
    if input.ndim != 3:
        raise ValueError("Input should be 3D for causal convolution.")
    if filters.ndim != 3:
        raise ValueError("Filters should be 3D for causal convolution.")
    kernel_size = _constant_int(tuple(filter_shape)[-1])
    if kernel_size is None:
        raise ValueError("filter_shape must give the kernel size as a constant for causal convolution")
    left_pad = filter_dilation * (kernel_size - 1)
    images = input.dimshuffle(0, 1, 2, "x")
    if left_pad > 0:
        zeros = tb.zeros((input.shape[0], input.shape[1], left_pad, 1), dtype=input.dtype)
        images = tb.concatenate([zeros, images], axis=2)
    padded_shape = None
    if input_shape is not None:
        n, c, t = tuple(input_shape)
        padded_shape = (n, c, None if t is None else t + left_pad, 1)
    out = conv2d(images, filters.dimshuffle(0, 1, 2, "x"), input_shape=padded_shape,
                 filter_shape=tuple(filter_shape) + (1,), border_mode="valid", subsample=(subsample, 1),
                 filter_flip=filter_flip, filter_dilation=(filter_dilation, 1), num_groups=num_groups)
    return out[:, :, :, 0]
