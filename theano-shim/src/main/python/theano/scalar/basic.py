"""theano.scalar.basic: what Theano's scalar module offers user code: the Scalar types (float64,
int32...), upcast/upgrade_to_float, and the scalar ops (exp, add, ...) with Theano's class names
(Exp, Add, TrueDiv...), so rewrites can test `node.op.scalar_op == theano.scalar.exp` or
`isinstance(node.op.scalar_op, theano.scalar.Exp)`, and `T.Elemwise(theano.scalar.exp)` builds an op.

The scalar ops are faces of the engine's (org.theanojvm.engine.ops.scalar.ScalarOp). The engine has no
graph variables of scalar (non-tensor) type: theano.tensor's 0-d tensors play that part, so calling a
Scalar type or a scalar op on variables raises NotImplementedError with that advice. A ScalarOp
subclass written in Python cannot be applied elementwise by the engine either (use a theano.Op).
"""
import builtins

import numpy

from theano import _engine as E
from theano.gof.utils import object2

__all__ = ["Scalar", "ScalarOp", "upcast", "upgrade_to_float", "get_scalar_type", "as_scalar", "float_types",
           "int_types", "uint_types", "complex_types", "discrete_types", "continuous_types", "all_types", "bool",
           "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64",
           "complex64", "complex128", "Cast", "Composite", "wrap_scalar_op"]

_builtin_bool = builtins.bool  # this module binds `bool` to Theano's Scalar('bool')


def upcast(dtype, *dtypes):
    """The dtype NumPy gives when combining these dtypes (Theano's scalar.upcast, with floatX for
    Python floats when config.floatX is float32 as Theano's cast_policy does)."""
    z = numpy.zeros((), dtype=dtype)
    for d in dtypes:
        z = z + numpy.zeros((), dtype=d)
    return str(z.dtype)


class Scalar(object2):
    """The type of a scalar of one dtype (theano.scalar.Scalar); prints as its dtype."""

    def __init__(self, dtype):
        if dtype == "floatX":
            from theano import config
            dtype = config.floatX
        self.dtype = str(numpy.dtype(dtype))

    def __eq__(self, other):
        return type(other) is type(self) and other.dtype == self.dtype

    def __hash__(self):
        return hash((type(self), self.dtype))

    def __str__(self):
        return self.dtype

    def __repr__(self):
        return "Scalar(%s)" % self.dtype

    def filter(self, data, strict=False, allow_downcast=None):
        value = numpy.asarray(data)
        if strict and value.dtype != numpy.dtype(self.dtype):
            raise TypeError("Value %r is of dtype %s, not %s" % (data, value.dtype, self.dtype))
        return numpy.asarray(value, dtype=self.dtype)[()]

    @property
    def ndim(self):
        return 0

    def __call__(self, name=None):
        raise NotImplementedError("theano-jvm has no scalar (non-tensor) variables: use theano.tensor.scalar(%r, "
                                  "dtype=%r), a 0-d tensor, instead" % (name, self.dtype))

    make_variable = __call__


def get_scalar_type(dtype):
    return Scalar(dtype)


bool = Scalar("bool")  # noqa: A001 (Theano's name)
int8, int16, int32, int64 = (Scalar(d) for d in ("int8", "int16", "int32", "int64"))
uint8, uint16, uint32, uint64 = (Scalar(d) for d in ("uint8", "uint16", "uint32", "uint64"))
float16, float32, float64 = (Scalar(d) for d in ("float16", "float32", "float64"))
complex64, complex128 = Scalar("complex64"), Scalar("complex128")
int_types = int8, int16, int32, int64
uint_types = uint8, uint16, uint32, uint64
float_types = float16, float32, float64
complex_types = complex64, complex128
discrete_types = (bool,) + int_types + uint_types
continuous_types = float_types + complex_types
all_types = discrete_types + continuous_types


def upgrade_to_float(*types):
    """Theano's output-type rule for float functions of ints: int8/int16 -> float32, other ints -> float64."""
    conv = {"bool": "float32", "int8": "float32", "int16": "float32", "uint8": "float32", "uint16": "float32",
            "int32": "float64", "int64": "float64", "uint32": "float64", "uint64": "float64"}
    return (Scalar(upcast(*[conv.get(t.dtype, t.dtype) for t in types])),)


def as_scalar(x, name=None):
    raise NotImplementedError("theano-jvm has no scalar (non-tensor) variables: use theano.tensor.as_tensor_variable")


