"""theano.tensor.raw_random: random variables drawn by numpy.random.RandomState.

A NumPy RandomState cannot live in the engine (it is a Python object, and the engine's values are
arrays), so its state travels as an array: a RandomStateType variable is, to the engine, an int64
vector holding the Mersenne Twister state (624 keys, position, has_gauss, the cached Gaussian's bits).
RandomFunction, a Python op, rebuilds the RandomState from that vector, draws with the very NumPy
method Theano calls (so a seed gives NumPy's numbers), and returns the advanced state as its first
output. Because the state is an ordinary tensor to the engine, it can be a shared variable with a
default update, and a recurrent state of scan.
"""
import numbers
from functools import reduce

import numpy as np

from theano import _engine as E
from theano.gof.graph import Apply, Variable
from theano.gof.op import Op
from theano.tensor.type import TensorType

_STATE_LEN = 624 + 3


class _LiveStates(object):
    """RandomState objects that are, right now, in the state a packed vector describes.

    Rebuilding a RandomState from its vector costs 20-40 ms on GraalPy (a RandomState() seeds itself
    from the OS and set_state goes through NumPy's Cython properties), far more than the draw itself.
    A RandomFunction's output state is, in a training loop, the next call's input state, so the
    RandomState that produced it is kept under the vector's bytes and reused as it is. An entry is
    removed before its RandomState draws again, so a vector only ever maps to a RandomState in exactly
    that state; a vector seen for the first time (a seed, a set_value, an older state fed again) is
    unpacked as before. A few entries cover several streams drawing in turn."""

    def __init__(self, capacity=64):
        self.capacity = capacity
        self._by_bytes = {}

    def take(self, vec):
        """A RandomState in the state `vec` holds, owned by the caller (it is no longer kept here)."""
        key = np.asarray(vec, dtype="int64").tobytes()
        rng = self._by_bytes.pop(key, None)
        return rng if rng is not None else unpack_state(vec)

    def keep(self, rng):
        """pack_state(rng), remembering rng as the RandomState in that state."""
        packed = pack_state(rng)
        if len(self._by_bytes) >= self.capacity:
            self._by_bytes.pop(next(iter(self._by_bytes)))  # the oldest
        self._by_bytes[packed.tobytes()] = rng
        return packed


_live_states = _LiveStates()


def pack_state(rng):
    """A RandomState's state as the int64 vector the engine carries."""
    _name, keys, pos, has_gauss, cached = rng.get_state()
    out = np.empty(_STATE_LEN, dtype="int64")
    out[:624] = keys
    out[624] = pos
    out[625] = has_gauss
    out[626] = np.asarray(cached, dtype="float64").view("int64")
    return out


def unpack_state(vec):
    """The RandomState whose state `vec` (from pack_state) holds."""
    vec = np.asarray(vec, dtype="int64")
    if vec.shape != (_STATE_LEN,):
        raise TypeError("not a random state vector: shape %s" % (vec.shape,))
    rng = np.random.RandomState()
    rng.set_state(("MT19937", vec[:624].astype("uint32"), int(vec[624]), int(vec[625]),
                   float(vec[626:627].view("float64")[0])))
    return rng


class RandomStateType(TensorType):
    """The type of random state variables (theano.tensor.raw_random.RandomStateType); to the engine an
    int64 vector (see the module comment)."""

    def __init__(self):
        super(RandomStateType, self).__init__("int64", (False,))

    def __str__(self):
        return "RandomStateType"

    __repr__ = __str__

    @staticmethod
    def is_valid_value(a):
        return type(a) == np.random.RandomState


random_state_type = RandomStateType()


