"""theano.gradient.verify_grad on every differentiable op of the engine, enumerated from the op registry.

The engine lists its ops itself (org.theanojvm.engine.graph.OpRegistry: every concrete Op class and
every scalar op Elemwise can carry). Each one has an entry here: verify_grad cases (the symbolic
gradient against finite differences, Theano's own check), or the reason it has no gradient to check.
A new op without an entry fails `test_every_registered_op_has_an_entry`, and each case must really
contain the op it claims to check (in the graph as built or as compiled), so the table cannot drift.

Ops that only gradients create (SoftmaxGrad, CholeskyGrad...) are checked through second derivatives:
verify_grad of a first gradient differentiates them.
"""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import _engine as E
from theano.gof import graph as gof_graph
from theano.gradient import verify_grad
from theano.ifelse import ifelse
from theano.tensor import nlinalg, slinalg
from theano.tensor.extra_ops import cumprod, cumsum
from theano.tensor.nnet import conv2d
from theano.tensor.signal.pool import pool_2d

OpRegistry = E.jtype("graph.OpRegistry")
ENGINE_PREFIX = "org.theanojvm.engine."


class Case:
    """verify_grad(fun, points) whose graph contains the op (`covers`): points are float64 arrays."""

    def __init__(self, fun, *points, covers_compiled=False):
        self.fun, self.points, self.covers_compiled = fun, points, covers_compiled


class NoGradient:
    """An op with nothing to check, and why (Theano 1.0 has no gradient for it either, integer output...)."""

    def __init__(self, reason):
        self.reason = reason


def rng(seed=0):
    return np.random.RandomState(seed)


def randn(*shape, seed=0):
    return rng(seed).randn(*shape)


def uniform(lo, hi, *shape, seed=0):
    return rng(seed).uniform(lo, hi, size=shape)


def spd(n, seed=0):
    r = randn(n, n, seed=seed)
    return r.dot(r.T) + n * np.eye(n)


def away_from_integers(*shape, seed=0):
    """Values whose rounding does not change under finite differences (floor, round, trunc...)."""
    return rng(seed).randint(-3, 3, size=shape) + uniform(0.2, 0.4, *shape, seed=seed + 1)


def unary(fun, lo=-2.0, hi=2.0):
    return Case(fun, uniform(lo, hi, 3, 4))


def binary(fun, lo=-2.0, hi=2.0, lo2=None, hi2=None):
    lo2, hi2 = (lo, hi) if lo2 is None else (lo2, hi2)
    return Case(fun, uniform(lo, hi, 3, 4, seed=1), uniform(lo2, hi2, 3, 4, seed=2))


NOT_DIFFERENTIABLE_BOOL = NoGradient("bool output: a comparison or logical op has no gradient (Theano: grad is "
                                     "zero / disconnected, and verify_grad takes float outputs only)")
INTEGER_ONLY = NoGradient("integer-only op: Theano defines it on integer dtypes, which have no gradient")

