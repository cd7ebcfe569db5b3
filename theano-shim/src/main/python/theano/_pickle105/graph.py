"""Theano 1.0.5's pickled variables, nodes and types, rebuilt as theano-jvm objects in place.

Theano pickles a variable, node or type as its class plus its __dict__: pickle makes the object with
cls.__new__ (here the shim's TensorVariable, Apply, TensorType...) and later hands it the state (BUILD,
i.e. __setstate__, which calls the functions below). The object the pickle made is the one user code
ends up holding (model.W, model.y_pred), so it is turned into a real theano-jvm object itself: it
adopts the engine variable rebuilt for it (theano._engine.adopt).

Order. A variable's state holds its owner node, whose state holds the node's inputs and outputs, so
pickle hands a node its state after those of its inputs (they are upstream and cannot be waiting on
it), but an output's state may come before or after its node's, whichever pickle reached first. So:
a leaf is built at once; a node is built when its state arrives, by applying the shim's op to its
inputs (ops.py), and its pickled outputs adopt what that produced; an output whose state arrives
first waits for its node, one that arrives later just takes its name and tag.

A compiled function's optimized graph (variables and nodes that carry `fgraph` or `clients` in their
state) is never built: function.py recompiles from the original graph instead. Such an object stays
as pickled, and Variable.__getattr__ builds it on first use should anything reach it.
"""
from theano import _engine as E
from theano._pickle105 import TheanoPickleError
from theano._pickle105.placeholders import theano_name

_STATE = "_theano105_state"  # an object's pickled Theano state, in its __dict__, until it is built
_NO_TRACE = None


def _no_trace():
    global _NO_TRACE
    if _NO_TRACE is None:
        from theano.gof.persistence import _NO_TRACE as t
        _NO_TRACE = t
    return _NO_TRACE


def is_theano_state(state):
    """Whether a Variable's or Apply's state is Theano's __dict__ (theano-jvm's own pickles never store
    a `type` or an `op` entry: those travel as reduce arguments)."""
    return isinstance(state, dict) and ("type" in state or "op" in state)


def pending(obj):
    """Whether obj is a pickled Theano variable or node that has not been built."""
    return _STATE in obj.__dict__


def _in_function_graph(state):
    return "fgraph" in state or "clients" in state


# ----------------------------------------------------------------------------- types

def set_type_state(t, state):
    """TensorType.__setstate__ for Theano's state (dtype, broadcastable, name, sparse_grad...)."""
    with E.errors():
        t._t = E.JTensorType(E.dtype_of(state["dtype"]), E.jbool_array([bool(b) for b in state["broadcastable"]]))
    t.name = state.get("name")
    t.sparse_grad = state.get("sparse_grad", False)


def engine_type(t):
    jt = getattr(t, "_t", None) if not isinstance(t, type) else None
    if jt is None:
        raise TheanoPickleError("theano-jvm cannot load variables of type %s (%s) from a Theano 1.0.5 pickle: only "
                                "tensor types are supported" % (t, theano_name(t)))
    return jt


# ----------------------------------------------------------------------------- variables

def set_variable_state(var, state):
    """Variable.__setstate__ for Theano's state: build var now, or record it until its node is built."""
    if "_v" in var.__dict__:  # its node was built first and var adopted its output
        _finish(var, state)
        return
    var.__dict__[_STATE] = state
    if _in_function_graph(state):
        return
    owner = state.get("owner")
    if owner is not None and not (pending(owner) or "_a" in owner.__dict__):
        return  # the node's state comes later: it adopts var then
    build_variable(var)


def build_variable(var):
    """Builds a pickled Theano variable (and the graph above it) if it is not built yet; returns var."""
    if "_v" in var.__dict__:
        return var
    state = var.__dict__.get(_STATE)
    if state is None:
        raise TheanoPickleError("a Theano 1.0.5 pickle uses the variable %s before pickle has read it (an object "
                                "graph theano-jvm cannot rebuild in this order)" % theano_name(var))
    owner = state.get("owner")
    if owner is not None:
        build_apply(owner)
        if "_v" not in var.__dict__:
            raise TheanoPickleError("a Theano 1.0.5 pickle names a variable as an output of %s that is not among "
                                    "its outputs" % theano_name(state["owner"]))
        return var
    from theano.compile.sharedvalue import SharedVariable
    from theano.gof.graph import Constant
    jt = engine_type(state["type"])
    name = state.get("name")
    with E.errors():
        if isinstance(var, SharedVariable):
            E.adopt(var, _shared(jt, state, name))
        elif isinstance(var, Constant):
            E.adopt(var, E.JConstant(jt, jt.filter(E.to_call_value(state["data"]), True, None), name))
        else:
            E.adopt(var, E.JVariable(jt, name))
    _finish(var, var.__dict__.pop(_STATE))
    return var