class RandomFunction(Op):
    """Op drawing from numpy.random.RandomState: inputs (random state, shape, *distribution args),
    outputs (the new random state, the sample). fn is a RandomState method name or a function
    fn(random_state, *args, shape)."""

    __props__ = ("fn", "outtype", "inplace", "ndim_added")

    def __init__(self, fn, outtype, inplace=False, ndim_added=0):
        if isinstance(fn, str):
            self.fn = getattr(np.random.RandomState, fn)
        else:
            self.fn = fn
        self.outtype = outtype
        self.inplace = inplace
        self.ndim_added = ndim_added

    def __str__(self):
        return "RandomFunction{%s}" % self.fn.__name__

    def make_node(self, r, shape, *args):
        from theano.tensor.basic import as_tensor_variable, cast
        shape_ = as_tensor_variable(shape, ndim=1)
        if shape == ():
            shape = shape_.astype("int64")
        else:
            shape = shape_
        if shape.type.ndim != 1:
            raise TypeError("shape must be a vector or list", shape)
        if shape.type.dtype not in ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8"):
            raise TypeError("shape must be an integer vector or list", shape)
        shape = cast(shape, "int64")
        args = [as_tensor_variable(a) for a in args]
        return Apply(self, [r, shape] + args, [r.type(), self.outtype()])

    def perform(self, node, inputs, out_):
        rout, out = out_
        r, shape, args = inputs[0], inputs[1], list(inputs[2:])
        r = _live_states.take(r)
        # an empty shape means numpy decides the number of samples from the arguments
        shape = None if len(shape) == 0 else tuple(int(s) for s in shape)
        if (shape is not None and self.outtype.ndim != len(shape)
                and self.outtype.ndim != len(shape) + args[0].ndim):
            raise ValueError("Shape mismatch: self.outtype.ndim (%i) != len(shape) (%i)"
                             % (self.outtype.ndim, len(shape)))
        rval = self.fn(r, *(args + [shape]))
        if not isinstance(rval, np.ndarray) or str(rval.dtype) != node.outputs[1].type.dtype:
            rval = np.asarray(rval, dtype=node.outputs[1].type.dtype)
        if shape is None and rval.ndim == 0 and self.outtype.ndim > 0:
            rval = rval.reshape([1] * self.outtype.ndim)
        if len(rval.shape) != self.outtype.ndim:
            raise ValueError('Shape mismatch: "out" should have dimension %i, but the value produced by "perform" '
                             "has dimension %i" % (self.outtype.ndim, len(rval.shape)))
        rout[0] = _live_states.keep(r)
        out[0] = rval

    def grad(self, inputs, outputs):
        from theano.gradient import grad_undefined
        return [grad_undefined(self, k, inp, "No gradient defined through raw random numbers op")
                for k, inp in enumerate(inputs)]

    def R_op(self, inputs, eval_points):
        return [None for i in eval_points]


def _infer_ndim_bcast(ndim, shape, *args):
    """(ndim, shape as an int64 vector, broadcastable pattern) from the shape and the distribution
    arguments, as Theano infers them (-1 in a shape means the matching dimension of an argument)."""
    from theano import tensor
    args_ndim = max(arg.ndim for arg in args) if args else 0
    if isinstance(shape, (tuple, list)):
        shape_ndim = len(shape)
        if ndim is None:
            ndim = shape_ndim
        elif shape_ndim != ndim:
            raise ValueError("ndim should be equal to len(shape), but\n",
                             "ndim = %s, len(shape) = %s, shape = %s" % (ndim, shape_ndim, shape))
        bcast = []
        pre_v_shape = []
        for i, s in enumerate(shape):
            if hasattr(s, "type"):
                bcast.append(False)
                pre_v_shape.append(s)
            elif s >= 0:
                pre_v_shape.append(tensor.as_tensor_variable(s))
                bcast.append(s == 1)
            elif s == -1:
                n_a_i = 0
                for a in args:
                    if i >= ndim - a.ndim:
                        n_a_i += 1
                        a_i = i + a.ndim - ndim
                        if not a.broadcastable[a_i]:
                            pre_v_shape.append(a.shape[a_i])
                            bcast.append(False)
                            break
                else:
                    if n_a_i == 0:
                        raise ValueError("Auto-shape of -1 must overlap with the shape of one of the broadcastable "
                                         "inputs")
                    pre_v_shape.append(tensor.as_tensor_variable(1))
                    bcast.append(True)
            else:
                raise ValueError("negative shape", s)
        if len(pre_v_shape) == 0:
            v_shape = tensor.constant([], dtype="int64")
        else:
            v_shape = tensor.stack([tensor.cast(s, "int64") for s in pre_v_shape])
    elif shape is None:
        if not args:
            raise TypeError("_infer_ndim_bcast cannot infer shape without either shape or args")
        template = reduce(lambda a, b: a + b, args)
        v_shape = template.shape
        bcast = template.broadcastable
        ndim = template.ndim
    else:
        v_shape = tensor.as_tensor_variable(shape)
        if v_shape.ndim != 1:
            raise TypeError("shape must be a vector or list", shape)
        if ndim is None:
            ndim = tensor.get_vector_length(v_shape)
        bcast = [False] * ndim
    if v_shape.ndim != 1:
        raise TypeError("shape must be a vector or list", shape)
    if not (v_shape.dtype.startswith("int") or v_shape.dtype.startswith("uint")):
        raise TypeError("shape must be an integer vector or list", v_shape.dtype)
    if args_ndim > ndim:
        raise ValueError("ndim should be at least as big as required by args value", (ndim, args_ndim), args)
    assert ndim == len(bcast)
    return ndim, tensor.cast(v_shape, "int64"), tuple(bcast)


