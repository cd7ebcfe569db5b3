"""theano.tensor.basic: tensor constructors and the tensor functions, with Theano 1.0's names and
signatures, each a thin call into the engine facade org.theanojvm.engine.tensor.T."""
import builtins
import numbers
import warnings
from functools import partial

import numpy

from theano import _engine as E
from theano.configdefaults import config
from theano.gof.graph import Constant, Variable
from theano.tensor.type import TensorType
from theano.tensor.var import AsTensorError, TensorConstant, TensorVariable, _tensor_py_operators

_T = E.T


def _j(x):
    """An argument as the engine takes it; unconvertible values raise Theano's AsTensorError."""
    try:
        return E.to_engine(x)
    except TypeError as e:
        raise AsTensorError(*e.args) from None


def _call(fn, *args):
    """Calls an engine facade function and wraps the resulting engine variable."""
    return E.wrap(E.call(fn, *args))


def _facade(name, feature=None):
    """A facade function that newer engines provide, or NotImplementedError saying what is missing."""
    try:
        return getattr(_T, name)
    except BaseException:
        raise NotImplementedError("theano-jvm: %s is not available in this engine build yet" % (feature or name)) from None


def _axes(axis, ndim=None):
    """Theano's axis argument (None, int, list/tuple, 0-d array, constant variable) as a Java int[]."""
    if axis is None:
        return None
    if isinstance(axis, Variable):
        axis = get_scalar_constant_value(axis) if axis.ndim == 0 else [int(a) for a in axis.data]
    if isinstance(axis, (numbers.Integral, numpy.integer)):
        axis = [int(axis)]
    elif isinstance(axis, numpy.ndarray) and axis.ndim == 0:
        axis = [int(axis)]
    else:
        axis = [int(a) for a in axis]
    return E.jint_array(axis)


def _dt(dtype):
    return E.dtype_of(dtype)


# ----------------------------------------------------------------------------- constants

def constant(x, name=None, ndim=None, dtype=None):
    """A TensorConstant (Python numbers autocast to the smallest dtype holding them, as Theano)."""
    if isinstance(x, Variable):
        raise TypeError("constant() takes a value, not a Variable: %s" % (x,))
    with E.errors():
        jx = _j(x) if not isinstance(x, (list, tuple)) else E.marshal.to_ndarray(numpy.asarray(x))
        c = E.wrap(_T.constant(jx, name, _dt(dtype)))
    if ndim is not None and c.ndim != ndim:
        if c.ndim > ndim:
            raise ValueError("ndarray could not be cast to constant with %i dimensions" % ndim)
        return constant(numpy.asarray(c.data).reshape((1,) * (ndim - c.ndim) + c.data.shape), name=name)
    return c


def as_tensor_variable(x, name=None, ndim=None):
    """x as a TensorVariable: variables pass through, values become constants (theano.tensor.as_tensor_variable)."""
    if hasattr(x, "_as_TensorVariable"):
        return x._as_TensorVariable()
    if isinstance(x, Variable):
        if not isinstance(x, _tensor_py_operators):
            raise AsTensorError("Cannot convert %s to TensorType" % (x,), type(x))
        if ndim is None:
            return x
        if x.ndim > ndim:
            # strip off leading broadcastable dimensions
            first_non_broadcastable = [idx for idx in range(x.ndim) if not x.broadcastable[idx]][0]
            x = x.dimshuffle(list(range(x.ndim))[first_non_broadcastable:])
            if x.ndim > ndim:
                raise ValueError("TensorType could not be cast to have %i dimensions" % ndim, x.type)
            return x
        if x.ndim < ndim:
            return shape_padleft(x, n_ones=(ndim - x.ndim))
        return x
    if isinstance(x, (tuple, list)) and builtins.any(isinstance(xi, Variable) for xi in x):
        try:
            return stack(x)
        except (TypeError, ValueError):
            pass
    if isinstance(x, bool):
        raise AsTensorError("Cannot cast True or False as a tensor variable. Please use np.array(True) or "
                            "np.array(False) if you need these constants. This error might be caused by using the "
                            "== operator on Variables. v == w does not do what you think it does, use "
                            "theano.tensor.eq(v, w) instead.")
    try:
        return constant(x, name=name, ndim=ndim)
    except (TypeError, ValueError) as e:
        raise AsTensorError("Cannot convert %s to TensorType" % str(x), type(x)) from e


_as_tensor_variable = as_tensor_variable
as_tensor = as_tensor_variable


