"""theano.tensor.signal.pool: max/sum/average pooling over the last 2 (pool_2d) or 3 (pool_3d) dimensions.

The ops are the engine's org.theanojvm.engine.nnet.Pool.{Forward, MaxPoolGrad, AveragePoolGrad,
DownsampleFactorMaxGradGrad}; the classes here are their Python faces with Theano's constructor
signatures (Pool(ignore_border, mode, ndim)(x, ws, stride, pad))."""
import warnings

import java
import numpy

from theano import _engine as E
from theano.gof.op import _EngineOp, register_engine_op_class
from theano.tensor import basic as tb
from theano.tensor.nnet.abstract_conv import int_vector_or_tensor

_JAVA_PREFIX = "org.theanojvm.engine.nnet.Pool$"
_MODES = ("max", "sum", "average_inc_pad", "average_exc_pad")


def _int_vector(v):
    """ws/stride/pad (a tuple of ints or scalars, or an int vector) as a symbolic int vector."""
    if isinstance(v, tb.Variable):
        return v
    return int_vector_or_tensor(tuple(v))


def _check_mode(mode):
    if mode == "max_deterministic":
        mode = "max"  # Theano: the max algorithm is already deterministic
    if mode not in _MODES:
        raise ValueError("Pool mode parameter only support 'max', 'sum', 'average_inc_pad' and 'average_exc_pad'. "
                         "Got %s" % mode)
    return mode


class PoolGrad(_EngineOp):
    """Base of the pooling gradient ops (Theano's PoolGrad)."""


def _new(kind, *args):
    with E.errors():
        return java.type(_JAVA_PREFIX + kind)(*args)


