"""theano.gof.graph: Variable, Constant, Apply and graph walks, over engine graph objects.

A Python Variable is a thin wrapper (attribute `_v`) of an engine Variable; see theano._engine for
why there is exactly one wrapper per engine variable. Apply wrappers are kept in the tag map of the
node's first output, so `node is var.owner` holds across calls.
"""
from theano import _engine as E
from theano.gof.utils import Scratchpad, VariableTag


class Node(object):
    """Base of Apply and Variable (Theano's graph.Node)."""

    def get_parents(self):
        raise NotImplementedError()


class Variable(Node):
    """A symbolic value in a graph (theano.gof.graph.Variable)."""

    def __init__(self, type, owner=None, index=None, name=None):
        if owner is not None:
            raise ValueError("A Variable is given an owner by theano.Apply, not by its constructor")
        jt = type._t if hasattr(type, "_t") else type
        E.adopt(self, E.JVariable(jt, name))

    # --- engine-backed attributes
    @property
    def type(self):
        from theano.gof.type import wrap_type
        return wrap_type(self._v.type())

    @property
    def owner(self):
        o = self._v.owner()
        return None if o is None else Apply._wrap(o)

    @property
    def index(self):
        return None if self._v.owner() is None else int(self._v.index())

    @property
    def name(self):
        n = self._v.name()
        return None if n is None else str(n)

    @name.setter
    def name(self, value):
        if value is not None and not isinstance(value, str):
            raise TypeError("name must be a string or None", value)
        self._v.setName(value)

    @property
    def tag(self):
        t = self.__dict__.get("_tag")
        if t is None:
            t = self.__dict__["_tag"] = VariableTag(self._v)
        return t

    @tag.setter
    def tag(self, value):
        self.__dict__["_tag"] = value

    @property
    def auto_name(self):
        return "auto_%d" % id(self)

    def get_parents(self):
        return [self.owner] if self.owner is not None else []

    def __str__(self):
        return str(self._v.toString())

    def __repr__(self, firstPass=True):
        return str(self)

    def clone(self):
        """A new unowned variable of the same type and name (Theano's Variable.clone)."""
        return E.wrap(self._v.cloneVariable())

    def __reduce__(self):
        """Pickled as Theano pickles variables: with the node that made it, down to the graph's inputs
        (theano.gof.persistence)."""
        from theano.gof import persistence
        return persistence.reduce_variable(self)

    def __setstate__(self, state):
        from theano._pickle105 import graph as theano105
        if theano105.is_theano_state(state):  # pickled by Theano 1.0.5 (theano._pickle105)
            theano105.set_variable_state(self, state)
            return
        from theano.gof import persistence
        persistence.set_variable_state(self, state)

    def __getattr__(self, name):
        # Only reached for attributes the object lacks: a variable of a Theano 1.0.5 pickle that was left
        # unbuilt (a compiled function's optimized graph) is built on first use of its engine variable.
        if name == "_v" and "_theano105_state" in self.__dict__:
            from theano._pickle105 import graph as theano105
            return theano105.build_variable(self)._v
        raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))

    def eval(self, inputs_to_values=None):
        """Compiles (once per set of inputs, cached) and runs a function computing this variable."""
        import theano
        if inputs_to_values is None:
            inputs_to_values = {}
        cache = self.__dict__.setdefault("_fn_cache", {})
        inputs = tuple(sorted(inputs_to_values.keys(), key=id))
        if inputs not in cache:
            cache[inputs] = theano.function(list(inputs), self)
        args = [inputs_to_values[param] for param in inputs]
        return cache[inputs](*args)


class Constant(Variable):
    """A variable with a fixed value (theano.gof.graph.Constant)."""

    def __init__(self, type, data, name=None):
        jt = type._t if hasattr(type, "_t") else type
        with E.errors():
            arr = jt.filter(E.to_call_value(data), False, None)
            E.adopt(self, E.JConstant(jt, arr, name))

    @property
    def data(self):
        return E.to_numpy(self._v.data())

    @property
    def value(self):
        return self.data

    def clone(self):
        return self

    def signature(self):
        return (self.type, self.data.tobytes())