SCALAR_OPS = {
    "abs_": unary(T.abs_),
    "add": binary(lambda a, b: a + b),
    "and_": INTEGER_ONLY,
    "arccos": unary(T.arccos, -0.9, 0.9),
    "arccosh": unary(T.arccosh, 1.2, 3.0),
    "arcsin": unary(T.arcsin, -0.9, 0.9),
    "arcsinh": unary(T.arcsinh),
    "arctan": unary(T.arctan),
    "arctan2": binary(T.arctan2, 0.5, 2.0, -2.0, 2.0),
    "arctanh": unary(T.arctanh, -0.9, 0.9),
    "ceil": Case(T.ceil, away_from_integers(3, 4)),
    "clip": Case(lambda x: T.clip(x, -1.0, 1.0), uniform(-2, 2, 3, 4) + 0.05),
    "complex": Case(lambda a, b: T.real(T.complex(a, b) * T.complex(b, a)) + T.imag(T.complex(a, a * b)),
                    uniform(-2, 2, 3, 4), uniform(-2, 2, 3, 4, seed=4)),
    "conj": Case(lambda a, b: T.imag(T.conj(T.complex(a, b)) * T.complex(b, a)),
                 uniform(-2, 2, 3, 4), uniform(-2, 2, 3, 4, seed=4)),
    "cos": unary(T.cos),
    "cosh": unary(T.cosh),
    "eq": NOT_DIFFERENTIABLE_BOOL,
    "erf": unary(T.erf),
    "erfc": unary(T.erfc),
    "erfcinv": unary(T.erfcinv, 0.2, 1.8),
    "erfinv": unary(T.erfinv, -0.8, 0.8),
    "exp": unary(T.exp),
    "exp2": unary(T.exp2),
    "expm1": unary(T.expm1),
    "floor": Case(T.floor, away_from_integers(3, 4)),
    "gamma": unary(T.gamma, 0.5, 3.0),
    "gammaln": unary(T.gammaln, 0.5, 3.0),
    "ge": NOT_DIFFERENTIABLE_BOOL,
    "gt": NOT_DIFFERENTIABLE_BOOL,
    "identity": unary(lambda x: T.tensor_copy(x)),
    "imag": Case(lambda a, b: T.imag(T.complex(a, b) * T.complex(b, a)), uniform(-2, 2, 3, 4),
                 uniform(-2, 2, 3, 4, seed=4)),
    "int_div": INTEGER_ONLY,
    "invert": INTEGER_ONLY,
    "isinf": NOT_DIFFERENTIABLE_BOOL,
    "isnan": NOT_DIFFERENTIABLE_BOOL,
    "le": NOT_DIFFERENTIABLE_BOOL,
    "log": unary(T.log, 0.5, 3.0),
    "log10": unary(T.log10, 0.5, 3.0),
    "log1p": unary(T.log1p, -0.5, 3.0),
    "log2": unary(T.log2, 0.5, 3.0),
    "lt": NOT_DIFFERENTIABLE_BOOL,
    # Distinct operands (b shifted away from a) so no finite difference straddles a tie.
    "maximum": Case(T.maximum, uniform(-2, 2, 3, 4), uniform(-2, 2, 3, 4) + np.where(rng(5).rand(3, 4) > 0.5, 0.5, -0.5)),
    "minimum": Case(T.minimum, uniform(-2, 2, 3, 4), uniform(-2, 2, 3, 4) + np.where(rng(6).rand(3, 4) > 0.5, 0.5, -0.5)),
    "mod": Case(lambda a: a % 1.5, away_from_integers(3, 4) * 1.5),
    "mul": binary(lambda a, b: a * b),
    "neg": unary(lambda x: -x),
    "neq": NOT_DIFFERENTIABLE_BOOL,
    "or_": INTEGER_ONLY,
    "pow": binary(lambda a, b: a ** b, 0.5, 2.0, -1.5, 1.5),
    "psi": unary(T.psi, 0.5, 3.0),
    "real": Case(lambda a, b: T.real(T.complex(a, b) * T.complex(b, a)), uniform(-2, 2, 3, 4),
                 uniform(-2, 2, 3, 4, seed=4)),
    "round_half_away_from_zero": Case(lambda x: T.round(x, "half_away_from_zero"), away_from_integers(3, 4)),
    "round_half_to_even": Case(lambda x: T.round(x, "half_to_even"), away_from_integers(3, 4)),
    "second": binary(lambda a, b: T.fill(a, b)),
    "sgn": Case(T.sgn, away_from_integers(3, 4)),
    "sigmoid": unary(T.nnet.sigmoid, -4, 4),
    "sigmoid_binary_crossentropy": binary(lambda a, b: T.nnet.sigmoid_binary_crossentropy(a, b), -3, 3, 0.1, 0.9),
    "sin": unary(T.sin),
    "sinh": unary(T.sinh),
    "softplus": unary(T.nnet.softplus, -4, 4),
    "softsign": unary(T.nnet.softsign, -4, 4),
    "sqr": unary(T.sqr),
    "sqrt": unary(T.sqrt, 0.5, 3.0),
    "sub": binary(lambda a, b: a - b),
    "switch": Case(lambda a, b: T.switch(T.gt(a, 0), a * b, b), uniform(-2, 2, 3, 4) + 0.05, uniform(-2, 2, 3, 4, seed=7)),
    "tan": unary(T.tan, -1.2, 1.2),
    "tanh": unary(T.tanh),
    "tri_gamma": NoGradient("Theano 1.0's TriGamma has no gradient (it exists as psi's gradient)"),
    "true_div": binary(lambda a, b: a / b, 0.5, 2.0, 0.5, 2.0),
    "trunc": Case(T.trunc, away_from_integers(3, 4)),
    "ultra_fast_sigmoid": NoGradient("a piecewise approximation of sigmoid whose gradient is y * (1 - y) of the "
                                     "approximation, as in Theano, not the slope of its pieces: Theano's own "
                                     "tests leave its gradient unchecked too"),
    "xor": INTEGER_ONLY,
}


