"""Theano 1.0.5's pickled ops, applied through the shim's own ops.

Each translation takes the op's pickled __dict__ and the node's pickled inputs and returns the node's
outputs built with the shim's public functions (T.dot, T.nnet.softmax, x.dimshuffle...), one output per
output of Theano's node. An op's class with no translation here raises TheanoPickleError naming it.

Supported: Elemwise (over the scalar ops theano.scalar has, and Cast), DimShuffle, Sum, Prod, All, Any,
CAReduce (add, mul, maximum, minimum, and, or), MaxAndArgmax, Argmax, Dot, Softmax, SoftmaxGrad,
SoftmaxWithBias, LogSoftmax, CrossentropyCategorical1Hot, Shape, Shape_i, Subtensor, IncSubtensor, AdvancedSubtensor1,
AdvancedIncSubtensor1, AdvancedSubtensor and AdvancedIncSubtensor (tensor indices), Reshape, Flatten,
Join, ARange, Alloc, MakeVector. These are the ops of user-built graphs (a model's
expressions and their gradients); a compiled function's optimized ops (Gemm, fused Composite, inplace
variants) are not translated: function.py recompiles from the original graph instead.
"""
from theano._pickle105 import TheanoPickleError, graph
from theano._pickle105.placeholders import theano_name

_translations = {}


def translation(*theano_names):
    def register(fn):
        for n in theano_names:
            _translations[n] = fn
        return fn
    return register


def apply(op, inputs):
    """The outputs of Theano's node op(*inputs), rebuilt with the shim's ops."""
    name = theano_name(op)
    fn = _translations.get(name)
    if fn is None:
        raise TheanoPickleError("theano-jvm cannot load the op %s from a Theano 1.0.5 pickle: it has no translation "
                                "of that op class (theano._pickle105.ops lists the supported ones)" % name)
    out = fn(_state(op), inputs)
    return list(out) if isinstance(out, (list, tuple)) else [out]


def _state(obj):
    """An object's pickled Theano fields (its __dict__; stateless ops have none)."""
    return obj.__dict__


# ----------------------------------------------------------------------------- inputs

def _tensor(v):
    from theano.gof.graph import Variable
    if not isinstance(v, Variable):
        raise TheanoPickleError("theano-jvm cannot load %s from a Theano 1.0.5 pickle where a tensor is expected"
                                % theano_name(v))
    return graph.build_variable(v)


def _tensors(vs):
    return [_tensor(v) for v in vs]


def _index(v):
    """A scalar index input: Theano's ScalarConstant (its value), a ScalarFromTensor output (that tensor), or a
    0-d tensor."""
    from theano.gof.graph import Variable
    name = theano_name(v)
    if name == "theano.scalar.basic.ScalarConstant":
        return _state(v)["data"]
    if name == "theano.scalar.basic.ScalarVariable":
        owner = _state(v).get("owner")
        ostate = owner.__dict__.get(graph._STATE) if owner is not None else None
        if ostate is not None and theano_name(ostate["op"]) == "theano.tensor.basic.ScalarFromTensor":
            return _tensor(ostate["inputs"][0])
        raise TheanoPickleError("theano-jvm cannot load a Theano scalar variable made by %s (only constants and "
                                "scalar_from_tensor)" % (theano_name(ostate["op"]) if ostate else "no op"))
    if isinstance(v, Variable):
        return _tensor(v)
    raise TheanoPickleError("theano-jvm cannot load the index %s from a Theano 1.0.5 pickle" % name)


def _constant_int(v):
    """An axis given as a constant input (Join's), as an int; a symbolic one stays a variable."""
    from theano.gof.graph import Constant
    x = _index(v)
    return int(x.data) if isinstance(x, Constant) else x


def _basic_index(idx_list, index_inputs):
    """Subtensor's idx_list (Scalar types standing for inputs, slices of them, literal ints) as a Python index."""
    from theano.scalar.basic import Scalar
    inputs = list(index_inputs)

    def convert(entry):
        if isinstance(entry, Scalar) or theano_name(entry).endswith(".Scalar"):
            return _index(inputs.pop(0))
        if isinstance(entry, slice):
            return slice(convert(entry.start), convert(entry.stop), convert(entry.step))
        return entry
    return tuple(convert(e) for e in idx_list)