def _shared(jt, state, name):
    """A shared variable's engine object holding its pickled value (theano.gof.link.Container.storage[0])."""
    container = state["container"]
    cdict = container.__dict__
    value = cdict["storage"][0]
    # borrow: the array was just made by the unpickler; the engine copies it into its own storage
    return E.JSharedVariable(jt, E.marshal.to_ndarray(value), name, bool(cdict.get("strict", False)),
                             cdict.get("allow_downcast"), True)


def _finish(var, state):
    """What a built variable takes from its state: name, tag (less Theano's creation trace), default update,
    after checking that the rebuilt type is the pickled one."""
    var.__dict__.pop(_STATE, None)
    jt = engine_type(state["type"])
    if not bool(var._v.type().equals(jt)):
        raise TheanoPickleError("rebuilding a Theano 1.0.5 pickle gave %s a type of %s where Theano's was %s"
                                % (state.get("name") or "a variable", var._v.type().toString(), jt.toString()))
    name = state.get("name")
    if name is not None:
        var._v.setName(name)
    tag = state.get("tag")
    if tag is not None:
        tag.__dict__.pop("trace", None)  # Theano's traceback tuples; the engine keeps its own trace
        var.__dict__["_tag"] = tag
    if state.get("default_update") is not None:
        var.default_update = build_variable(state["default_update"])


# ----------------------------------------------------------------------------- nodes

def set_apply_state(node, state):
    """Apply.__setstate__ for Theano's state: the node is built now (its inputs are), unless it belongs to a
    compiled function's optimized graph or a scalar graph."""
    from theano.gof.graph import Variable
    node.__dict__[_STATE] = state
    # Nodes of scalar graphs (a Composite's inside, scalar_from_tensor) have outputs the shim has no variables
    # for: they stay as pickled, for the ops that read them (ops._index)
    if not _in_function_graph(state) and all(isinstance(o, Variable) for o in state["outputs"]):
        build_apply(node)


def build_apply(node):
    if "_a" in node.__dict__:
        return node
    from theano._pickle105 import ops
    from theano.gof.graph import Apply
    state = node.__dict__.get(_STATE)
    if state is None:
        raise TheanoPickleError("a Theano 1.0.5 pickle uses a node (%s) before pickle has read it" % theano_name(node))
    outputs = state["outputs"]
    built = ops.apply(state["op"], state["inputs"])
    if len(built) != len(outputs):
        raise TheanoPickleError("theano-jvm's %s gives %d outputs where Theano 1.0.5's gave %d"
                                % (theano_name(state["op"]), len(built), len(outputs)))
    fresh = set()
    for b in built:
        if b._v.owner() is None or id(b) in fresh or pending(b) or any(b is i for i in state["inputs"]):
            raise TheanoPickleError("theano-jvm cannot rebuild the node of %s from a Theano 1.0.5 pickle: the shim's "
                                    "op returned an existing variable" % theano_name(state["op"]))
        fresh.add(id(b))
    for pickled, b in zip(outputs, built):
        E.adopt(pickled, b._v)
        b._v.tag().put("trace", _no_trace())
    # node is the Python face of the node that computes the first output (var.owner is node)
    ja = built[0]._v.owner()
    node.__dict__.pop(_STATE, None)
    node._a = ja
    node._op = None
    ja.outputs()[0].tag().put("py_apply", node)
    if state.get("tag") is not None:
        state["tag"].__dict__.pop("trace", None)
        node.__dict__["_tag"] = state["tag"]
    for pickled in outputs:  # outputs whose own state came first finish now
        if pending(pickled):
            _finish(pickled, pickled.__dict__[_STATE])
    return node