def get_scalar_constant_value(v, elemwise=True, only_process_constants=False, max_recur=10):
    """The Python value of a constant scalar expression, or NotScalarConstantError."""
    if isinstance(v, (numbers.Number, numpy.number)):
        return numpy.asarray(v)
    if isinstance(v, numpy.ndarray) and v.ndim == 0:
        return v
    if isinstance(v, Constant):
        data = v.data
        if data.size == 1 or data.ndim == 0 or numpy.all(data == data.flat[0]):
            return numpy.asarray(data.flat[0] if data.ndim else data)
    if isinstance(v, Variable) and v.owner is not None and not only_process_constants:
        op = str(v.owner.op)
        ins = v.owner.inputs
        if op.startswith("Elemwise{Cast{") or op.startswith("DimShuffle") or op.startswith("Rebroadcast"):
            return get_scalar_constant_value(ins[0], elemwise, only_process_constants, max_recur)
        if op.startswith("Subtensor") and ins[0].owner is not None and str(ins[0].owner.op) == "Shape":
            pass
    raise NotScalarConstantError(v)


class NotScalarConstantError(Exception):
    """Raised by get_scalar_constant_value if called on something that is not a scalar constant."""


class EmptyConstantError(NotScalarConstantError):
    """Raised by get_scalar_const_value if called on something that is a zero dimensional constant."""


def get_vector_length(v):
    """The length of a vector whose length is known at graph-building time."""
    v = as_tensor_variable(v)
    if v.ndim != 1:
        raise TypeError("argument must be symbolic vector, got '%s'" % v)
    if v.type.broadcastable[0]:
        return 1
    if isinstance(v, Constant):
        return len(v.data)
    if v.owner is not None:
        op = str(v.owner.op)
        if op.startswith("MakeVector"):
            return len(v.owner.inputs)
        if op == "Shape":
            return v.owner.inputs[0].ndim
    raise ValueError("length not known: %s" % v)


# ----------------------------------------------------------------------------- constructors

def _ctor(broadcastable):
    def make(name=None, dtype=None):
        if dtype is None:
            dtype = config.floatX
        return TensorType(dtype, broadcastable)(name)
    return make


scalar = _ctor(())
vector = _ctor((False,))
matrix = _ctor((False, False))
row = _ctor((True, False))
col = _ctor((False, True))
tensor3 = _ctor((False,) * 3)
tensor4 = _ctor((False,) * 4)
tensor5 = _ctor((False,) * 5)
tensor6 = _ctor((False,) * 6)
tensor7 = _ctor((False,) * 7)
for _f, _n in ((scalar, "scalar"), (vector, "vector"), (matrix, "matrix"), (row, "row"), (col, "col"),
               (tensor3, "tensor3"), (tensor4, "tensor4"), (tensor5, "tensor5"), (tensor6, "tensor6"),
               (tensor7, "tensor7")):
    _f.__name__ = _n
    _f.__doc__ = "Return a symbolic %s variable (dtype defaults to config.floatX)." % _n


def tensor(*args, **kwargs):
    """tensor(dtype, broadcastable, name=None): a variable of TensorType(dtype, broadcastable)."""
    name = kwargs.pop("name", None)
    return TensorType(*args, **kwargs)(name=name)


_PREFIXES = {"b": "int8", "w": "int16", "i": "int32", "l": "int64", "f": "float32", "d": "float64",
             "c": "complex64", "z": "complex128"}
_SHAPES = {"scalar": (), "vector": (False,), "matrix": (False, False), "row": (True, False), "col": (False, True),
           "tensor3": (False,) * 3, "tensor4": (False,) * 4, "tensor5": (False,) * 5, "tensor6": (False,) * 6,
           "tensor7": (False,) * 7}

# As in Theano 1.0, dvector, fmatrix, ... are TensorType instances: calling one makes a variable, and
# they are the types as_op's itypes/otypes and TensorType comparisons take.
for _p, _dtype in _PREFIXES.items():
    for _s, _b in _SHAPES.items():
        globals()[_p + _s] = TensorType(_dtype, _b)


def _multi(*fns):
    """Theano's plural constructors: names as separate arguments (or one string), or a count."""
    def f2(f, *names):
        if names and isinstance(names[0], int):
            if names == 1:
                return f()
            else:
                return [f() for i in range(names[0])]
        if isinstance(names, tuple):
            if len(names) == 1:
                names = names[0]
        if len(names) == 1:
            return f(names)
        else:
            return [f(name) for name in names]
    if len(fns) == 1:
        return partial(f2, fns[0])
    else:
        return [partial(f2, f) for f in fns]


scalars, vectors, matrices, rows, cols, tensor3s, tensor4s, tensor5s, tensor6s, tensor7s = _multi(
    scalar, vector, matrix, row, col, tensor3, tensor4, tensor5, tensor6, tensor7)
for _p in _PREFIXES:
    for _s, _plural in (("scalar", "scalars"), ("vector", "vectors"), ("matrix", "matrices"), ("row", "rows"),
                        ("col", "cols"), ("tensor3", "tensor3s"), ("tensor4", "tensor4s"), ("tensor5", "tensor5s"),
                        ("tensor6", "tensor6s"), ("tensor7", "tensor7s")):
        globals()[_p + _plural] = _multi(globals()[_p + _s])


