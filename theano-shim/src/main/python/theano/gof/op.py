"""theano.gof.op: the Op base class for user-defined Python ops, and Python faces of engine ops.

A user op (a subclass of theano.Op with make_node/perform/grad...) is represented in the engine by
one org.theanojvm.engine.ops.PythonOp per op instance, whose Implementation is a _PythonOpBridge
(GraalPy lets a Python object implement the Java interface). The engine calls back:
  * makeNode when it rebuilds a node on inputs of other types (clones, givens);
  * perform when executing: inputs arrive as NdArrays and are copied to NumPy in one block each, the
    user's perform fills output_storage, results go back the same way; an exception is reported as a
    Failure so the executor can add Theano's "Apply node that caused the error" context, and the
    shim re-raises the user's exception class with that message;
  * grad (L_op / grad), R_op and connection_pattern when differentiating.
"""
import numpy

from theano import _engine as E
from theano.gof.utils import MethodNotDefined, object2

PythonOp = E.optional_jtype("ops.PythonOp")
_Failure = E.optional_jtype("ops.PythonOp$Failure")


class _PythonOpBridge(object):
    """Implements org.theanojvm.engine.ops.PythonOp.Implementation for one Python op."""

    def __init__(self, op):
        self.op = op

    def makeNode(self, jinputs):
        node = self.op.make_node(*E.wrap_list(jinputs))
        return node._a

    def perform(self, jnode, jinputs, joutputs):
        from theano.gof.graph import Apply
        try:
            node = Apply._wrap(jnode)
            inputs = [E.to_numpy(a) for a in jinputs]
            storage = [[None] for _ in range(len(joutputs))]
            self.op.perform(node, inputs, storage)
            outs = jnode.outputs()
            for i, cell in enumerate(storage):
                value = cell[0]
                if value is None:
                    continue
                dtype = str(outs[i].dtype().npName()) if outs[i].isTensor() else None
                arr = numpy.asarray(value, dtype=dtype)
                if dtype is not None and arr.ndim != outs[i].ndim():
                    # the executor would report this as an engine bug; it is the op's
                    raise TypeError("%s.perform stored a %d-d value in output %d, whose type is %s"
                                    % (self.op, arr.ndim, i, outs[i].type()))
                joutputs[i] = E.marshal.to_ndarray(arr)
            return None
        except Exception as e:  # reported to the engine, re-raised by the shim with Theano's context
            return _Failure(E.register_exception_class(type(e)), str(e.args[0]) if len(e.args) == 1 else str(e))

    def grad(self, jinputs, joutputs, jgrads, result):
        inputs = E.wrap_list(jinputs)
        grads = E.wrap_list(jgrads)
        if joutputs is not None and type(self.op).L_op is not Op.L_op:
            terms = self.op.L_op(inputs, E.wrap_list(joutputs), grads)
        else:
            terms = self.op.grad(inputs, grads)
        if terms is None:
            raise TypeError("%s.grad returned NoneType, expected iterable." % self.op)
        for t in terms:
            result.add(None if t is None else E.to_engine(t))

    def rOp(self, jinputs, jevals, result):
        if type(self.op).R_op is Op.R_op:
            return False
        terms = self.op.R_op(E.wrap_list(jinputs), E.wrap_list(jevals))
        for t in terms:
            result.add(None if t is None else E.to_engine(t))
        return True

    def connectionPattern(self, jnode, pattern):
        if type(self.op).connection_pattern is Op.connection_pattern:
            return
        from theano.gof.graph import Apply
        cp = self.op.connection_pattern(Apply._wrap(jnode))
        for i, row in enumerate(cp):
            jrow = pattern[i]
            for j, connected in enumerate(row):
                jrow[j] = bool(connected)


_engine_ops_by_id = {}  # id(op) -> (op, PythonOp) for ops whose instances refuse new attributes


def engine_op_of(op):
    """The engine op representing a Python op (created once per op instance)."""
    if isinstance(op, _EngineOp):
        return op._jop
    jop = getattr(op, "__dict__", {}).get("_theano_jvm_op")
    if jop is None:
        found = _engine_ops_by_id.get(id(op))
        if found is not None and found[0] is op:
            return found[1]
        if PythonOp is None:
            raise NotImplementedError("this engine build has no org.theanojvm.engine.ops.PythonOp: user-defined ops need it")
        props = getattr(op, "__props__", None)
        if props is not None:
            identity = "%s.%s%r" % (type(op).__module__, type(op).__qualname__, tuple(getattr(op, p) for p in props))
        else:
            identity = "id:%d" % id(op)
        default_output = getattr(op, "default_output", None)
        jop = PythonOp(_PythonOpBridge(op), str(op), identity, -1 if default_output is None else int(default_output))
        try:
            op.__dict__["_theano_jvm_op"] = jop
        except (AttributeError, TypeError):
            _engine_ops_by_id[id(op)] = (op, jop)
    return jop