def first_grad(build):
    """A function returning the gradient of sum(build(x) ** 2) / 2 wrt x: its own gradient is a second
    derivative, which differentiates the gradient ops that build's gradient made."""
    def fun(x):
        return T.grad(T.sum(T.sqr(build(x))) * 0.5, x)
    return fun


def first_grad_conv(x, w, wrt_input):
    """The gradient of a conv2d cost wrt its input (AbstractConv GradInputs) or filters (GradWeights)."""
    out = conv2d(x, w)
    cost = T.sum(T.sqr(out)) * 0.5
    return T.grad(cost, x if wrt_input else w)


def first_grad_pool(mode):
    return first_grad(lambda x: pool_2d(x, (2, 2), ignore_border=True, mode=mode))


def distinct_values(*shape, seed=0):
    """A permutation of well-separated values: no ties for max/min/sort to break under finite differences."""
    n = int(np.prod(shape))
    return (rng(seed).permutation(n) * 0.3 - 0.15 * n).reshape(shape)


def conv_input():
    return randn(2, 3, 6, 6)


def conv_filters():
    return randn(4, 3, 3, 3, seed=1)


GRAPH_OPS = {
    "gradient.GradOps$ConsiderConstant": NoGradient("defines its gradient as zero on purpose (consider_constant): "
                                                    "finite differences would see the identity; test_gradient checks it"),
    "gradient.GradOps$DisconnectedGrad": NoGradient("defines its gradient as disconnected on purpose; test_gradient checks it"),
    "gradient.GradOps$ZeroGrad": NoGradient("defines its gradient as zero on purpose; test_gradient checks it"),
    "ifelse.IfElse": [Case(lambda a, b: ifelse(T.gt(T.sum(b), 0), a * b, a + b), randn(3, 4),
                           uniform(0.5, 1, 3, 4, seed=1)),
                      Case(lambda a, b: ifelse(T.gt(T.sum(b), 0), a * b, a + b), randn(3, 4),
                           uniform(-1, -0.5, 3, 4, seed=1))],
    "linalg.Cholesky": Case(lambda a: slinalg.cholesky(T.dot(a, a.T) + 4 * T.eye(4)), randn(4, 4)),
    "linalg.CholeskyGrad": NoGradient("Theano 1.0's CholeskyGrad has no gradient either"),
    "linalg.Det": Case(nlinalg.det, randn(4, 4) + 3 * np.eye(4)),
    "linalg.Eig": NoGradient("Theano 1.0's Eig has no gradient"),
    "linalg.Eigh": Case(lambda a: nlinalg.eigh(a + a.T)[0] + nlinalg.eigh(a + a.T)[1][0] ** 2, spd(4)),
    "linalg.EighGrad": NoGradient("Theano 1.0's EighGrad has no gradient either"),
    "linalg.Eigvalsh": Case(lambda a, b: slinalg.eigvalsh(a + a.T, T.dot(b, b.T) + 4 * T.eye(4)), spd(4), randn(4, 4, seed=2)),
    "linalg.EigvalshGrad": NoGradient("Theano 1.0's EigvalshGrad has no gradient either"),
    "linalg.Expm": Case(slinalg.expm, randn(3, 3) * 0.5),
    "linalg.ExpmGrad": NoGradient("Theano 1.0's ExpmGrad has no gradient either"),
    "linalg.Lstsq": NoGradient("Theano 1.0's Lstsq has no gradient"),
    "linalg.MatrixInverse": Case(nlinalg.matrix_inverse, randn(4, 4) + 3 * np.eye(4)),
    "linalg.MatrixPinv": Case(nlinalg.pinv, randn(4, 3)),
    "linalg.QRFull": NoGradient("Theano 1.0's QRFull has no gradient"),
    "linalg.QRIncomplete": NoGradient("Theano 1.0's QRIncomplete has no gradient"),
    "linalg.SVD": NoGradient("Theano 1.0's SVD has no gradient"),
    "linalg.Solve": Case(lambda a, b: slinalg.solve(a, b), randn(4, 4) + 3 * np.eye(4), randn(4, 2, seed=1)),
    "linalg.TensorInv": NoGradient("Theano 1.0's TensorInv has no gradient"),
    "linalg.TensorSolve": NoGradient("Theano 1.0's TensorSolve has no gradient"),
    "nnet.AbstractConv$Forward": Case(lambda x, w: conv2d(x, w), conv_input(), conv_filters()),
    "nnet.AbstractConv$GradInputs": Case(lambda x, w: first_grad_conv(x, w, wrt_input=True), conv_input(), conv_filters()),
    "nnet.AbstractConv$GradWeights": Case(lambda x, w: first_grad_conv(x, w, wrt_input=False), conv_input(), conv_filters()),
    "nnet.Crossentropy$CrossentropyCategorical1Hot": Case(
        lambda p: T.nnet.categorical_crossentropy(T.nnet.softmax(p), T.constant(np.array([1, 0, 3], dtype="int64"))),
        randn(3, 4)),
    "nnet.Crossentropy$CrossentropyCategorical1HotGrad": NoGradient("Theano 1.0's CrossentropyCategorical1HotGrad has "
                                                                    "no gradient either"),
    "nnet.Crossentropy$CrossentropySoftmax1HotWithBiasDx": Case(
        lambda x, b: T.grad(T.sum(T.nnet.crossentropy_softmax_argmax_1hot_with_bias(
            x, b, T.constant(np.array([1, 0, 3], dtype="int64")))[0] * np.array([0.5, 1.0, 1.5])), x),
        randn(3, 4), randn(4, seed=1)),
    "nnet.Crossentropy$CrossentropySoftmaxArgmax1HotWithBias": Case(
        lambda x, b: T.nnet.crossentropy_softmax_argmax_1hot_with_bias(
            x, b, T.constant(np.array([1, 0, 3], dtype="int64")))[0], randn(3, 4), randn(4, seed=1)),
    "nnet.Pool$AveragePoolGrad": Case(first_grad_pool("average_exc_pad"), randn(2, 2, 4, 4)),
    "nnet.Pool$DownsampleFactorMaxGradGrad": NoGradient("Theano 1.0's DownsampleFactorMaxGradGrad has no gradient"),
    "nnet.Pool$Forward": [Case(lambda x: pool_2d(x, (2, 2), ignore_border=True, mode="max"), distinct_values(2, 2, 4, 4)),
                          Case(lambda x: pool_2d(x, (2, 2), ignore_border=True, mode="average_inc_pad"), randn(2, 2, 4, 4))],
    "nnet.Pool$MaxPoolGrad": Case(first_grad_pool("max"), distinct_values(2, 2, 4, 4)),
    "nnet.Pool$MaxPoolRop": NoGradient("Theano 1.0's MaxPoolRop has no gradient"),
    "nnet.Unique": NoGradient("unique values and counts: Theano 1.0's Unique has no gradient"),
    "ops.ARange": NoGradient("arange's output does not depend smoothly on its inputs (Theano: zero gradient)"),
    "ops.AdvancedIndexing$AdvancedIncSubtensor": Case(
        lambda x, y: T.inc_subtensor(x[[0, 2], [1, 3]], y), randn(3, 4), randn(2, seed=1)),
    "ops.AdvancedIndexing$AdvancedSubtensor": Case(lambda x: x[[0, 2, 2], [1, 3, 0]], randn(3, 4)),
    "ops.Alloc": [Case(lambda x: T.alloc(x, 2, 3, 4), randn(3, 4)), Case(lambda x: T.repeat(x, 2, axis=0), randn(3, 4))],
    "ops.BatchedDot": Case(T.batched_dot, randn(2, 3, 4), randn(2, 4, 5, seed=1)),
    "ops.CAReduce": [Case(lambda x: T.sum(x, axis=1), randn(3, 4)),
                     Case(lambda x: T.prod(x, axis=0), uniform(0.5, 1.5, 3, 4))],
    "ops.CumOp": [Case(lambda x: cumsum(x, axis=1), randn(3, 4)), Case(lambda x: cumprod(x, axis=0), uniform(0.5, 1.5, 3, 4))],
    "ops.Diagonal$AllocDiag": Case(nlinalg.alloc_diag, randn(4)),
    "ops.Diagonal$ExtractDiag": Case(nlinalg.extract_diag, randn(4, 4)),
    "ops.DimShuffle": Case(lambda x: x.dimshuffle(1, "x", 0), randn(3, 4)),
    "ops.Dot": Case(T.dot, randn(3, 4), randn(4, 2, seed=1)),
    "ops.Elemwise": Case(lambda a, b: T.exp(a) * b, randn(3, 4), randn(3, 4, seed=1)),
    "ops.EyeTri": NoGradient("eye/tri: integer shape inputs only"),
    "ops.ExtraOps$Nonzero": NoGradient("indices of nonzero entries: integer output"),
    "ops.ExtraOps$RavelMultiIndex": NoGradient("flat indices: integer output (Theano 1.0's RavelMultiIndex has no gradient)"),
    "ops.ExtraOps$SearchsortedOp": NoGradient("insertion indices: integer output (Theano: grad is zero)"),
    "ops.ExtraOps$UnravelIndex": NoGradient("coordinates: integer outputs (Theano 1.0's UnravelIndex has no gradient)"),
    # gemm/gemv come from FAST_RUN's rewrites of dot, so they are checked in the compiled graph.
    "ops.Gemm": Case(lambda z, x, y: 0.5 * z + T.dot(x, y), randn(3, 2), randn(3, 4, seed=1), randn(4, 2, seed=2),
                     covers_compiled=True),
    "ops.Gemv": Case(lambda z, x, y: 0.5 * z + T.dot(x, y), randn(3), randn(3, 4, seed=1), randn(4, seed=2),
                     covers_compiled=True),
    "ops.JoinSplit$Join": Case(lambda a, b: T.concatenate([a, b], axis=1), randn(3, 4), randn(3, 2, seed=1)),
    "ops.JoinSplit$Split": Case(lambda x: T.split(x, [1, 3], 2, axis=1)[1] * 2.0, randn(3, 4)),
    "ops.LogSoftmax": Case(lambda x: T.log(T.nnet.softmax(x)), randn(3, 4), covers_compiled=True),
    "ops.MaxAndArgmax": Case(lambda x: T.max(x, axis=1), distinct_values(3, 4)),
    "ops.ProdWithoutZeros": NoGradient("prod's gradient op: Theano 1.0 leaves its gradient undefined (2nd "
                                       "derivatives of prod are not supported), and so does the engine"),
    "ops.PythonOp": NoGradient("a user's Python op: its gradient is the user's (test_user_op checks ops with grad)"),
    "ops.Rebroadcast": Case(lambda x: T.addbroadcast(x, 0) * 2.0, randn(1, 4)),
    "ops.RepeatOp": NoGradient("repeat builds RepeatOp only for vector repeats (scalar ones become alloc + "
                               "reshape, checked under ops.Alloc), and Theano 1.0's "
                               "RepeatOp has no gradient for vector repeats"),
    "ops.ShapeOps$MakeVector": Case(lambda a, b: T.stack([a[0, 0], b[1, 1]]), randn(3, 4), randn(3, 4, seed=1)),
    "ops.ShapeOps$Reshape": Case(lambda x: T.reshape(x, (2, 6)), randn(3, 4)),
    "ops.ShapeOps$Shape": NoGradient("integer output"),
    "ops.Softmax": Case(T.nnet.softmax, randn(3, 4)),
    "ops.Softmax$SoftmaxGrad": Case(first_grad(T.nnet.softmax), randn(3, 4)),
    "ops.SortOps$ArgSortOp": NoGradient("integer output"),
    "ops.SortOps$SortOp": Case(lambda x: T.sort(x, axis=1), distinct_values(3, 4)),
    "ops.SpecifyShape": Case(lambda x: T.specify_shape(x, (3, 4)) * 2.0, randn(3, 4)),
    "ops.SubtensorOps$AdvancedIncSubtensor1": Case(lambda x, y: T.inc_subtensor(x[[0, 2, 0]], y), randn(3, 4),
                                                   randn(3, 4, seed=1)),
    "ops.SubtensorOps$AdvancedSubtensor1": Case(lambda x: x[[2, 0, 2]], randn(3, 4)),
    "ops.SubtensorOps$IncSubtensor": [Case(lambda x, y: T.set_subtensor(x[1:, ::2], y), randn(3, 4), randn(2, 2, seed=1)),
                                      Case(lambda x, y: T.inc_subtensor(x[0], y), randn(3, 4), randn(4, seed=1))],
    "ops.SubtensorOps$Subtensor": Case(lambda x: x[1:, ::-2], randn(3, 4)),
    "random.MrgUniform": NoGradient("random sampling: no gradient"),
    "random.MultinomialFromUniform": NoGradient("random sampling: no gradient"),
    "scan.ScanOp": Case(lambda x, h0: theano.scan(lambda row, h: T.tanh(row * h + 0.5), sequences=x, outputs_info=h0)[0],
                        randn(5, 4) * 0.5, randn(4, seed=1)),
}