# ----------------------------------------------------------------------------- elementwise


def _elemwise1(name, theano_name=None):
    jname = name

    def fn(a):
        return _call(getattr(_T, jname), _j(a))
    fn.__name__ = theano_name or name
    fn.__doc__ = "Elementwise %s (Elemwise{%s,no_inplace})." % (theano_name or name, name)
    return fn


def _elemwise2(name, theano_name=None):
    jname = name

    def fn(a, b):
        return _call(getattr(_T, jname), _j(a), _j(b))
    fn.__name__ = theano_name or name
    fn.__doc__ = "Elementwise %s." % (theano_name or name)
    return fn


def add(a, *other_terms):
    """Elementwise addition of any number of tensors (broadcasting, upcasting as Theano)."""
    return _call(_T.add, *[_j(x) for x in (a,) + other_terms])


def mul(a, *other_terms):
    """Elementwise multiplication of any number of tensors."""
    return _call(_T.mul, *[_j(x) for x in (a,) + other_terms])


sub = _elemwise2("sub")
true_div = _elemwise2("trueDiv", "true_div")
int_div = _elemwise2("intDiv", "int_div")
floor_div = int_div
mod = _elemwise2("mod")
pow = _elemwise2("pow")
maximum = _elemwise2("maximum")
minimum = _elemwise2("minimum")
lt = _elemwise2("lt")
gt = _elemwise2("gt")
le = _elemwise2("le")
ge = _elemwise2("ge")
eq = _elemwise2("eq")
neq = _elemwise2("neq")
and_ = _elemwise2("and_")
or_ = _elemwise2("or_")
xor = _elemwise2("xor")
bitwise_and, bitwise_or, bitwise_xor = and_, or_, xor
less, greater, less_equal, greater_equal, equal, not_equal = lt, gt, le, ge, eq, neq

neg = _elemwise1("neg")
abs_ = _elemwise1("abs", "abs_")
sgn = _elemwise1("sgn")
sqr = _elemwise1("sqr")
square = sqr
sqrt = _elemwise1("sqrt")
exp = _elemwise1("exp")
exp2 = _elemwise1("exp2")
expm1 = _elemwise1("expm1")
log = _elemwise1("log")
log2 = _elemwise1("log2")
log10 = _elemwise1("log10")
log1p = _elemwise1("log1p")
sin = _elemwise1("sin")
cos = _elemwise1("cos")
tan = _elemwise1("tan")
arcsin = _elemwise1("arcsin")
arccos = _elemwise1("arccos")
arctan = _elemwise1("arctan")
sinh = _elemwise1("sinh")
cosh = _elemwise1("cosh")
tanh = _elemwise1("tanh")
arcsinh = _elemwise1("arcsinh")
arccosh = _elemwise1("arccosh")
arctanh = _elemwise1("arctanh")
arctan2 = _elemwise2("arctan2")  # arctan2(y, x), NumPy's order
# theano.scalar.basic_scipy's functions (Theano needs SciPy for them; here the engine has them)
erf = _elemwise1("erf")
erfc = _elemwise1("erfc")
erfinv = _elemwise1("erfinv")
erfcinv = _elemwise1("erfcinv")
gamma = _elemwise1("gamma")
gammaln = _elemwise1("gammaln")
psi = _elemwise1("psi")  # digamma
tri_gamma = _elemwise1("triGamma", "tri_gamma")
floor = _elemwise1("floor")
ceil = _elemwise1("ceil")
trunc = _elemwise1("trunc")
invert = _elemwise1("invert")
bitwise_not = invert
isnan = _elemwise1("isnan")
isinf = _elemwise1("isinf")
tensor_copy = _elemwise1("identity", "tensor_copy")
identity = tensor_copy


def round(a, mode=None):
    """Rounds elementwise; Theano 1.0's default mode is "half_away_from_zero"."""
    return _call(_T.round, _j(a), mode)


def iround(a, mode=None):
    return cast(round(a, mode), "int64")


def round_half_to_even(a):
    return round(a, "half_to_even")


def round_half_away_from_zero(a):
    return round(a, "half_away_from_zero")


def inv(a):
    return true_div(1.0, a)


def deg2rad(x):
    return mul(x, numpy.pi / 180.0)


def rad2deg(x):
    return mul(x, 180.0 / numpy.pi)


def mod_check(x, y):
    """x % y; Theano refuses complex operands."""
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    if x.dtype.startswith("complex") or y.dtype.startswith("complex"):
        raise TypeError("Theano does not support the modulo operation on complex numbers (% is not defined for them)")
    return mod(x, y)


def div_proxy(x, y):
    """Python 2's `/`: int_div for two integer operands (config.int_division), else true_div."""
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    if x.dtype.startswith(("int", "uint")) and y.dtype.startswith(("int", "uint")):
        if config.int_division == "raise":
            raise IntegerDivisionError("All dtypes are integers in a division. Use // for integer division, or "
                                       "cast one operand to float.")
        if config.int_division == "int":
            warnings.warn("Division of two integer types with x / y is deprecated, please use x // y for an "
                          "integer division.", DeprecationWarning, stacklevel=4)
            return int_div(x, y)
    return true_div(x, y)