def _upcast_float(*dtypes):
    from theano.configdefaults import config
    from theano.tensor.basic import _upcast
    return _upcast(config.floatX, *dtypes)


def uniform(random_state, size=None, low=0.0, high=1.0, ndim=None, dtype=None):
    from theano import tensor
    low = tensor.as_tensor_variable(low)
    high = tensor.as_tensor_variable(high)
    if dtype is None:
        dtype = _upcast_float(low.dtype, high.dtype)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, low, high)
    op = RandomFunction("uniform", TensorType(dtype=dtype, broadcastable=bcast))
    return op(random_state, size, low, high)


def normal(random_state, size=None, avg=0.0, std=1.0, ndim=None, dtype=None):
    from theano import tensor
    avg = tensor.as_tensor_variable(avg)
    std = tensor.as_tensor_variable(std)
    if dtype is None:
        dtype = _upcast_float(avg.dtype, std.dtype)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, avg, std)
    op = RandomFunction("normal", TensorType(dtype=dtype, broadcastable=bcast))
    return op(random_state, size, avg, std)


def binomial(random_state, size=None, n=1, p=0.5, ndim=None, dtype="int64", prob=None):
    from theano import tensor
    if prob is not None:
        p = prob
    n = tensor.as_tensor_variable(n)
    p = tensor.as_tensor_variable(p)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, n, p)
    op = RandomFunction("binomial", TensorType(dtype=dtype, broadcastable=(False,) * ndim))
    return op(random_state, size, n, p)


def _generate_broadcasting_indices(out_shape, *shapes):
    """Index tuples into the output and each (broadcast) argument, for element-by-element loops."""
    all_shapes = (out_shape,) + shapes
    ret_indices = [[()] for _ in all_shapes]
    for dim in range(len(out_shape)):
        _ret_indices = [[] for _ in all_shapes]
        out_range = list(range(out_shape[dim]))
        ranges = [out_range]
        for shape in shapes:
            if shape[dim] == out_shape[dim]:
                ranges.append(out_range)
            elif shape[dim] == 1:
                ranges.append([0] * out_shape[dim])
            else:
                raise ValueError("shape[%i] (%i) should be equal to out_shape[%i] (%i) or to 1"
                                 % (dim, shape[dim], dim, out_shape[dim]), shape, out_shape, shapes)
        for prev_index in zip(*ret_indices):
            for dim_index in zip(*ranges):
                for i in range(len(all_shapes)):
                    _ret_indices[i].append(prev_index[i] + (dim_index[i],))
        ret_indices = _ret_indices
    return ret_indices


