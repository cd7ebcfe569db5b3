"""The bridge to the Java engine: engine classes, Python wrappers of engine objects, value conversion
and exception translation. Every other module of the shim goes through here.

Design notes (why it looks like this):

* One Python wrapper per engine Variable. The wrapper is stored in the Java variable's tag map under
  "py" and found there again (GraalPy hands back the very same Python object), so identity, dict keys
  (givens, updates, eval), attribute assignment and `==` being identity behave as in Theano.
* Engine exceptions arrive as polyglot.ForeignException, which derives from BaseException, not
  Exception. `errors()` turns every TheanoException into the Python class it names
  (pythonExceptionType(): "ValueError", "theano.compile.function_module.UnusedInputError", or the
  class of a user exception raised inside a Python Op's perform) with the engine's message, so users
  see Theano's exception, never a Java stack trace.
* Data crosses the boundary only through theano_jvm.marshal (one block copy by buffer address);
  Java arrays are never iterated from Python except tiny shape/index arrays.
"""
import builtins
import importlib

import numpy

import java
import polyglot

from theano_jvm import marshal

_P = "org.theanojvm.engine."


def jtype(name):
    """An engine class by its name below org.theanojvm.engine (e.g. "tensor.T")."""
    return java.type(_P + name)


T = jtype("tensor.T")
DType = jtype("types.DType")
JTensorType = jtype("types.TensorType")
JNullType = jtype("types.NullType")
JDisconnectedType = jtype("types.DisconnectedType")
Literal = jtype("types.Literal")
JVariable = jtype("graph.Variable")
JConstant = jtype("graph.Constant")
JSharedVariable = jtype("graph.SharedVariable")
JApply = jtype("graph.Apply")
JGraphs = jtype("graph.Graphs")
NdArray = jtype("ndarray.NdArray")
SubtensorOps = jtype("ops.SubtensorOps")
TheanoException = jtype("errors.TheanoException")
ArrayList = java.type("java.util.ArrayList")
HashMap = java.type("java.util.HashMap")
LinkedHashMap = java.type("java.util.LinkedHashMap")
IdentityHashMap = java.type("java.util.IdentityHashMap")
LongArray = java.type("long[]")
IntArray = java.type("int[]")
BooleanArray = java.type("boolean[]")
ObjectArray = java.type("java.lang.Object[]")


def optional_jtype(name):
    """An engine class that may not exist yet (features other parts of the engine add), or None."""
    try:
        return java.type(_P + name)
    except BaseException:  # a missing host class is reported as a foreign exception
        return None


def facade_has(name):
    """Whether the engine facade T offers a static method of that name (newer engine features)."""
    try:
        getattr(T, name)
        return True
    except BaseException:
        return False


# ----------------------------------------------------------------------------- exceptions

_exception_classes = {}  # "module.QualName" -> class, for user exceptions raised inside Python ops


def register_exception_class(cls):
    """The name under which a Python exception class travels through the engine (and is found again)."""
    if cls.__module__ == "builtins":
        return cls.__qualname__
    name = "%s.%s" % (cls.__module__, cls.__qualname__)
    _exception_classes[name] = cls
    return name