class Pool(_EngineOp):
    """Pool(ignore_border=False, mode='max', ndim=2)(x, ws, stride=None, pad=None)."""

    def __init__(self, ignore_border=False, mode="max", ndim=2, openmp=None):
        _EngineOp.__init__(self, _new("Forward", bool(ignore_border), _check_mode(mode), int(ndim)))

    def make_node(self, x, ws, stride=None, pad=None):
        x = tb.as_tensor_variable(x)
        nd = self.ndim
        if stride is None:
            stride = ws
        if pad is None:
            pad = (0,) * nd
        if not self.ignore_border and not isinstance(pad, tb.Variable) and any(int(p) != 0 for p in pad):
            raise NotImplementedError("padding works only with ignore_border=True")
        if not isinstance(pad, tb.Variable) and not isinstance(ws, tb.Variable) and \
                any(int(p) >= int(w) for p, w in zip(pad, ws)):
            raise NotImplementedError("padding must be smaller than strides")
        return _EngineOp.make_node(self, x, _int_vector(ws), _int_vector(stride), _int_vector(pad))

    def __call__(self, x, ws, stride=None, pad=None):
        return self.make_node(x, ws, stride, pad).outputs[0]

    def _flag(self, name):
        text = str(self._jop.toString())
        return text.split(name + "=", 1)[1].split(",", 1)[0].rstrip("}")

    ignore_border = property(lambda self: self._flag("ignore_border") == "True")
    mode = property(lambda self: self._flag("mode").strip("'"))
    ndim = property(lambda self: int(self._flag("ndim")))

    @staticmethod
    def out_shape(imgshape, ws=None, ignore_border=False, stride=None, pad=None, ndim=2, ds=None, st=None,
                  padding=None):
        """The output shape for an input of shape imgshape (ints or scalar variables)."""
        ws, stride, pad = _deprecated_names(ws, stride, pad, ds, st, padding, ndim)
        if len(imgshape) < ndim:
            raise TypeError("imgshape must have at least {} dimensions".format(ndim))
        if stride is None:
            stride = ws
        if pad is None:
            pad = (0,) * ndim
        patch = tuple(imgshape[-ndim + i] + pad[i] * 2 for i in range(ndim))

        def compute_out(v, downsample, st):
            symbolic = isinstance(v, tb.Variable)
            if ignore_border:
                if downsample == st:
                    return v // st
                out = (v - downsample) // st + 1
                return tb.maximum(out, 0) if symbolic else numpy.maximum(out, 0)
            if symbolic:
                return tb.switch(tb.ge(st, downsample), (v - 1) // st + 1,
                                 tb.maximum(0, (v - 1 - downsample) // st + 1) + 1)
            if st >= downsample:
                return (v - 1) // st + 1
            return max(0, (v - 1 - downsample + st) // st) + 1

        return list(imgshape[:-ndim]) + [compute_out(patch[i], ws[i], stride[i]) for i in range(ndim)]


class MaxPoolGrad(PoolGrad):
    """MaxPoolGrad(ignore_border, ndim=2)(x, maxout, gz, ws, stride=None, pad=None)."""

    def __init__(self, ignore_border, ndim=2, openmp=None):
        _EngineOp.__init__(self, _new("MaxPoolGrad", bool(ignore_border), int(ndim)))

    def make_node(self, x, maxout, gz, ws, stride=None, pad=None):
        nd = int(str(self._jop.toString()).rsplit("ndim=", 1)[1].rstrip("}"))
        return _EngineOp.make_node(self, tb.as_tensor_variable(x), tb.as_tensor_variable(maxout),
                                   tb.as_tensor_variable(gz), _int_vector(ws),
                                   _int_vector(ws if stride is None else stride),
                                   _int_vector((0,) * nd if pad is None else pad))

    def __call__(self, *args, **kwargs):
        return self.make_node(*args, **kwargs).outputs[0]


class AveragePoolGrad(PoolGrad):
    """AveragePoolGrad(ignore_border, mode='average_inc_pad', ndim=2)(x, gz, ws, stride=None, pad=None)."""

    def __init__(self, ignore_border, mode="average_inc_pad", ndim=2):
        _EngineOp.__init__(self, _new("AveragePoolGrad", bool(ignore_border), mode, int(ndim)))

    def make_node(self, x, gz, ws, stride=None, pad=None):
        nd = int(str(self._jop.toString()).rsplit("ndim=", 1)[1].rstrip("}"))
        return _EngineOp.make_node(self, tb.as_tensor_variable(x), tb.as_tensor_variable(gz), _int_vector(ws),
                                   _int_vector(ws if stride is None else stride),
                                   _int_vector((0,) * nd if pad is None else pad))

    def __call__(self, *args, **kwargs):
        return self.make_node(*args, **kwargs).outputs[0]


class DownsampleFactorMaxGradGrad(_EngineOp):
    """The gradient of MaxPoolGrad (used for second derivatives of max pooling)."""

    def __init__(self, ignore_border, mode="max", ndim=2):
        _EngineOp.__init__(self, _new("DownsampleFactorMaxGradGrad", bool(ignore_border), int(ndim)))


def _register_faces():
    faces = {"Forward": Pool, "MaxPoolGrad": MaxPoolGrad, "AveragePoolGrad": AveragePoolGrad,
             "DownsampleFactorMaxGradGrad": DownsampleFactorMaxGradGrad}
    for kind, cls in faces.items():
        register_engine_op_class(_JAVA_PREFIX + kind, cls)


_register_faces()


# ----------------------------------------------------------------------------- functions

def _deprecated_names(ws, stride, pad, ds, st, padding, ndim):
    """Theano 1.0 renamed ds/st/padding to ws/stride/pad; the old names still work with a warning."""
    if ds is not None:
        if ws is not None:
            raise ValueError("You can't provide a tuple value to both 'ws' and 'ds'. Please provide a value only to "
                             "'ws'.")
        warnings.warn("DEPRECATION: the 'ds' parameter is not going to exist anymore as it is going to be replaced by "
                      "the parameter 'ws'.", stacklevel=3)
        ws = ds
    elif ws is None:
        raise ValueError("You must provide a tuple value for the window size.")
    if st is not None:
        if stride is not None:
            raise ValueError("You can't provide a tuple value to both 'st and 'stride'. Please provide a value only to "
                             "'stride'.")
        warnings.warn("DEPRECATION: the 'st' parameter is not going to exist anymore as it is going to be replaced by "
                      "the parameter 'stride'.", stacklevel=3)
        stride = st
    if padding is not None:
        if pad not in {None, (0,) * ndim}:
            raise ValueError("You can't provide a tuple value to both 'padding' and pad.  Please provide a value only "
                             "to pad.")
        warnings.warn("DEPRECATION: the 'padding' parameter is not going to exist anymore as it is going to be "
                      "replaced by the parameter 'pad'.", stacklevel=3)
        pad = padding
    return ws, stride, pad


def _pool_nd(nd, input, ws, ignore_border, stride, pad, mode, ds, st, padding):
    ws, stride, pad = _deprecated_names(ws, stride, pad, ds, st, padding, nd)
    input = tb.as_tensor_variable(input)
    if input.ndim < nd:
        raise NotImplementedError("pool_%dd requires a dimension >= %d" % (nd, nd))
    if ignore_border is None:
        zero = "(0, 0)" if nd == 2 else "(0, 0, 0)"
        warnings.warn("pool_%dd() will have the parameter ignore_border default value changed to True (currently "
                      "False). To have consistent behavior with all Theano version, explicitly add the parameter "
                      "ignore_border=True. On the GPU, using ignore_border=True is needed to use cuDNN. When using "
                      "ignore_border=False and not using cuDNN, the only GPU combination supported is when "
                      "`ws == stride and pad == %s and mode == 'max'`. Otherwise, the convolution will be executed "
                      "on CPU." % (nd, zero), stacklevel=3)
        ignore_border = False
    return Pool(ignore_border, ndim=nd, mode=mode)(input, ws, stride, pad)


def pool_2d(input, ws=None, ignore_border=None, stride=None, pad=(0, 0), mode="max", ds=None, st=None,
            padding=None):
    """Pools non-overlapping (or, with stride, overlapping) ws windows over the last two dimensions.
    mode: 'max', 'sum', 'average_inc_pad' (padding counted) or 'average_exc_pad'. ignore_border=False
    keeps partial windows at the border; its default (None) warns and means False, as in Theano 1.0.
    ds/st/padding are the deprecated names of ws/stride/pad."""
    return _pool_nd(2, input, ws, ignore_border, stride, pad, mode, ds, st, padding)


def pool_3d(input, ws=None, ignore_border=None, stride=None, pad=(0, 0, 0), mode="max", ds=None, st=None,
            padding=None):
    """pool_2d over the last three dimensions."""
    return _pool_nd(3, input, ws, ignore_border, stride, pad, mode, ds, st, padding)


def max_pool_2d_same_size(input, patch_size):
    """Keeps the maximum of each non-overlapping patch_size patch in place and zeroes the rest."""
    output = Pool(True)(input, patch_size)
    return MaxPoolGrad(True)(input, output, output, patch_size)