def random_integers_helper(random_state, low, high, size):
    """numpy's random_integers(low, high) element by element, low and high broadcast to the output."""
    out_ndim = len(size) if size is not None else max(low.ndim, high.ndim)
    if low.ndim > out_ndim:
        raise ValueError("low.ndim (%i) should not be larger than len(size) (%i)" % (low.ndim, out_ndim), low, size)
    if low.ndim < out_ndim:
        low = low.reshape((1,) * (out_ndim - low.ndim) + low.shape)
    if high.ndim > out_ndim:
        raise ValueError("high.ndim (%i) should not be larger than len(size) (%i)" % (high.ndim, out_ndim), high,
                         size)
    if high.ndim < out_ndim:
        high = high.reshape((1,) * (out_ndim - high.ndim) + high.shape)
    if size is not None:
        out_size = tuple(size)
    else:
        out_size = tuple(max(low.shape[d], high.shape[d]) for d in range(out_ndim))
    out = np.ndarray(out_size)
    broadcast_ind = _generate_broadcasting_indices(out_size, low.shape, high.shape)
    for oi, li, hi in zip(*broadcast_ind):
        # RandomState.random_integers(low, high) is randint(low, high + 1): the same draw
        out[oi] = random_state.randint(low=low[li], high=high[hi] + 1)
    return out


def random_integers(random_state, size=None, low=0, high=1, ndim=None, dtype="int64"):
    from theano import tensor
    low = tensor.as_tensor_variable(low)
    high = tensor.as_tensor_variable(high)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, low, high)
    op = RandomFunction(random_integers_helper, TensorType(dtype=dtype, broadcastable=bcast))
    return op(random_state, size, low, high)


def choice_helper(random_state, a, replace, p, size):
    if a.ndim > 1:
        raise ValueError("a.ndim (%i) must be 0 or 1" % a.ndim)
    if p.ndim == 1:
        if p.size == 0:
            p = None
    else:
        raise ValueError("p.ndim (%i) must be 1" % p.ndim)
    replace = bool(replace)
    return random_state.choice(a, size, replace, p)


def choice(random_state, size=None, a=2, replace=True, p=None, ndim=None, dtype="int64"):
    from theano import tensor
    a = tensor.as_tensor_variable(a)
    if isinstance(replace, bool):
        replace = tensor.constant(replace, dtype="int8")
    else:
        replace = tensor.as_tensor_variable(replace)
    # p=None travels as an empty vector
    p = tensor.as_tensor_variable(p) if p is not None else tensor.constant(np.zeros(0, dtype="float64"))
    ndim, size, bcast = _infer_ndim_bcast(ndim, size)
    op = RandomFunction(choice_helper, TensorType(dtype=dtype, broadcastable=bcast))
    return op(random_state, size, a, replace, p)


def poisson(random_state, size=None, lam=1.0, ndim=None, dtype="int64"):
    from theano import tensor
    lam = tensor.as_tensor_variable(lam)
    ndim, size, bcast = _infer_ndim_bcast(ndim, size)
    op = RandomFunction("poisson", TensorType(dtype=dtype, broadcastable=bcast))
    return op(random_state, size, lam)


def permutation_helper(random_state, n, shape):
    """One permutation of range(n) per entry of shape (numpy's permutation, repeated)."""
    assert n.shape == ()
    n = int(n.item())
    if shape is None:
        shape = ()
    out_shape = list(shape)
    out_shape.append(n)
    out = np.empty(out_shape, int)
    for i in np.ndindex(*shape):
        out[i] = random_state.permutation(n)
    return out


def permutation(random_state, size=None, n=1, ndim=None, dtype="int64"):
    if size is None or size == ():
        if not (ndim is None or ndim == 1):
            raise TypeError("You asked for just one permutation but asked for more then 1 dimensions.")
        ndim = 1
        size = ()
        bcast = ()
    else:
        ndim, size, bcast = _infer_ndim_bcast(ndim, size)
    op = RandomFunction(permutation_helper, TensorType(dtype=dtype, broadcastable=bcast + (False,)), ndim_added=1)
    return op(random_state, size, n)