class IntegerDivisionError(Exception):
    """Raised if someone tries to divide integers with '/' instead of '//'."""


def divmod(x, y):
    return floor_div(x, y), mod_check(x, y)


def switch(cond, ift, iff):
    """Elementwise if-then-else: ift where cond is nonzero, iff elsewhere."""
    return _call(_T.switch_, _j(cond), _j(ift), _j(iff))


where = switch


def clip(x, min, max):
    """Clips x to [min, max] elementwise."""
    return _call(_T.clip, _j(x), _j(min), _j(max))


def cast(x, dtype):
    """x converted to dtype (the variable itself when it already has it); 'floatX' allowed."""
    if dtype == "floatX":
        dtype = config.floatX
    x = as_tensor_variable(x)
    return _call(_T.cast, x._v, _dt(dtype))


def fill(model, value):
    """value broadcast to model's shape (Elemwise{second})."""
    return _call(_T.fill, _j(model), _j(value))


second = fill


def zeros_like(model, dtype=None, opt=False):
    """Zeros shaped like model (its dtype unless given)."""
    return _call(_T.zerosLike, _j(model), _dt(dtype))


def ones_like(model, dtype=None, opt=False):
    """Ones shaped like model (its dtype unless given)."""
    return _call(_T.onesLike, _j(model), _dt(dtype))


def _shape_parts(shape):
    if isinstance(shape, (numbers.Integral, numpy.integer, Variable)) and not (isinstance(shape, Variable) and shape.ndim == 1):
        shape = [shape]
    if isinstance(shape, Variable):
        return [shape[i] for i in range(get_vector_length(shape))]
    return list(shape)


def alloc(value, *shape):
    """value broadcast to the given (possibly symbolic) shape."""
    return _call(_T.alloc, _j(value), *[_j(int(s)) if isinstance(s, numpy.integer) else _j(s) for s in shape])


def zeros(shape, dtype=None):
    """A symbolic tensor of zeros (dtype defaults to floatX)."""
    if dtype is None:
        dtype = config.floatX
    return alloc(numpy.array(0, dtype=dtype), *_shape_parts(shape))


def ones(shape, dtype=None):
    """A symbolic tensor of ones (dtype defaults to floatX)."""
    if dtype is None:
        dtype = config.floatX
    return alloc(numpy.array(1, dtype=dtype), *_shape_parts(shape))


def real(z):
    """The real part (a real tensor is its own)."""
    return _call(_facade("real"), _j(z))


def imag(z):
    """The imaginary part (zeros for a real tensor)."""
    return _call(_facade("imag"), _j(z))


def conj(z):
    """The complex conjugate (a real tensor is its own)."""
    return _call(_facade("conj"), _j(z))


conjugate = conj


def complex(real, imag):  # noqa: A001 (Theano's name)
    """real + 1j * imag, complex64 from float32 parts, complex128 otherwise."""
    return _call(_facade("complex"), _j(real), _j(imag))


def angle(z):
    """The argument of z (Theano's angle: arctan2(imag(z), real(z)))."""
    return arctan2(imag(z), real(z))


# ----------------------------------------------------------------------------- reductions

def sum(input, axis=None, dtype=None, keepdims=False, acc_dtype=None):
    """Sum along axis (all axes when None), Theano's dtype/acc_dtype rules."""
    return _call(_T.sum, _j(input), _axes(axis), bool(keepdims), _dt(dtype), _dt(acc_dtype))


def prod(input, axis=None, dtype=None, keepdims=False, acc_dtype=None, no_zeros_in_input=False):
    """Product along axis."""
    if no_zeros_in_input:
        try:
            return _call(_T.prod, _j(input), _axes(axis), bool(keepdims), _dt(dtype), _dt(acc_dtype), True)
        except TypeError:
            pass
    return _call(_T.prod, _j(input), _axes(axis), bool(keepdims), _dt(dtype), _dt(acc_dtype))


def mean(input, axis=None, dtype=None, op=False, keepdims=False, acc_dtype=None):
    """Mean along axis: the sum divided by the reduced dimensions' sizes (named 'mean')."""
    if op:
        raise NotImplementedError("theano-jvm: mean(op=True) (the Mean op) is not implemented; use op=False")
    return _call(_T.mean, _j(input), _axes(axis), bool(keepdims), _dt(dtype), _dt(acc_dtype))


def max(x, axis=None, keepdims=False):
    """Maximum along axis (MaxAndArgmax's first output, as Theano 1.0)."""
    return _call(_T.max, _j(x), _axes(axis), bool(keepdims))