def _advanced_index(index_inputs):
    return tuple(_tensor(i) for i in index_inputs)


# ----------------------------------------------------------------------------- elementwise

_faces = {}


def _scalar_face(sop):
    """The shim's scalar op for a pickled Theano scalar op, matched by Theano's class name (Add, Tanh,
    ScalarSigmoid...: theano.scalar names its faces after Theano's classes)."""
    import theano.scalar.basic as S
    if not _faces:
        for name in list(S.__all__):
            face = getattr(S, name, None)
            if isinstance(face, S.ScalarOp) and getattr(face, "_jop", None) is not None:
                _faces.setdefault(type(face).__name__, face)
    face = _faces.get(type(sop).__name__)
    if face is None or type(sop).__name__ in ("Composite", "Cast"):
        raise TheanoPickleError("theano-jvm cannot load the scalar op %s (in an Elemwise) from a Theano 1.0.5 pickle"
                                % theano_name(sop))
    return face


@translation("theano.tensor.elemwise.Elemwise")
def _elemwise(state, inputs):
    from theano.tensor import basic as T
    from theano.tensor.elemwise import Elemwise
    xs = _tensors(inputs)
    sop = state["scalar_op"]
    if type(sop).__name__ == "Cast":
        return T.cast(xs[0], _state(sop)["o_type"].dtype)
    return Elemwise(_scalar_face(sop)).make_node(*xs).outputs


@translation("theano.tensor.elemwise.DimShuffle")
def _dimshuffle(state, inputs):
    return _tensor(inputs[0]).dimshuffle(*state["new_order"])


def _axis(state):
    axis = state.get("axis")
    return None if axis is None else list(axis)


@translation("theano.tensor.elemwise.Sum")
def _sum(state, inputs):
    from theano.tensor import basic as T
    return T.sum(_tensor(inputs[0]), axis=_axis(state), dtype=state.get("dtype"), acc_dtype=state.get("acc_dtype"))


@translation("theano.tensor.elemwise.Prod")
def _prod(state, inputs):
    from theano.tensor import basic as T
    return T.prod(_tensor(inputs[0]), axis=_axis(state), dtype=state.get("dtype"), acc_dtype=state.get("acc_dtype"),
                  no_zeros_in_input=state.get("no_zeros_in_input", False))


@translation("theano.tensor.elemwise.All")
def _all(state, inputs):
    from theano.tensor import basic as T
    return T.all(_tensor(inputs[0]), axis=_axis(state))


@translation("theano.tensor.elemwise.Any")
def _any(state, inputs):
    from theano.tensor import basic as T
    return T.any(_tensor(inputs[0]), axis=_axis(state))


@translation("theano.tensor.elemwise.CAReduce")
def _careduce(state, inputs):
    from theano.tensor import basic as T
    reductions = {"Add": T.sum, "Mul": T.prod, "Maximum": T.max, "Minimum": T.min, "AND": T.all, "OR": T.any}
    fn = reductions.get(type(state["scalar_op"]).__name__)
    if fn is None:
        raise TheanoPickleError("theano-jvm cannot load a CAReduce over %s from a Theano 1.0.5 pickle"
                                % theano_name(state["scalar_op"]))
    return fn(_tensor(inputs[0]), axis=_axis(state))


@translation("theano.tensor.basic.MaxAndArgmax")
def _max_and_argmax(state, inputs):
    from theano.tensor import basic as T
    return T.max_and_argmax(_tensor(inputs[0]), axis=_axis(state))


@translation("theano.tensor.basic.Argmax")
def _argmax(state, inputs):
    from theano.tensor import basic as T
    return T.argmax(_tensor(inputs[0]), axis=_axis(state))


# ----------------------------------------------------------------------------- products, nnet

@translation("theano.tensor.basic.Dot")
def _dot(state, inputs):
    from theano.tensor import basic as T
    return T.dot(*_tensors(inputs))


@translation("theano.tensor.nnet.nnet.Softmax")
def _softmax(state, inputs):
    from theano.tensor.nnet import nnet
    return nnet.softmax(_tensor(inputs[0]))