def multinomial_helper(random_state, n, pvals, size):
    """numpy's multinomial(n, pvals) for every (broadcast) entry of n and row of pvals."""
    ndim = len(size) if size is not None else max(n.ndim, pvals.ndim - 1)
    if n.ndim > ndim:
        raise ValueError("n.ndim (%i) should not be larger than len(size) (%i)" % (n.ndim, ndim), n, size)
    if n.ndim < ndim:
        n = n.reshape((1,) * (ndim - n.ndim) + n.shape)
    if pvals.ndim - 1 > ndim:
        raise ValueError("pvals.ndim-1 (%i) should not be larger than len(size) (%i)" % (pvals.ndim - 1, ndim),
                         pvals, size)
    if pvals.ndim - 1 < ndim:
        pvals = pvals.reshape((1,) * (ndim - pvals.ndim + 1) + pvals.shape)
    if size is not None:
        size = tuple(size)
    else:
        size = tuple(max(n.shape[d], pvals.shape[d]) for d in range(ndim))
    out_size = size + (pvals.shape[-1],)
    out = np.ndarray(out_size)
    broadcast_ind = _generate_broadcasting_indices(size, n.shape, pvals.shape[:-1])
    assert pvals.min() >= 0
    for mi, ni, pi in zip(*broadcast_ind):
        pvi = pvals[pi]
        # numpy refuses probabilities summing (by rounding) to a little more than one
        pisum = np.sum(pvi)
        if 1.0 < pisum < 1.0 + 1e-5:
            pvi = pvi * (1.0 - 5e-5)
            pisum = np.sum(pvi)
        elif pvi[-1] < 5e-5:
            pvi = pvi * (1.0 - 5e-5)
            pisum = np.sum(pvi)
        assert pisum <= 1.0, pisum
        out[mi] = random_state.multinomial(n=n[ni], pvals=pvi.astype("float64"))
    return out


def multinomial(random_state, size=None, n=1, pvals=[0.5, 0.5], ndim=None, dtype="int64"):
    from theano import tensor
    n = tensor.as_tensor_variable(n)
    pvals = tensor.as_tensor_variable(pvals)
    tmp = pvals.T[0].T
    ndim, size, bcast = _infer_ndim_bcast(ndim, size, n, tmp)
    bcast = bcast + (pvals.type.broadcastable[-1],)
    op = RandomFunction(multinomial_helper, TensorType(dtype=dtype, broadcastable=bcast), ndim_added=1)
    return op(random_state, size, n, pvals)


class RandomStreamsBase(object):
    """The distributions of RandomStreams, each drawn through self.gen(op, *args)."""

    def binomial(self, size=None, n=1, p=0.5, ndim=None, dtype="int64", prob=None):
        if prob is not None:
            p = prob
        return self.gen(binomial, size, n, p, ndim=ndim, dtype=dtype)

    def uniform(self, size=None, low=0.0, high=1.0, ndim=None, dtype=None):
        return self.gen(uniform, size, low, high, ndim=ndim, dtype=dtype)

    def normal(self, size=None, avg=0.0, std=1.0, ndim=None, dtype=None):
        return self.gen(normal, size, avg, std, ndim=ndim, dtype=dtype)

    def random_integers(self, size=None, low=0, high=1, ndim=None, dtype="int64"):
        return self.gen(random_integers, size, low, high, ndim=ndim, dtype=dtype)

    def choice(self, size=None, a=2, replace=True, p=None, ndim=None, dtype="int64"):
        return self.gen(choice, size, a, replace, p, ndim=ndim, dtype=dtype)

    def poisson(self, size=None, lam=None, ndim=None, dtype="int64"):
        return self.gen(poisson, size, lam, ndim=ndim, dtype=dtype)

    def permutation(self, size=None, n=1, ndim=None, dtype="int64"):
        return self.gen(permutation, size, n, ndim=ndim, dtype=dtype)

    def multinomial(self, size=None, n=1, pvals=[0.5, 0.5], ndim=None, dtype="int64"):
        return self.gen(multinomial, size, n, pvals, ndim=ndim, dtype=dtype)

    def shuffle_row_elements(self, input):
        """input with the elements of each row (last axis) in a random order."""
        perm = self.permutation(size=input.shape[:-1], n=input.shape[-1], ndim=input.ndim - 1)
        shuffled = _take_rows(input, perm)
        shuffled.permutation = perm
        return shuffled


def _take_rows(input, perm):
    if input.ndim == 1:
        return input[perm]
    raise NotImplementedError("theano-jvm: shuffle_row_elements is implemented for vectors only")