def min(x, axis=None, keepdims=False):
    return _call(_T.min, _j(x), _axes(axis), bool(keepdims))


def argmax(x, axis=None, keepdims=False):
    return _call(_T.argmax, _j(x), _axes(axis), bool(keepdims))


def argmin(x, axis=None, keepdims=False):
    return _call(_T.argmin, _j(x), _axes(axis), bool(keepdims))


def max_and_argmax(a, axis=None, keepdims=False):
    """Both outputs of one MaxAndArgmax node."""
    a = as_tensor_variable(a)
    axes = list(range(a.ndim)) if axis is None else [int(x) for x in (axis if isinstance(axis, (list, tuple)) else [axis])]
    with E.errors():
        node = E.jtype("ops.MaxAndArgmax")(E.jint_array(axes)).makeNode(E.jlist([a._v]))
        out, arg = E.wrap(node.outputs()[0]), E.wrap(node.outputs()[1])
        if keepdims:
            out = E.wrap(_T.makeKeepDims(a._v, out._v, E.jint_array(axes)))
            arg = E.wrap(_T.makeKeepDims(a._v, arg._v, E.jint_array(axes)))
    return [out, arg]


def any(x, axis=None, keepdims=False):
    return _call(_T.any, _j(x), _axes(axis), bool(keepdims))


def all(x, axis=None, keepdims=False):
    return _call(_T.all, _j(x), _axes(axis), bool(keepdims))


def makeKeepDims(x, y, axis):
    x, y = as_tensor_variable(x), as_tensor_variable(y)
    return _call(_T.makeKeepDims, x._v, y._v, _axes(axis))


def var(input, axis=None, ddof=0, keepdims=False, corrected=False):
    """Variance along axis, built as Theano 1.0 builds it (two-pass, optional correction); named 'var'."""
    if isinstance(ddof, bool):
        raise ValueError("Parameter keepdims is now at index 3: (input, axis=None, ddof=0, keepdims=False, corrected=False)")
    input = as_tensor_variable(input)
    input_ndim = input.type.ndim
    if axis is None:
        axis = list(range(input_ndim))
    elif isinstance(axis, (numbers.Integral, numpy.integer)):
        axis = [axis]
    elif isinstance(axis, numpy.ndarray) and axis.ndim == 0:
        axis = [int(axis)]
    else:
        axis = [int(a) for a in axis]
    mean_input = mean(input, axis, keepdims=True)
    centered_input = input - mean_input
    two = constant(2, dtype=centered_input.dtype)
    if ddof == 0:
        v = mean((centered_input ** two), axis, keepdims=keepdims)
    else:
        shp = shape(input) - ddof
        v = sum((centered_input ** two), axis=axis, keepdims=keepdims)
        for i in axis:
            v = true_div(v, shp[i])
    if corrected:
        if ddof == 0:
            error = mean(centered_input, axis, keepdims=keepdims) ** 2
        else:
            shp = shape(input) - ddof
            shp_inp = shape(input)
            error = sum(centered_input, axis=axis, keepdims=keepdims) ** 2
            for i in axis:
                error = true_div(error, shp[i] * shp_inp[i])
        v = v - error
    v.name = "var"
    return v


def std(input, axis=None, ddof=0, keepdims=False, corrected=False):
    """Standard deviation: sqrt(var(...)), named 'std'."""
    if isinstance(ddof, bool):
        raise ValueError("Parameter keepdims is now at index 3: (input, axis=None, ddof=0, keepdims=False, corrected=False)")
    ret = sqrt(var(input=input, axis=axis, ddof=ddof, keepdims=keepdims, corrected=corrected))
    ret.name = "std"
    return ret


# ----------------------------------------------------------------------------- products and shapes

def dot(a, b):
    """Matrix/vector product (mul for scalars)."""
    return _call(_T.dot, _j(a), _j(b))


def outer(x, y):
    return _call(_T.outer, _j(x), _j(y))


def tensordot(a, b, axes=2):
    fn = _facade("tensordot")
    a, b = as_tensor_variable(a), as_tensor_variable(b)
    if isinstance(axes, (numbers.Integral, numpy.integer)):
        return _call(fn, a._v, b._v, int(axes))
    pairs = [[int(i) for i in (ax if isinstance(ax, (list, tuple, numpy.ndarray)) else [ax])] for ax in axes]
    import java
    arr = java.type("int[][]")(2)
    arr[0] = E.jint_array(pairs[0])
    arr[1] = E.jint_array(pairs[1])
    return _call(fn, a._v, b._v, arr)


def batched_dot(a, b):
    return _call(_facade("batchedDot", "batched_dot"), _j(a), _j(b))


def shape(x):
    """The symbolic shape vector of x (int64)."""
    return _call(_T.shape, _j(x))