class PureOp(object2):
    """Theano's PureOp: make_node + __call__ + the gradient protocol."""

    default_output = None

    def make_node(self, *inputs):
        """With itypes/otypes (and no make_node of its own), an op checks and builds its node like Theano."""
        from theano.gof.graph import Apply
        if not hasattr(self, "itypes"):
            raise NotImplementedError("You can either define itypes and otypes, or implement make_node")
        if not hasattr(self, "otypes"):
            raise NotImplementedError("You can either define itypes and otypes, or implement make_node")
        if len(inputs) != len(self.itypes):
            raise ValueError("We expected %d inputs but got %d." % (len(self.itypes), len(inputs)))
        if not all(inp.type == it for inp, it in zip(inputs, self.itypes)):
            raise TypeError("We expected inputs of types '%s' but got types '%s' " %
                            (str(self.itypes), str([inp.type for inp in inputs])))
        return Apply(self, inputs, [o() for o in self.otypes])

    def __call__(self, *inputs, **kwargs):
        return_list = kwargs.pop("return_list", False)
        node = self.make_node(*inputs, **kwargs)
        if self.default_output is not None:
            rval = node.outputs[self.default_output]
            if return_list:
                rval = [rval]
            return rval
        if return_list or len(node.outputs) != 1:
            return node.outputs
        return node.outputs[0]

    def __ne__(self, other):
        return not (self == other)

    def L_op(self, inputs, outputs, output_grads):
        return self.grad(inputs, output_grads)

    def grad(self, inputs, output_grads):
        from theano.gradient import grad_not_implemented
        return [grad_not_implemented(self, i, x) for i, x in enumerate(inputs)]

    def R_op(self, inputs, eval_points):
        raise NotImplementedError("%s of class %s does not implement R_op. If this is a theano op, write to the "
                                  "theano-dev mailing list for assistance. If it is your own op, implement the R_op "
                                  "method." % (self, self.__class__.__name__))

    def connection_pattern(self, node):
        return [[True for _ in node.outputs] for _ in node.inputs]

    def perform(self, node, inputs, output_storage, params=None):
        raise MethodNotDefined("perform", type(self), self.__class__.__name__,
                               "Did you used Theano flags mode=FAST_COMPILE? You can use optimizer=fast_compile instead.")

    def do_constant_folding(self, node):
        return True

    def get_params(self, node):
        return None

    def __getstate__(self):
        """Pickled without its engine counterpart (a PythonOp made again on first use after loading)."""
        state = dict(self.__dict__)
        state.pop("_theano_jvm_op", None)
        return state


class Op(PureOp):
    """theano.Op: subclass it with __props__, make_node, perform, grad, infer_shape..."""

    def prepare_node(self, node, storage_map, compute_map, impl):
        pass


class _EngineOp(object):
    """The Python face of a built-in engine op (str, equality, calling it on new inputs)."""

    def __init__(self, jop):
        self._jop = jop

    def __getstate__(self):
        from theano.gof import persistence
        return persistence.state_with_engine_text(self, "_jop")

    def __setstate__(self, state):
        if "_jop" not in state:
            # pickled by Theano 1.0.5: its fields, read by theano._pickle105.ops when a node applies the op
            self.__dict__.update(state)
            return
        from theano.gof import persistence
        persistence.restore_engine_attr(self, state, "_jop")

    def __str__(self):
        return str(self._jop.toString())

    __repr__ = __str__

    # An op read from a Theano 1.0.5 pickle has no engine op (its nodes get the shim's own): identity then.
    def __eq__(self, other):
        if "_jop" not in self.__dict__ or "_jop" not in getattr(other, "__dict__", {}):
            return self is other
        return isinstance(other, _EngineOp) and bool(self._jop.equals(other._jop))

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        if "_jop" not in self.__dict__:
            return object.__hash__(self)
        return int(self._jop.hashCode())

    @property
    def default_output(self):
        d = int(self._jop.defaultOutput())
        return None if d < 0 else d

    def make_node(self, *inputs):
        from theano.gof.graph import Apply
        with E.errors():
            return Apply._wrap(self._jop.makeNode(E.jlist([E.to_engine(i) for i in inputs])))

    def __call__(self, *inputs, **kwargs):
        node = self.make_node(*inputs)
        if self.default_output is not None:
            return node.outputs[self.default_output]
        outs = node.outputs
        return outs[0] if len(outs) == 1 else outs