def registry_keys():
    graph_ops = {str(c.getName())[len(ENGINE_PREFIX):] for c in OpRegistry.opClasses()}
    scalar_ops = {str(name) for name in OpRegistry.scalarOps().keySet()}
    return graph_ops, scalar_ops


def test_every_registered_op_has_an_entry():
    graph_ops, scalar_ops = registry_keys()
    assert not graph_ops - set(GRAPH_OPS), ("graph ops with no verify_grad case nor a stated reason: add them to "
                                            "GRAPH_OPS: %s" % sorted(graph_ops - set(GRAPH_OPS)))
    assert not scalar_ops - set(SCALAR_OPS), ("scalar ops with no verify_grad case nor a stated reason: add them to "
                                              "SCALAR_OPS: %s" % sorted(scalar_ops - set(SCALAR_OPS)))
    # and no stale entries for ops that no longer exist
    assert not set(GRAPH_OPS) - graph_ops, sorted(set(GRAPH_OPS) - graph_ops)
    assert not set(SCALAR_OPS) - scalar_ops, sorted(set(SCALAR_OPS) - scalar_ops)


def cases(table, kind):
    for key, entry in sorted(table.items()):
        for i, case in enumerate(entry if isinstance(entry, list) else [entry]):
            if isinstance(case, Case):
                yield pytest.param(kind, key, case, id="%s-%d" % (key, i))