def _resolve_exception_class(name):
    cls = _exception_classes.get(name)
    if cls is not None:
        return cls
    if "." not in name:
        cls = getattr(builtins, name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            return cls
        return RuntimeError
    module, _, qualname = name.rpartition(".")
    try:
        obj = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            return obj
    except (ImportError, AttributeError):
        pass
    return RuntimeError


class _ReprOnly:
    """A non-string exception argument the engine carries as its repr text (Theano puts data there)."""
    __slots__ = ("_text",)

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text

    __str__ = __repr__


_JAVA_TO_PYTHON = {
    "java.lang.IllegalArgumentException": ValueError,
    "java.lang.IndexOutOfBoundsException": IndexError,
    "java.lang.ArrayIndexOutOfBoundsException": IndexError,
    "java.lang.UnsupportedOperationException": NotImplementedError,
    "java.lang.ArithmeticException": ZeroDivisionError,
    "java.lang.OutOfMemoryError": MemoryError,
    "java.lang.StackOverflowError": RecursionError,
}


def translate(foreign):
    """The Python exception for an exception thrown by the engine."""
    if isinstance(foreign, TheanoException):
        cls = _resolve_exception_class(str(foreign.pythonExceptionType()))
        args = []
        for a in foreign.pythonArgs():
            if isinstance(a, (str, int, float)):  # Java strings, boxed numbers and booleans arrive as Python's
                args.append(a)
            else:
                args.append(_ReprOnly(str(a.toString())))
        try:
            return cls(*args)
        except Exception:
            return RuntimeError(*args)
    try:
        jname = str(foreign.getClass().getName())
        message = foreign.getMessage()
    except BaseException:
        return RuntimeError(str(foreign))
    cls = _JAVA_TO_PYTHON.get(jname, RuntimeError)
    text = "%s: %s" % (jname, message) if cls is RuntimeError else (str(message) if message is not None else jname)
    return cls(text)


class _Errors(object):
    """Context manager translating engine exceptions (a class, not contextlib: a generator cannot be
    thrown a polyglot.ForeignException, which GraalPy does not treat as a Python exception)."""
    __slots__ = ()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or not isinstance(exc, polyglot.ForeignException):
            return False
        translated = translate(exc)
        translated.__suppress_context__ = True
        raise translated


_ERRORS = _Errors()


def errors():
    """Runs engine calls, re-raising engine exceptions as Theano's Python exceptions."""
    return _ERRORS


def call(fn, *args):
    """fn(*args) on the engine, with exceptions translated."""
    try:
        return fn(*args)
    except polyglot.ForeignException as e:
        exc = translate(e)
    exc.__suppress_context__ = True
    raise exc


# ----------------------------------------------------------------------------- wrappers

_variable_classes = {}  # filled by the modules that define the wrapper classes


def register_variable_class(kind, cls):
    """kind: 'tensor', 'constant', 'shared', 'null', 'disconnected', 'generic'."""
    _variable_classes[kind] = cls


def wrap(jv):
    """The one Python wrapper of an engine Variable (created on first use), or None for null."""
    if jv is None:
        return None
    tag = jv.tag()
    w = tag.get("py")
    # Engine clones copy tag maps, so a tag may hold the wrapper of the variable it was cloned from.
    if w is None or w._v is not jv:
        if isinstance(jv, JSharedVariable):
            kind = "shared"
        elif isinstance(jv, JConstant):
            kind = "constant"
        elif jv.isTensor():
            kind = "tensor"
        elif isinstance(jv.type(), JNullType):
            kind = "null"
        elif isinstance(jv.type(), JDisconnectedType):
            kind = "disconnected"
        else:
            kind = "generic"
        cls = _variable_classes.get(kind) or _variable_classes["generic"]
        new = w is None
        w = cls.__new__(cls)
        w._v = jv
        tag.put("py", w)
        if new and kind != "constant" and tag.get("trace") is None:
            # where the user built this op output, input or shared variable, for error messages (Theano's
            # tag.trace: "Backtrace when that variable is created"); Theano gives constants none
            _add_tag_trace(jv)
    return w


_tag_trace = []  # theano.gof.utils.add_tag_trace, imported on first use (theano.gof imports this module)


def _add_tag_trace(jv):
    """Records the creation trace; a failure here must never break graph building, so it is ignored."""
    try:
        if not _tag_trace:
            from theano.gof.utils import add_tag_trace
            _tag_trace.append(add_tag_trace)
        _tag_trace[0](jv)
    except Exception:
        pass


def adopt(wrapper, jv):
    """Makes `wrapper` the Python face of engine variable jv (used when theano.Apply takes over outputs)."""
    wrapper._v = jv
    jv.tag().put("py", wrapper)
    return wrapper


def wrap_list(jlist):
    return [wrap(v) for v in jlist]


def jlist(items):
    """A java.util.ArrayList of the given (already engine-side) items."""
    out = ArrayList()
    for i in items:
        out.add(i)
    return out


def jlong_array(values):
    a = LongArray(len(values))
    for i, v in enumerate(values):
        a[i] = int(v)
    return a


def jint_array(values):
    a = IntArray(len(values))
    for i, v in enumerate(values):
        a[i] = int(v)
    return a


def jbool_array(values):
    a = BooleanArray(len(values))
    for i, v in enumerate(values):
        a[i] = bool(v)
    return a


VariableArray = java.type(_P + "graph.Variable[]")


def jvariable_pair(a, b):
    """A Java Variable[2] (the engine takes updates and givens as lists of such pairs)."""
    pair = VariableArray(2)
    pair[0] = a
    pair[1] = b
    return pair


def jobject_array(values):
    a = ObjectArray(len(values))
    for i, v in enumerate(values):
        a[i] = v
    return a


def dtype_of(dtype):
    """The engine DType for a dtype given as Theano accepts it (name, numpy dtype, 'floatX')."""
    if dtype is None:
        return None
    if isinstance(dtype, str) and dtype == "floatX":
        from theano import config
        dtype = config.floatX
    if hasattr(dtype, "dtype") and not isinstance(dtype, numpy.dtype) and not isinstance(dtype, type):
        dtype = dtype.dtype
    try:
        return marshal.engine_dtype(dtype)
    except polyglot.ForeignException as e:
        exc = translate(e)
    except TypeError:
        exc = TypeError("Unsupported dtype for TensorType: %s" % (dtype,))
    exc.__suppress_context__ = True
    raise exc


def is_variable(x):
    from theano.gof.graph import Variable
    return isinstance(x, Variable)


def to_engine(x):
    """A Python argument of a tensor function as the engine facade takes it (its `Object` arguments):
    Variables unwrap; Python ints/floats go as Java numbers (the engine autocasts them like Theano);
    NumPy values and lists become NdArrays (numpy.asarray, Theano's convert)."""
    if x is None:
        return None
    v = getattr(x, "_v", None)
    if v is not None:
        return v
    if hasattr(x, "_as_TensorVariable"):
        return x._as_TensorVariable()._v
    if isinstance(x, (numpy.generic, complex)):
        # before the float test: numpy.float64 subclasses float but keeps its dtype (Theano's convert)
        return marshal.to_ndarray(numpy.asarray(x))
    if isinstance(x, bool):
        return int(x)  # Theano autocasts Python bools like ints (int8)
    if isinstance(x, int):
        if -(1 << 63) <= x < (1 << 63):
            return x
        return marshal.to_ndarray(numpy.asarray(x, dtype="uint64"))
    if isinstance(x, float):
        return x
    if isinstance(x, numpy.ndarray):
        return marshal.to_ndarray(x)
    if isinstance(x, (list, tuple)):
        if any(is_variable(e) for e in x):
            from theano.tensor import basic
            return basic.stack(x)._v
        a = numpy.asarray(x)
        if a.size == 0:
            from theano import config
            a = numpy.asarray(x, dtype=config.floatX)
        return marshal.to_ndarray(a)
    if isinstance(x, JVariable) or isinstance(x, NdArray):
        return x
    raise TypeError("Cannot convert %r to TensorType" % (x,), type(x))


def to_call_value(value, dtype=None):
    """A call argument or shared value as the engine's filter takes it: ndarrays as NdArray (Theano's
    strict ndarray rules apply), anything else as a Literal built by numpy.asarray (lossless
    conversion rules, Python floats allowed into floatX). `dtype`, the target's when known, lets text
    fail as in Theano, whose filter converts it with numpy (ValueError: could not convert string...)."""
    t = type(value)
    if t is numpy.ndarray:
        return marshal.to_ndarray(value)
    # Python floats and int64-range ints, the usual scalar arguments, skip NumPy (slow to reach from
    # GraalPy): the engine builds the Literal numpy.asarray would give (float64 / int64, str() for messages)
    if t is float:
        return Literal(NdArray.scalar(value), True, str(value))
    if t is int and -0x8000000000000000 <= value <= 0x7FFFFFFFFFFFFFFF:
        return Literal(NdArray.scalarLong(DType.INT64, value), False, str(value))
    if isinstance(value, numpy.ndarray) and not isinstance(value, numpy.matrix):
        return marshal.to_ndarray(value)
    if is_variable(value):
        raise TypeError("Expected an array-like value, got a symbolic Variable (%s). Theano functions take "
                        "numeric values; use givens to substitute variables." % (value,))
    arr = numpy.asarray(value)
    if arr.dtype.kind in "USV" and dtype is not None:
        arr = numpy.asarray(value, dtype=dtype)  # NumPy's ValueError for text that is not a number
    if arr.dtype == object:
        raise TypeError("Cannot convert %r to a numeric array" % (value,))
    # Theano quotes the value in its error text; a huge list is summarised by NumPy instead
    text = str(value) if arr.size <= 100 else str(arr)
    return Literal(marshal.to_ndarray(arr), type(value) is float, text)


def to_numpy(nd):
    return marshal.to_numpy(nd)
