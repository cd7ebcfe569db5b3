"""Pickling (and copy.deepcopy) of graphs, shared variables and the objects holding them.

Theano pickles a graph as Python objects: a variable with the node that made it, the node with its op
and inputs, down to the inputs, shared variables (with their values) and constants. Doing the same
here, node by node, keeps pickle's guarantees: a model object, its parameters and the expressions
built from them are pickled together, and after loading the expressions still read those very
parameters (pickle's memo, not a copy per expression). Only what is engine-only goes through Java
serialization (org.theanojvm.engine.persist.EngineSerialization): an engine op with its parameters
(and, for scan and ifelse, their inner graphs) and a variable's type, as text.

A user-defined Python op is pickled as the Python object it is (its class by reference, its
__dict__), so it must be picklable the way Theano requires of ops.

Depth: pickle recurses from a variable into the node that made it, its inputs, their nodes... so a
deep graph would nest as deep as it is long (and GraalPy's deep stacks are slow). The first node a
pickling reaches therefore carries its ancestors in topological order ahead of its own fields: each
of them then finds its inputs' nodes already pickled, and the nesting stays shallow. A marker after
them ends that pass (see _AncestorPass).

Creation traces (tag.trace) are not pickled: they hold code objects. Loaded variables get an empty
trace rather than one pointing into the unpickler.

The functions below are what the pickles name: keep their module path and signatures stable.
"""
import threading
import weakref

from theano import _engine as E
from theano.gof.utils import CreationTrace

EngineSerialization = E.jtype("persist.EngineSerialization")
_NO_TRACE = CreationTrace(())


def engine_text(jobj):
    """An engine object (op, type, array) as text (Theano's TypeError when it has no persistent form)."""
    with E.errors():
        return str(EngineSerialization.encode(jobj))


def engine_object(text):
    """The engine object engine_text wrote."""
    with E.errors():
        return EngineSerialization.decode(text)


def state_with_engine_text(obj, attr):
    """obj's __dict__ for pickling, with the engine object in `attr` (an op's _jop, a type's _t) as text."""
    state = dict(obj.__dict__)
    state[attr] = engine_text(state[attr])
    return state


def restore_engine_attr(obj, state, attr):
    """The inverse of state_with_engine_text: __dict__ from state, `attr` read back from its text."""
    state = dict(state)
    state[attr] = engine_object(state[attr])
    obj.__dict__.update(state)


def python_state(wrapper):
    """What a user or the shim stored on a Python wrapper (tag, attributes), minus per-process caches."""
    return {k: v for k, v in wrapper.__dict__.items() if k not in ("_v", "_fn_cache")}


# ----------------------------------------------------------------------------- variables

def reduce_variable(var):
    """Variable.__reduce__: how each kind of variable is rebuilt."""
    from theano.compile.sharedvalue import SharedVariable
    from theano.gof.graph import Constant
    jv = var._v
    state = python_state(var)
    if isinstance(var, SharedVariable):
        value = E.to_numpy(jv.getValue(True))
        # default_update (e.g. a random stream's next state) goes in the state: it may read var itself,
        # and pickle can only close that cycle once var exists
        state["_default_update"] = E.wrap(jv.defaultUpdate())
        return (shared_variable, (type(var), _type_text(jv), value, _str(jv.name()), bool(jv.strict()),
                                  _bool_or_none(jv.allowDowncast())), state)
    if isinstance(var, Constant):
        # the data as engine text, not as a NumPy array: graphs hold many small constants, and making and
        # pickling an ndarray per constant costs far more on GraalPy than one Java call
        return (constant, (type(var), _type_text(jv), engine_text(jv.data()), _str(jv.name())),
                state)
    if jv.owner() is not None:
        from theano.gof.graph import Apply
        return (output_of, (Apply._wrap(jv.owner()), int(jv.index())), state)
    return (input_variable, (type(var), _type_text(jv), _str(jv.name())), state)


def _type_text(jv):
    """A variable's type as the pickle stores it (one EngineText per distinct type)."""
    return _interned(engine_text(jv.type()))


def _str(s):
    return None if s is None else str(s)