def dimshuffle(x, pattern):
    """x.dimshuffle(pattern): 'x' adds a broadcastable axis; dropped axes must be broadcastable."""
    x = as_tensor_variable(x)
    order = []
    for p in pattern:
        if p == "x":
            order.append(-1)
        elif isinstance(p, (numbers.Integral, numpy.integer)):
            order.append(int(p))
        else:
            raise TypeError("DimShuffle pattern entries must be 'x' or integers, got %r" % (p,))
    return _call(_T.dimshuffle, x._v, E.jint_array(order))


def transpose(x, axes=None):
    """Reverses (or permutes with axes) the dimensions."""
    x = as_tensor_variable(x)
    if axes is None:
        return _call(_T.transpose, x._v)
    return dimshuffle(x, list(axes))


def swapaxes(y, axis1, axis2):
    y = as_tensor_variable(y)
    li = list(range(y.ndim))
    li[axis1], li[axis2] = li[axis2], li[axis1]
    return y.dimshuffle(li)


def reshape(x, newshape, ndim=None):
    """x reshaped; newshape is a tuple of ints and int scalars, or an int vector variable."""
    x = as_tensor_variable(x)
    if ndim is None and isinstance(newshape, Variable) and newshape.ndim == 1:
        try:
            ndim = get_vector_length(newshape)
        except ValueError:
            raise ValueError("The length of the provided shape (%s) cannot be automatically determined, so Theano is "
                             "not able to know what the number of dimensions of the reshaped variable will be. You can "
                             "provide the 'ndim' keyword argument to 'reshape' to avoid this problem." % newshape)
    if isinstance(newshape, Variable):
        shp = newshape._v
    else:
        if isinstance(newshape, (numbers.Integral, numpy.integer)):
            newshape = [newshape]
        parts = list(newshape)
        if builtins.all(isinstance(p, (numbers.Integral, numpy.integer)) for p in parts):
            shp = E.jlong_array(parts)
        else:
            shp = E.jobject_array([int(p) if isinstance(p, (numbers.Integral, numpy.integer)) else _j(p) for p in parts])
    return _call(_T.reshape, x._v, shp, None if ndim is None else int(ndim))


def flatten(x, ndim=None, outdim=None):
    """x with its last dimensions merged so that it has ndim (default 1) dimensions."""
    if outdim is not None:
        ndim = outdim
    if ndim is None:
        ndim = 1
    return _call(_T.flatten, _j(x), int(ndim))


def shape_padleft(t, n_ones=1):
    t = as_tensor_variable(t)
    return dimshuffle(t, ["x"] * n_ones + list(range(t.ndim)))


def shape_padright(t, n_ones=1):
    t = as_tensor_variable(t)
    return dimshuffle(t, list(range(t.ndim)) + ["x"] * n_ones)


def shape_padaxis(t, axis):
    t = as_tensor_variable(t)
    ndim = t.ndim + 1
    if not -ndim <= axis < ndim:
        raise IndexError("axis {0} is out of bounds [-{1}, {1})".format(axis, ndim))
    if axis < 0:
        axis += ndim
    pattern = list(range(t.ndim))
    pattern.insert(axis, "x")
    return dimshuffle(t, pattern)


def addbroadcast(x, *axes):
    x = as_tensor_variable(x)
    return _call(_T.addbroadcast, x._v, E.jint_array([a % x.ndim if x.ndim else a for a in axes]))


def unbroadcast(x, *axes):
    x = as_tensor_variable(x)
    return _call(_T.unbroadcast, x._v, E.jint_array([a % x.ndim if x.ndim else a for a in axes]))


def patternbroadcast(x, broadcastable):
    x = as_tensor_variable(x)
    return _call(_T.patternbroadcast, x._v, E.jbool_array(broadcastable))


def squeeze(x):
    """x without its broadcastable dimensions."""
    x = as_tensor_variable(x)
    return dimshuffle(x, [i for i, b in enumerate(x.broadcastable) if not b])


# ----------------------------------------------------------------------------- joining, ranges, misc

def _tensor_list(tensors):
    return E.jobject_array([_j(t) for t in tensors])


def join(axis, *tensors_list):
    """Concatenates tensors along axis (Theano's Join)."""
    if len(tensors_list) == 1:
        return as_tensor_variable(tensors_list[0])
    return _call(_facade("join"), _j(axis), *[_j(t) for t in tensors_list])


def concatenate(tensor_list, axis=0):
    if not isinstance(tensor_list, (tuple, list)):
        raise TypeError("The 'tensors' argument must be either a tuple or a list, make sure you did not forget () "
                        "or [] around arguments of concatenate.", tensor_list)
    return join(axis, *tensor_list)