@translation("theano.tensor.nnet.nnet.SoftmaxGrad")
def _softmax_grad(state, inputs):
    # the gradient op T.grad puts in a softmax's graph; the shim has no function making it, the engine's op is it
    from theano import _engine as E
    from theano.gof.graph import Apply
    with E.errors():
        node = E.jtype("ops.Softmax$SoftmaxGrad").INSTANCE.makeNode(E.jlist([x._v for x in _tensors(inputs)]))
    return Apply._wrap(node).outputs


@translation("theano.tensor.nnet.nnet.SoftmaxWithBias")
def _softmax_with_bias(state, inputs):
    from theano.tensor.nnet import nnet
    return nnet.softmax_with_bias(*_tensors(inputs))


@translation("theano.tensor.nnet.nnet.LogSoftmax")
def _logsoftmax(state, inputs):
    from theano.tensor.nnet import nnet
    return nnet.logsoftmax(_tensor(inputs[0]))


@translation("theano.tensor.nnet.nnet.CrossentropyCategorical1Hot")
def _crossentropy_categorical_1hot(state, inputs):
    from theano.tensor.nnet import nnet
    return nnet.crossentropy_categorical_1hot(*_tensors(inputs))


# ----------------------------------------------------------------------------- shapes and indexing

@translation("theano.compile.ops.Shape")
def _shape(state, inputs):
    return _tensor(inputs[0]).shape


@translation("theano.compile.ops.Shape_i")
def _shape_i(state, inputs):
    return _tensor(inputs[0]).shape[int(state["i"])]


@translation("theano.tensor.subtensor.Subtensor")
def _subtensor(state, inputs):
    return _tensor(inputs[0])[_basic_index(state["idx_list"], inputs[1:])]


@translation("theano.tensor.subtensor.IncSubtensor")
def _inc_subtensor(state, inputs):
    from theano.tensor import subtensor
    x, y = _tensors(inputs[:2])
    target = x[_basic_index(state["idx_list"], inputs[2:])]
    fn = subtensor.set_subtensor if state.get("set_instead_of_inc") else subtensor.inc_subtensor
    return fn(target, y)


@translation("theano.tensor.subtensor.AdvancedSubtensor1", "theano.tensor.subtensor.AdvancedSubtensor")
def _advanced_subtensor(state, inputs):
    index = _advanced_index(inputs[1:])
    return _tensor(inputs[0])[index if len(index) > 1 else index[0]]


@translation("theano.tensor.subtensor.AdvancedIncSubtensor1", "theano.tensor.subtensor.AdvancedIncSubtensor")
def _advanced_inc_subtensor(state, inputs):
    from theano.tensor import subtensor
    x, y = _tensors(inputs[:2])
    index = _advanced_index(inputs[2:])
    target = x[index if len(index) > 1 else index[0]]
    fn = subtensor.set_subtensor if state.get("set_instead_of_inc") else subtensor.inc_subtensor
    return fn(target, y)


@translation("theano.tensor.basic.Reshape")
def _reshape(state, inputs):
    from theano.tensor import basic as T
    x, shape = _tensors(inputs)
    return T.reshape(x, shape, ndim=state["ndim"])


@translation("theano.tensor.basic.Flatten")
def _flatten(state, inputs):
    from theano.tensor import basic as T
    return T.flatten(_tensor(inputs[0]), outdim=state.get("outdim", 1))


@translation("theano.tensor.basic.Join")
def _join(state, inputs):
    from theano.tensor import basic as T
    return T.join(_constant_int(inputs[0]), *_tensors(inputs[1:]))


@translation("theano.tensor.basic.ARange")
def _arange(state, inputs):
    from theano.tensor import basic as T
    start, stop, step = _tensors(inputs)
    return T.arange(start, stop, step, dtype=state["dtype"])


@translation("theano.tensor.basic.Alloc")
def _alloc(state, inputs):
    from theano.tensor import basic as T
    return T.alloc(*_tensors(inputs))


@translation("theano.tensor.opt.MakeVector")
def _make_vector(state, inputs):
    from theano.tensor import basic as T
    return T.cast(T.stack(_tensors(inputs)), state["dtype"]) if inputs else T.zeros((0,), dtype=state["dtype"])