def engine_ops_in(variables):
    """(engine op class name, scalar op name or None) of every Apply node above these variables."""
    found = set()
    for var in gof_graph.ancestors(variables):
        if var.owner is not None:
            jop = var.owner._a.op()
            scalar = jop.scalarOp().name() if hasattr(jop, "scalarOp") else None
            found.add((str(jop.getClass().getName())[len(ENGINE_PREFIX):], None if scalar is None else str(scalar)))
    return found


def covers(kind, key, ops):
    if kind == "scalar":
        return any(scalar == key for _, scalar in ops)
    return any(op_class == key for op_class, _ in ops)


@pytest.mark.parametrize("kind, key, case", list(cases(SCALAR_OPS, "scalar")) + list(cases(GRAPH_OPS, "graph")))
def test_verify_grad(kind, key, case):
    inputs = [T.TensorType("float64", (False,) * p.ndim)() for p in case.points]
    built = case.fun(*inputs)
    ops = engine_ops_in([built])
    if case.covers_compiled:
        compiled = theano.function(inputs, built, mode="FAST_RUN")
        ops |= engine_ops_in(compiled.maker.fgraph.outputs)
    assert covers(kind, key, ops), "the case for %s does not contain it: %s" % (key, sorted(ops))
    verify_grad(case.fun, [np.array(p, dtype="float64") for p in case.points], rng=np.random.RandomState(7))


def test_verify_grad_catches_a_wrong_gradient():
    """The check itself can fail: an op whose declared gradient is off by a factor is reported."""
    from theano.gradient import GradientError

    class WronglyDifferentiatedSquare(theano.Op):
        __props__ = ()

        def make_node(self, x):
            x = T.as_tensor_variable(x)
            return theano.Apply(self, [x], [x.type()])

        def perform(self, node, inputs, outputs):
            outputs[0][0] = inputs[0] ** 2

        def grad(self, inputs, output_grads):
            return [output_grads[0] * 3 * inputs[0]]  # should be 2 * x

    with pytest.raises(GradientError):
        verify_grad(WronglyDifferentiatedSquare(), [randn(3, 4)], rng=np.random.RandomState(7))