def stack(*tensors, **kwargs):
    """Stacks tensors along a new axis (default 0)."""
    if not tensors and not kwargs:
        raise Exception("theano.tensor.stack(tensors, axis) must have at least one parameter")
    if not kwargs and not isinstance(tensors[0], (list, tuple)):
        warnings.warn("stack(*tensors) interface is deprecated, use stack(tensors, axis=0) instead.",
                      DeprecationWarning, stacklevel=3)
        axis = 0
    elif "tensors" in kwargs:
        tensors = kwargs["tensors"]
        axis = kwargs.get("axis", 0)
    else:
        if len(tensors) == 2:
            axis = tensors[1]
        elif "axis" in kwargs:
            axis = kwargs["axis"]
        else:
            axis = 0
        tensors = tensors[0]
    if len(tensors) == 0:
        raise Exception("tensors is empty. You should at least provide one tensor to theano.tensor.stack(tensors, axis).")
    if builtins.all(isinstance(t, (numbers.Number, numpy.number)) or (isinstance(t, Variable) and t.ndim == 0)
                    for t in tensors) and axis == 0:
        ts = [as_tensor_variable(t) for t in tensors]
        dtype = _upcast(*[t.dtype for t in ts])
        with E.errors():
            return E.wrap(_T.makeVector(_dt(dtype), *[cast(t, dtype)._v for t in ts]))
    return join(axis, *[shape_padaxis(as_tensor_variable(t), axis) for t in tensors])


def _upcast(*dtypes):
    z = numpy.zeros((), dtype=dtypes[0])
    for d in dtypes[1:]:
        z = z + numpy.zeros((), dtype=d)
    return str(z.dtype)


def split(x, splits_size, n_splits, axis=0):
    with E.errors():
        return E.wrap_list(_facade("split")(_j(x), _j(splits_size), int(n_splits), int(axis)))


def arange(start, stop=None, step=1, dtype=None):
    """A symbolic range (Theano's ARange; dtype inferred like numpy.arange, ints as int64)."""
    if stop is None:
        start, stop = 0, start
    return _call(_facade("arange"), _j(start), _j(stop), _j(step), _dt(dtype))


def eye(n, m=None, k=0, dtype=None):
    if dtype is None:
        dtype = config.floatX
    return _call(_facade("eye"), _j(n), None if m is None else _j(m), _j(k), _dt(dtype))


def identity_like(x):
    return _call(_facade("identityLike", "identity_like"), _j(x))


def tri(N, M=None, k=0, dtype=None):
    if dtype is None:
        dtype = config.floatX
    return _call(_facade("tri"), _j(N), None if M is None else _j(M), _j(k), _dt(dtype))


def tril(m, k=0):
    return _call(_facade("tril"), _j(m), int(k))


def triu(m, k=0):
    return _call(_facade("triu"), _j(m), int(k))


def diag(v, k=0):
    return _call(_facade("diag"), _j(v), int(k))


from theano.gof.op import _EngineOp, register_engine_op_class as _register_face  # noqa: E402


class _DiagonalOp(_EngineOp):
    """What ExtractDiag and AllocDiag share: Theano's offset/axis1/axis2 parameters, read from the
    engine op, and one tensor input."""

    offset = property(lambda self: int(self._jop.offset()))
    axis1 = property(lambda self: int(self._jop.axis1()))
    axis2 = property(lambda self: int(self._jop.axis2()))

    def make_node(self, x):
        return _EngineOp.make_node(self, as_tensor_variable(x))


class ExtractDiag(_DiagonalOp):
    """Theano's ExtractDiag(offset=0, axis1=0, axis2=1, view=False): numpy.diagonal of a tensor with 2 or
    more dimensions (the two axes removed, the diagonal last). The result is always a copy here."""

    def __init__(self, offset=0, axis1=0, axis2=1, view=False):
        with E.errors():
            jop = E.jtype("ops.Diagonal$ExtractDiag")(int(offset), int(axis1), int(axis2), bool(view))
        _DiagonalOp.__init__(self, jop)

    view = property(lambda self: bool(self._jop.view()))


class AllocDiag(_DiagonalOp):
    """Theano's AllocDiag(offset=0, axis1=0, axis2=1): the input's last axis on the offset diagonal of the
    plane of axis1 and axis2 of a new tensor (one more dimension), zeros elsewhere."""

    def __init__(self, offset=0, axis1=0, axis2=1):
        with E.errors():
            jop = E.jtype("ops.Diagonal$AllocDiag")(int(offset), int(axis1), int(axis2))
        _DiagonalOp.__init__(self, jop)


class _AllocDiagFaces(object):
    """What wrap_op finds for the engine's AllocDiag: nlinalg's deprecated class for the op it makes
    (printed "AllocDiag"), else this module's AllocDiag."""

    @staticmethod
    def _face_of(jop):
        cls = AllocDiag
        if str(jop.toString()) == "AllocDiag":
            from theano.tensor import nlinalg
            cls = nlinalg.AllocDiag
        face = object.__new__(cls)
        _EngineOp.__init__(face, jop)
        return face


_register_face("org.theanojvm.engine.ops.Diagonal$ExtractDiag", ExtractDiag)
_register_face("org.theanojvm.engine.ops.Diagonal$AllocDiag", _AllocDiagFaces)