class JavaOp(_EngineOp, Op):
    """A theano.Op implemented in Java: any subclass of org.theanojvm.engine.graph.Op.

    ``JavaOp("com.example.Huber", 1.0)`` instantiates the Java class with those constructor arguments
    (it must be on the class path: the JVM's, or added with ``java.add_to_classpath``);
    ``JavaOp(java.type("com.example.Huber"), 1.0)`` takes the class itself, ``JavaOp(instance)`` an op
    already made. The op is the engine's own: graphs hold it as they hold built-in ops, the engine
    differentiates it through its Java ``grad``/``L_op`` and the executors call its Java ``perform``
    with no Python in between. The Python methods here (make_node, grad, perform, ...) are Theano's op
    protocol for code that calls them directly.
    """

    def __init__(self, op, *args):
        _EngineOp.__init__(self, _java_op_instance(op, args))

    def grad(self, inputs, output_grads):
        with E.errors():
            terms = self._jop.grad(E.jlist([E.to_engine(i) for i in inputs]), E.jlist([E.to_engine(g) for g in output_grads]))
        return [None if t is None else E.wrap(t) for t in terms]

    def L_op(self, inputs, outputs, output_grads):
        with E.errors():
            terms = self._jop.lOp(E.jlist([E.to_engine(i) for i in inputs]), E.jlist([E.to_engine(o) for o in outputs]),
                                  E.jlist([E.to_engine(g) for g in output_grads]))
        return [None if t is None else E.wrap(t) for t in terms]

    def R_op(self, inputs, eval_points):
        with E.errors():
            terms = self._jop.rOp(E.jlist([E.to_engine(i) for i in inputs]),
                                  E.jlist([None if p is None else E.to_engine(p) for p in eval_points]))
        return [None if t is None else E.wrap(t) for t in terms]

    def connection_pattern(self, node):
        with E.errors():
            pattern = self._jop.connectionPattern(node._a)
        return [[bool(c) for c in row] for row in pattern]

    def perform(self, node, inputs, output_storage, params=None):
        arrays = _NdArrays(len(inputs))
        for i, a in enumerate(inputs):
            arrays[i] = E.marshal.to_ndarray(a)
        with E.errors():
            outs = self._jop.perform(node._a, arrays)
        for cell, out in zip(output_storage, outs):
            cell[0] = E.to_numpy(out)


def _java_op_instance(op, args):
    """The engine op JavaOp's arguments name: a class name or Java class with constructor arguments, or an op."""
    import java
    if isinstance(op, str):
        with E.errors():
            op = java.type(op)
    if java.is_type(op):
        with E.errors():
            op = op(*args)
    elif args:
        raise TypeError("JavaOp: constructor arguments are given with a class or class name, not with an op instance")
    if _JOp is None or not java.instanceof(op, _JOp):
        raise TypeError("JavaOp needs a subclass of org.theanojvm.engine.graph.Op, got %r" % (op,))
    return op


_JOp = E.optional_jtype("graph.Op")
_NdArrays = E.optional_jtype("ndarray.NdArray[]")

_engine_op_classes = {}
_THEANO_JVM_PACKAGES = ("org.theanojvm.engine.", "org.theanojvm.truffle.", "org.theanojvm.cuda.", "org.theanojvm.polyglot.")


def register_engine_op_class(java_simple_name, cls):
    """java_simple_name: the engine class's simple name, or its full name for nested classes."""
    _engine_op_classes[java_simple_name] = cls


def wrap_op(jop):
    """The Python op for an engine op: the user's op for a PythonOp, else an _EngineOp face."""
    if PythonOp is not None and isinstance(jop, PythonOp):
        return jop.implementation().op
    jclass = jop.getClass()
    name = str(jclass.getName())
    # Full names first: nested engine classes share simple names (AbstractConv$Forward, Pool$Forward).
    # An op from outside theano-jvm is a user's Java op: its face is a JavaOp, a theano.Op.
    default = _EngineOp if name.startswith(_THEANO_JVM_PACKAGES) else JavaOp
    cls = _engine_op_classes.get(name) or _engine_op_classes.get(str(jclass.getSimpleName()), default)
    face_of = getattr(cls, "_face_of", None)  # a face class choosing among subclasses (2-D vs 3-D conv)
    if face_of is not None:
        return face_of(jop)
    # Faces may have Theano's constructor signature (AbstractConv2d(imshp=...)): bypass it here.
    face = cls.__new__(cls)
    _EngineOp.__init__(face, jop)
    return face