class Apply(Node):
    """One application of an op to inputs (theano.gof.graph.Apply).

    User-defined ops build theirs with `theano.Apply(self, inputs, [out_type()])`: the engine creates
    the node and its outputs, and the given Python output variables become the faces of those outputs.
    """

    def __init__(self, op, inputs, outputs):
        from theano.gof.op import engine_op_of
        if not isinstance(inputs, (list, tuple)):
            raise TypeError("The inputs of an Apply must be a list or tuple")
        if not isinstance(outputs, (list, tuple)):
            raise TypeError("The output of an Apply must be a list or tuple")
        for i in inputs:
            if not isinstance(i, Variable):
                raise TypeError("The 'inputs' argument to Apply must contain Variable instances, not %s" % (i,))
        for o in outputs:
            if not isinstance(o, Variable):
                raise TypeError("The 'outputs' argument to Apply must contain Variable instances with no owner, not %s" % (o,))
            if o.owner is not None:
                raise ValueError("All output variables passed to Apply must belong to it.")
        jop = engine_op_of(op)
        with E.errors():
            ja = jop.newApply(E.jlist([i._v for i in inputs]), E.jlist([o._v.type() for o in outputs]))
        for o, jo in zip(outputs, ja.outputs()):
            name = o._v.name()
            if name is not None:
                jo.setName(name)
            E.adopt(o, jo)
        self._a = ja
        self._op = op
        ja.outputs()[0].tag().put("py_apply", self) if ja.outputs().size() else None

    @classmethod
    def _wrap(cls, ja):
        outs = ja.outputs()
        if outs.size():
            w = outs[0].tag().get("py_apply")
            if w is not None and w._a is ja:  # (clones copy tags: check it is this node's)
                return w
        w = cls.__new__(cls)
        w._a = ja
        w._op = None
        if outs.size():
            outs[0].tag().put("py_apply", w)
        return w

    @property
    def op(self):
        if self._op is None:
            from theano.gof.op import wrap_op
            self._op = wrap_op(self._a.op())
        return self._op

    @property
    def inputs(self):
        return E.wrap_list(self._a.inputs())

    @property
    def outputs(self):
        return E.wrap_list(self._a.outputs())

    @property
    def nin(self):
        return int(self._a.inputs().size())

    @property
    def nout(self):
        return int(self._a.outputs().size())

    @property
    def tag(self):
        t = self.__dict__.get("_tag")
        if t is None:
            t = self.__dict__["_tag"] = Scratchpad()
        return t

    def default_output(self):
        do = getattr(self.op, "default_output", None)
        outs = self.outputs
        if do is None:
            if len(outs) == 1:
                return outs[0]
            raise AttributeError("%s.default_output should be an output index." % self.op)
        return outs[do]

    out = property(default_output, doc="alias for self.default_output()")

    def get_parents(self):
        return self.inputs

    def __str__(self):
        return str(self._a.toString())

    def __repr__(self):
        return str(self)

    def __reduce__(self):
        """Pickled with its op and inputs (theano.gof.persistence)."""
        from theano.gof import persistence
        return persistence.reduce_apply(self)

    def __setstate__(self, state):
        """Only pickles written by Theano 1.0.5 give a node a state (theano._pickle105)."""
        from theano._pickle105 import graph as theano105
        theano105.set_apply_state(self, state)

    def clone(self):
        """A copy of this node on the same inputs (new outputs)."""
        return self.clone_with_new_inputs(self.inputs)

    def clone_with_new_inputs(self, inputs, strict=True):
        with E.errors():
            ja = self._a.cloneWithNewInputs(E.jlist([E.to_engine(i) for i in inputs]))
        return Apply._wrap(ja)

    def run_params(self):
        return None


# ----------------------------------------------------------------------------- graph walks

def _jvars(variables):
    if isinstance(variables, Variable):
        variables = [variables]
    return E.jlist([v._v for v in variables])


def ancestors(variable_list, blockers=None):
    """Variables the given ones depend on, themselves included (depth first, as Theano)."""
    jb = None
    if blockers:
        jb = java_identity_set([b._v for b in blockers])
    return E.wrap_list(E.JGraphs.ancestors(_jvars(variable_list), jb))


def java_identity_set(items):
    import java
    s = java.type("java.util.Collections").newSetFromMap(E.IdentityHashMap())
    for i in items:
        s.add(i)
    return s


def inputs(variable_list, blockers=None):
    """The leaves (no owner) the given variables depend on, in discovery order (graph.inputs)."""
    return [v for v in ancestors(variable_list, blockers) if v.owner is None]


graph_inputs = inputs


def variables(i, o):
    """Variables between inputs i and outputs o (both included)."""
    result = []
    seen = set()
    for node in io_toposort(i, o):
        for v in node.inputs + node.outputs:
            if id(v) not in seen:
                seen.add(id(v))
                result.append(v)
    for v in list(i) + list(o):
        if id(v) not in seen:
            seen.add(id(v))
            result.append(v)
    return result


def io_toposort(inputs, outputs, orderings=None):
    """Apply nodes between inputs and outputs, each after the nodes computing its inputs."""
    return [Apply._wrap(a) for a in E.JGraphs.toposort(_jvars(inputs), _jvars(outputs))]


def ops(i, o):
    return set(io_toposort(i, o))


def list_of_nodes(inputs, outputs):
    return io_toposort(inputs, outputs)


def clone(i, o, copy_inputs=True, copy_orphans=None):
    """Copies the graph between inputs i and outputs o; returns (new inputs, new outputs)."""
    memo = E.IdentityHashMap()
    new_i = []
    for v in i:
        nv = v.clone() if copy_inputs else v
        memo.put(v._v, nv._v)
        new_i.append(nv)
    with E.errors():
        replace = E.IdentityHashMap()
        for v, nv in zip(i, new_i):
            replace.put(v._v, nv._v)
        outs = E.JGraphs.clone(_jvars(o), replace, memo)
    return new_i, E.wrap_list(outs)


def clone_get_equiv(inputs, outputs, copy_inputs_and_orphans=True, memo=None):
    new_i, new_o = clone(inputs, outputs, copy_inputs_and_orphans)
    equiv = dict(zip(inputs, new_i))
    equiv.update(zip(outputs, new_o))
    return equiv


def is_same_graph(var1, var2, givens=None, debug=False):
    """Whether two graphs compute the same thing, structurally (same ops on the same leaves)."""
    givens = dict(givens or {})

    def same(a, b, memo):
        key = (id(a), id(b))
        if key in memo:
            return memo[key]
        if givens.get(a, a) is b or a is b:
            r = True
        elif a.owner is None or b.owner is None:
            r = isinstance(a, Constant) and isinstance(b, Constant) and a.type == b.type and \
                bool((a.data == b.data).all())
        else:
            r = (a.index == b.index and a.owner.op == b.owner.op and len(a.owner.inputs) == len(b.owner.inputs)
                 and all(same(x, y, memo) for x, y in zip(a.owner.inputs, b.owner.inputs)))
        memo[key] = r
        return r
    return same(var1, var2, {})


E.register_variable_class("generic", Variable)