def diagonal(a, offset=0, axis1=0, axis2=1):
    return _call(_facade("diagonal"), _j(a), int(offset), int(axis1), int(axis2))


def take(a, indices, axis=None, mode="raise"):
    """Elements of a at indices along axis (flattened when axis is None)."""
    a = as_tensor_variable(a)
    indices = as_tensor_variable(indices)
    try:
        fn = getattr(_T, "take")
    except BaseException:
        fn = None
    if fn is not None:
        return _call(fn, a._v, indices._v, None if axis is None else int(axis), mode)
    if indices.ndim != 1 or mode != "raise":
        raise NotImplementedError("theano-jvm: take() with %d-d indices or mode=%r needs a newer engine" % (indices.ndim, mode))
    from theano.tensor.subtensor import advanced_subtensor1
    if axis is None:
        return advanced_subtensor1(a.flatten(), indices)
    if axis < 0:
        axis += a.ndim
    if axis == 0:
        return advanced_subtensor1(a, indices)
    shuffle = list(range(a.ndim))
    shuffle[0] = axis
    shuffle[axis] = 0
    return advanced_subtensor1(a.dimshuffle(shuffle), indices).dimshuffle(shuffle)


def cumsum(x, axis=None):
    return _call(_facade("cumsum"), _j(x), None if axis is None else int(axis))


def cumprod(x, axis=None):
    return _call(_facade("cumprod"), _j(x), None if axis is None else int(axis))


def sort(a, axis=-1, kind="quicksort", order=None):
    return _call(_facade("sort"), _j(a), None if axis is None else int(axis), kind, order)


def argsort(a, axis=-1, kind="quicksort", order=None):
    return _call(_facade("argsort"), _j(a), None if axis is None else int(axis), kind, order)


def repeat(x, repeats, axis=None):
    return _call(_facade("repeat"), _j(x), _j(repeats), None if axis is None else int(axis))


def tile(x, reps, ndim=None):
    if isinstance(reps, (list, tuple)) and builtins.all(isinstance(r, (numbers.Integral, numpy.integer)) for r in reps):
        jreps = E.jlong_array(reps)
    elif isinstance(reps, (list, tuple)):
        jreps = E.jobject_array([int(r) if isinstance(r, (numbers.Integral, numpy.integer)) else _j(r) for r in reps])
    else:
        jreps = _j(reps)
    return _call(_facade("tile"), _j(x), jreps, None if ndim is None else int(ndim))


def specify_shape(x, shape):
    return _call(_facade("specifyShape", "specify_shape"), _j(x), _j(shape))


def nonzero(a, return_matrix=False):
    """The indices of a's nonzero elements: a tuple of a.ndim int64 vectors (numpy.nonzero), or with
    return_matrix the (a.ndim, count) matrix Theano's Nonzero op computes."""
    a = as_tensor_variable(a)
    with E.errors():
        matrix_result = E.wrap(_T.nonzeroMatrix(a._v))
    if return_matrix:
        return matrix_result
    return tuple(matrix_result[i] for i in range(a.ndim))


def flatnonzero(a):
    """The indices of the nonzero elements of a.flatten() (numpy.flatnonzero)."""
    a = as_tensor_variable(a)
    if a.ndim == 0:
        raise ValueError("Nonzero only supports non-scalar arrays.")
    return nonzero(a.flatten(), return_matrix=True)[0]


def nonzero_values(a):
    """The nonzero elements of a.flatten(), in order (a[a.nonzero()] flattened)."""
    a = as_tensor_variable(a)
    return a.flatten()[flatnonzero(a)]


# ----------------------------------------------------------------------------- indexing helpers

def set_subtensor(x, y, inplace=False, tolerate_inplace_aliasing=False):
    """x with the indexed part (x must be an indexing result) replaced by y."""
    from theano.tensor.subtensor import set_subtensor as f
    return f(x, y, inplace, tolerate_inplace_aliasing)


def inc_subtensor(x, y, inplace=False, set_instead_of_inc=False, tolerate_inplace_aliasing=False):
    """x with y added to the indexed part."""
    from theano.tensor.subtensor import inc_subtensor as f
    return f(x, y, inplace, set_instead_of_inc, tolerate_inplace_aliasing)


def grad(*args, **kwargs):
    from theano.gradient import grad as g
    return g(*args, **kwargs)


def numpy_scalar(data):
    if data.ndim > 0 and (len(data.shape) == 0 or builtins.max(data.shape) == 0):
        raise EmptyConstantError()
    return data.flat[0] if data.ndim else data[()]


import types as _types  # noqa: E402

# `from theano.tensor.basic import *` (and theano.tensor) exports the tensor API, not helper modules
__all__ = [_n for _n, _v in list(globals().items())
           if not _n.startswith("_") and not isinstance(_v, _types.ModuleType) and _n not in ("partial", "E")]