def _bool_or_none(b):
    return None if b is None else bool(b)


def _fresh(cls, jv):
    w = cls.__new__(cls)
    E.adopt(w, jv)
    return w


def input_variable(cls, type_text, name):
    return _fresh(cls, E.JVariable(engine_object(type_text.text), name))


def constant(cls, type_text, data_text, name):
    jt = engine_object(type_text.text)
    with E.errors():
        return _fresh(cls, E.JConstant(jt, engine_object(data_text), name))


def shared_variable(cls, type_text, value, name, strict, allow_downcast):
    jt = engine_object(type_text.text)
    with E.errors():
        # borrow: the array was just made from the pickle, nobody else holds it
        return _fresh(cls, E.JSharedVariable(jt, E.marshal.to_ndarray(value), name, strict, allow_downcast, True))


def output_of(node, index):
    return E.wrap(node._a.outputs()[index])


def set_variable_state(var, state):
    """Variable.__setstate__: the Python attributes, and a shared variable's default update."""
    state = dict(state)
    default_update = state.pop("_default_update", None)
    var.__dict__.update(state)
    if default_update is not None:
        var._v.setDefaultUpdate(default_update._v)


# ----------------------------------------------------------------------------- nodes

def reduce_apply(node):
    """Apply.__reduce__: the op (Python op object or engine text), the inputs, the output types and names;
    the first node of a pass also its ancestors (see the module docstring)."""
    from theano.gof.op import PythonOp, wrap_op
    ja = node._a
    ancestors, end = _AncestorPass.open(node)
    jop = ja.op()
    if PythonOp is not None and isinstance(jop, PythonOp):
        op = wrap_op(jop)  # the user's op object
    else:
        op = _interned(engine_text(jop))
    outs = ja.outputs()
    return (apply_node, (ancestors, op, node.inputs, [_type_text(o) for o in outs],
                         [_str(o.name()) for o in outs], end))


class EngineText(object):
    """A pickled engine op or type: Java serialization text (a class of its own, so one object per
    distinct text is pickled once and referenced after that)."""
    __slots__ = ("text", "__weakref__")

    def __init__(self, text):
        self.text = text

    def __reduce__(self):
        return (EngineText, (self.text,))


_texts = weakref.WeakValueDictionary()  # text -> its EngineText, while some pickling holds it


def _interned(text):
    obj = _texts.get(text)
    if obj is None:
        obj = _texts[text] = EngineText(text)
    return obj


class _AncestorPass(object):
    """Marks the nodes a pickling pass has put in topological order, so that only the first node of the
    pass carries ancestors. The pass ends when pickle reaches the marker placed after that first node's
    fields (pickle saves a reduce's arguments in order). A pass that an error interrupted only leaves
    the next pickling deeper, never wrong."""

    _active = threading.local()

    def __init__(self):
        self.done = False

    @classmethod
    def open(cls, node):
        if getattr(cls._active, "pass_", None) is not None:
            return None, None
        from theano.gof.graph import Apply
        with E.errors():
            order = E.JGraphs.toposort(E.jlist([]), E.jlist(list(node._a.inputs())))
        marker = cls()
        cls._active.pass_ = marker
        return [Apply._wrap(a) for a in order], marker

    def __reduce__(self):
        if getattr(_AncestorPass._active, "pass_", None) is self:
            _AncestorPass._active.pass_ = None
        return (_pass_end, ())


def _pass_end():
    return None


def apply_node(ancestors, op, inputs, types, names, end):
    from theano.gof.graph import Apply
    from theano.gof.op import engine_op_of
    jop = engine_object(op.text) if isinstance(op, EngineText) else engine_op_of(op)
    with E.errors():
        ja = E.JApply(jop, E.jlist([i._v for i in inputs]), E.jlist([engine_object(t.text) for t in types]))
    for jo, name in zip(ja.outputs(), names):
        if name is not None:
            jo.setName(name)
        jo.tag().put("trace", _NO_TRACE)
    node = Apply._wrap(ja)
    if not isinstance(op, EngineText):
        node._op = op
    return node