class ScalarOp(object2):
    """Base of scalar ops. Engine ones are faces (`_jop`); equal when the engine says they are."""

    nin = -1
    nout = 1

    def __init__(self, output_types_preference=None, name=None):
        self.name = name
        self.output_types_preference = output_types_preference

    def __eq__(self, other):
        jop = getattr(self, "_jop", None)
        if jop is not None:
            return getattr(other, "_jop", None) is not None and _builtin_bool(jop.equals(other._jop))
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        jop = getattr(self, "_jop", None)
        return int(jop.hashCode()) if jop is not None else hash(type(self))

    def __str__(self):
        jop = getattr(self, "_jop", None)
        return str(jop.name()) if jop is not None else (self.name or type(self).__name__.lower())

    __repr__ = __str__

    def __call__(self, *inputs):
        raise NotImplementedError("theano-jvm applies scalar ops elementwise only: use theano.tensor.%s or "
                                  "theano.tensor.Elemwise(theano.scalar.%s)(...) on tensors" % (self, self))


# Theano's class names of the engine's scalar ops (theano/scalar/basic.py, basic_scipy.py, nnet/sigm.py)
_CLASS_NAMES = {
    "add": "Add", "sub": "Sub", "mul": "Mul", "true_div": "TrueDiv", "int_div": "IntDiv", "mod": "Mod", "pow": "Pow",
    "neg": "Neg", "sqr": "Sqr", "abs_": "Abs", "sgn": "Sgn", "maximum": "Maximum", "minimum": "Minimum",
    "identity": "Identity", "second": "Second", "lt": "LT", "gt": "GT", "le": "LE", "ge": "GE", "eq": "EQ",
    "neq": "NEQ", "and_": "AND", "or_": "OR", "xor": "XOR", "invert": "Invert", "switch": "Switch", "clip": "Clip",
    "isnan": "IsNan", "isinf": "IsInf", "exp": "Exp", "exp2": "Exp2", "expm1": "Expm1", "log": "Log", "log2": "Log2",
    "log10": "Log10", "log1p": "Log1p", "sqrt": "Sqrt", "sin": "Sin", "cos": "Cos", "tan": "Tan",
    "arcsin": "ArcSin", "arccos": "ArcCos", "arctan": "ArcTan", "sinh": "Sinh", "cosh": "Cosh", "tanh": "Tanh",
    "sigmoid": "ScalarSigmoid", "softplus": "ScalarSoftplus", "floor": "Floor", "ceil": "Ceil", "trunc": "Trunc",
    "round_half_to_even": "RoundHalfToEven", "round_half_away_from_zero": "RoundHalfAwayFromZero",
    "arcsinh": "ArcSinh", "arccosh": "ArcCosh", "arctanh": "ArcTanh", "erf": "Erf", "erfc": "Erfc",
    "erfinv": "Erfinv", "erfcinv": "Erfcinv", "gamma": "Gamma", "gammaln": "GammaLn", "psi": "Psi",
    "tri_gamma": "TriGamma", "arctan2": "ArcTan2", "ultra_fast_sigmoid": "UltraFastScalarSigmoid",
}


def _face_class(class_name):
    cls = globals().get(class_name)
    if cls is None:
        cls = type(class_name, (ScalarOp,), {"__module__": __name__, "__doc__": "Theano's %s scalar op." % class_name})
        globals()[class_name] = cls
        __all__.append(class_name)
    return cls


class Cast(ScalarOp):
    """Conversion to a dtype (theano.scalar.Cast); o_type is the target Scalar type."""

    @property
    def o_type(self):
        return Scalar(str(self._jop.name()).split("{")[-1].rstrip("}"))


class Composite(ScalarOp):
    """A fused expression of scalar ops (what the fusion rewrite puts in an Elemwise)."""


def wrap_scalar_op(jsop):
    """The Python face of an engine scalar op."""
    name = str(jsop.name())
    simple = str(jsop.getClass().getSimpleName())
    if simple == "Cast" or name.startswith("Cast{") or name.startswith("convert_to_"):
        cls = Cast
    elif simple == "Composite" or name.startswith("Composite{"):
        cls = Composite
    else:
        cls = _face_class(_CLASS_NAMES.get(name, "".join(p.capitalize() for p in name.strip("_").split("_"))))
    face = cls.__new__(cls)
    face._jop = jsop
    return face


def _export_constants():
    with E.errors():
        constants = E.jtype("graph.OpRegistry").scalarOps()
    for jname in constants.keySet():
        name = str(jname)
        face = wrap_scalar_op(constants.get(jname))
        globals()[name] = face
        __all__.append(name)


_export_constants()
