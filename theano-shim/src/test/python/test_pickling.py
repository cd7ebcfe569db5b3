"""Pickling and copying of graphs, shared variables and compiled functions (Theano 1.0 semantics).

Expectations are independent of the implementation: the same graph built and compiled without
pickling, NumPy, and hand-computed values.
"""
import copy
import io
import pickle
import zipfile

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import In
from theano.ifelse import ifelse
from theano.misc import pkl_utils
from theano.sandbox.rng_mrg import MRG_RandomStreams
from theano.tensor.shared_randomstreams import RandomStreams

floatX = theano.config.floatX


def roundtrip(obj, protocol=pickle.HIGHEST_PROTOCOL):
    return pickle.loads(pickle.dumps(obj, protocol=protocol))


def _logreg():
    x = T.matrix("x")
    y = T.ivector("y")
    W = theano.shared(np.arange(6.0).reshape(3, 2).astype(floatX) / 10, name="W")
    b = theano.shared(np.array([0.5, -0.5], dtype=floatX), name="b")
    p_y = T.nnet.softmax(T.dot(x, W) + b)
    cost = -T.mean(T.log(p_y)[T.arange(y.shape[0]), y])
    return dict(x=x, y=y, W=W, b=b, p_y=p_y, y_pred=T.argmax(p_y, axis=1), cost=cost,
                grads=T.grad(cost, [W, b]), params=[W, b])


class Model(object):
    """A DLT-style model object: parameters and expressions as attributes."""

    def __init__(self):
        self.__dict__.update(_logreg())


X = np.random.RandomState(0).randn(5, 3).astype(floatX)
Y = np.array([0, 1, 1, 0, 1], dtype="int32")


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_a_pickled_model_computes_what_the_original_computes(protocol):
    m = Model()
    loaded = roundtrip(m, protocol)
    for name in ("p_y", "y_pred", "cost"):
        expected = theano.function([m.x, m.y], getattr(m, name), on_unused_input="ignore")(X, Y)
        got = theano.function([loaded.x, loaded.y], getattr(loaded, name), on_unused_input="ignore")(X, Y)
        np.testing.assert_allclose(got, expected, rtol=1e-6)
    expected = theano.function([m.x, m.y], m.grads)(X, Y)
    got = theano.function([loaded.x, loaded.y], loaded.grads)(X, Y)
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-6)


def test_after_loading_expressions_read_the_loaded_parameters_not_copies():
    loaded = roundtrip(Model())
    assert loaded.params[0] is loaded.W and loaded.params[1] is loaded.b
    assert loaded.W.name == "W" and loaded.W.type == T.TensorType(floatX, (False, False))
    predict = theano.function([loaded.x], loaded.p_y)
    before = predict(X)
    loaded.W.set_value(np.zeros((3, 2), dtype=floatX))
    loaded.b.set_value(np.zeros(2, dtype=floatX))
    np.testing.assert_allclose(predict(X), np.full((5, 2), 0.5), rtol=1e-6)
    assert not np.allclose(before, 0.5)


def test_loading_is_independent_of_the_original():
    m = Model()
    loaded = roundtrip(m)
    assert loaded.W is not m.W and loaded.x is not m.x
    loaded.W.set_value(np.ones((3, 2), dtype=floatX))
    np.testing.assert_array_equal(m.W.get_value(), np.arange(6.0).reshape(3, 2).astype(floatX) / 10)


def test_shared_values_dtypes_names_and_flags_survive():
    values = [np.arange(4, dtype="int32"), np.float32(2.5), np.array([[True, False]]), np.arange(3.0) + 1j,
              np.zeros((0, 3), dtype="float64")]
    shareds = [theano.shared(v, name="s%d" % i) for i, v in enumerate(values)]
    strict = theano.shared(np.zeros(2), strict=True)
    for s, v in zip(roundtrip(shareds), values):
        got = s.get_value()
        assert got.dtype == np.asarray(v).dtype and got.shape == np.shape(v)
        np.testing.assert_array_equal(got, v)
    loaded_strict = roundtrip(strict)
    with pytest.raises(TypeError):
        loaded_strict.set_value([1.0, 2.0])  # a list, not an ndarray of the exact type


def test_constants_keep_their_values_and_dtypes():
    x = T.vector("x")
    y = x * np.float32(3) + T.constant(np.array([1, 2], dtype="int8"))
    xl, yl = roundtrip((x, y))
    np.testing.assert_array_equal(theano.function([xl], yl)(np.array([1, 1], dtype=floatX)), [4, 5])
    assert yl.dtype == y.dtype


def test_graph_printing_is_the_same_after_loading():
    m = Model()
    loaded = roundtrip(m)
    assert theano.printing.debugprint(loaded.cost, file="str") == theano.printing.debugprint(m.cost, file="str")
    assert theano.pp(loaded.cost) == theano.pp(m.cost)


def test_scan_and_ifelse_graphs():
    k = T.iscalar("k")
    A = T.vector("A")
    res, _ = theano.scan(lambda prior, A: prior * A, outputs_info=T.ones_like(A), non_sequences=A, n_steps=k)
    a, b = T.scalars("a", "b")
    z = ifelse(T.lt(a, b), a * 2, b * 3)
    k2, A2, r2, a2, b2, z2 = roundtrip((k, A, res[-1], a, b, z))
    np.testing.assert_allclose(theano.function([k2, A2], r2)(3, np.arange(4).astype(floatX)), [0, 1, 8, 27])
    f = theano.function([a2, b2], z2)
    assert float(f(1, 2)) == 2.0 and float(f(3, 2)) == 6.0
    gA = T.grad(r2.sum(), A2)  # the loaded scan is differentiable like the original
    np.testing.assert_allclose(theano.function([k2, A2], gA)(3, np.array([1, 2], dtype=floatX)), [3, 12])


class DoubleOp(theano.Op):
    """A user op, pickled as the Python object it is."""
    __props__ = ("factor",)

    def __init__(self, factor):
        self.factor = factor

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        output_storage[0][0] = inputs[0] * self.factor

    def grad(self, inputs, output_grads):
        return [output_grads[0] * self.factor]


def test_user_python_ops_are_pickled_with_their_parameters():
    x = T.vector("x")
    y = DoubleOp(3.0)(x).sum()
    g = T.grad(y, x)
    xl, yl, gl = roundtrip((x, y, g))
    assert yl.owner.inputs[0].owner.op.factor == 3.0
    f = theano.function([xl], [yl, gl])
    out, grad = f(np.array([1, 2], dtype=floatX))
    assert float(out) == 9.0
    np.testing.assert_allclose(grad, [3, 3])


def test_a_compiled_function_is_recompiled_on_load_with_its_updates():
    w = theano.shared(np.float64(1.0), name="w")
    x = T.dscalar("x")
    acc = theano.function([x], w * 2, updates=[(w, w + x)], name="acc")
    acc(2.0)
    loaded = roundtrip(acc)
    assert loaded.name == "acc"
    assert float(loaded(1.0)) == 6.0  # the pickled w was 3
    assert float(loaded(1.0)) == 8.0  # and its own w was updated
    assert w.get_value() == 3.0  # the original's w is not the loaded one's
    fn, wl = roundtrip((acc, w))
    fn(5.0)
    assert wl.get_value() == 8.0  # pickled together, the function updates the loaded w


def test_function_outputs_kinds_and_modes_survive():
    x = T.dvector("x")
    f = theano.function([x], {"s": x.sum(), "m": x.max()}, mode="FAST_COMPILE")
    g = roundtrip(f)
    assert g(np.array([1.0, 5.0])) == {"s": 6.0, "m": 5.0}
    h = roundtrip(theano.function([x], [x * 2]))
    out = h(np.array([1.0]))
    assert isinstance(out, list) and out[0].tolist() == [2.0]


def test_input_defaults_carry_their_current_state():
    s = T.dscalar("s")
    inc = T.dscalar("inc")
    f = theano.function([inc, In(s, value=0.0, update=s + inc)], s + inc)
    f(1.0)
    f(2.0)  # s is now 3
    g = roundtrip(f)
    assert float(g(1.0)) == 4.0 and float(f(1.0)) == 4.0
    assert float(g(1.0)) == 5.0


def test_random_streams_continue_from_the_pickled_state():
    srng = RandomStreams(seed=234)
    f = theano.function([], srng.uniform((3,)))
    f()
    g = roundtrip(f)
    np.testing.assert_array_equal(g(), f())
    np.testing.assert_array_equal(g(), f())
    mrg = MRG_RandomStreams(seed=12)
    f2 = theano.function([], mrg.normal((4,)))
    f2()
    g2 = roundtrip(f2)
    np.testing.assert_array_equal(g2(), f2())


def test_deepcopy_of_a_function_copies_its_shared_variables():
    w = theano.shared(np.float64(1.0))
    x = T.dscalar()
    f = theano.function([x], w, updates=[(w, w + x)])
    d = copy.deepcopy(f)
    d(10.0)
    assert w.get_value() == 1.0
    assert float(d(0.0)) == 11.0


def test_function_copy_shares_swaps_and_drops_updates():
    w = theano.shared(np.float64(1.0), name="w")
    x = T.dscalar("x")
    f = theano.function([x], w * 10, updates=[(w, w + x)])
    c = f.copy()
    c(1.0)
    assert w.get_value() == 2.0  # a plain copy updates the same shared variable, as in Theano
    other = theano.shared(np.float64(100.0))
    s = f.copy(swap={w: other})
    assert float(s(1.0)) == 1000.0
    assert other.get_value() == 101.0 and w.get_value() == 2.0
    n = f.copy(delete_updates=True, name="no_updates")
    assert float(n(5.0)) == 20.0 and w.get_value() == 2.0
    assert n.name == "no_updates"
    with pytest.raises(TypeError):
        f.copy(swap={w: theano.shared(np.zeros(2))})
    assert float(copy.copy(f)(0.0)) == 20.0


def test_engine_op_and_type_objects_pickle():
    x = T.fmatrix()
    y = T.nnet.sigmoid(x).sum(axis=1)
    assert roundtrip(x.type) == x.type
    op = y.owner.op
    op2 = roundtrip(op)
    assert op2 == op and str(op2) == str(op)


def test_pkl_utils_zip_names_arrays_after_shared_variables(tmp_path):
    m = Model()
    path = tmp_path / "model.zip"
    with open(path, "wb") as f:
        pkl_utils.dump(m, f)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert {"pkl", "W", "b"} <= names
        np.testing.assert_array_equal(np.load(io.BytesIO(z.read("W"))), m.W.get_value())
    with open(path, "rb") as f:
        loaded = pkl_utils.load(f)
    np.testing.assert_allclose(theano.function([loaded.x], loaded.p_y)(X), theano.function([m.x], m.p_y)(X))
    dup = [theano.shared(np.zeros(1), name="p"), theano.shared(np.ones(1), name="p")]
    buf = io.BytesIO()
    pkl_utils.dump(dup, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        assert {"p", "p_2"} <= set(z.namelist())
    with pytest.raises(ValueError):
        pkl_utils.dump(dup, io.BytesIO(), persistent_id=lambda zf: pkl_utils.PersistentSharedVariableID(
            zf, allow_duplicates=False))


def test_strip_pickler_drops_traces():
    m = Model()
    buf = io.BytesIO()
    pkl_utils.StripPickler(buf, protocol=-1).dump(m)
    loaded = pickle.loads(buf.getvalue())
    np.testing.assert_allclose(theano.function([loaded.x], loaded.p_y)(X), theano.function([m.x], m.p_y)(X))


def test_corrupt_engine_text_gives_a_python_error():
    from theano.gof import persistence
    with pytest.raises(ValueError):
        persistence.engine_object("not base64 at all!")
    with pytest.raises(ValueError):
        persistence.engine_object("AAAA")


def test_special_functions_and_extra_ops_graphs_pickle():
    from theano.tensor import extra_ops
    x = T.dvector("x")
    outs = [T.erf(x) + T.psi(x) + T.arctan2(x, x + 1) + T.gammaln(x), extra_ops.searchsorted(T.sort(x), x),
            T.nonzero(x - 1.5)[0], extra_ops.unique(x), T.grad(T.erf(x).sum(), x)]
    loaded = roundtrip([x] + outs)
    xv = np.array([0.5, 2.0, 1.5])
    for got, expected in zip(theano.function([loaded[0]], loaded[1:])(xv), theano.function([x], outs)(xv)):
        np.testing.assert_array_equal(got, expected)


def test_linear_algebra_graphs_pickle():
    from theano.tensor import nlinalg, slinalg
    A = T.dmatrix("A")
    b = T.dvector("b")
    outs = [nlinalg.matrix_inverse(A), nlinalg.det(A), slinalg.cholesky(A.dot(A.T)), slinalg.solve(A, b),
            nlinalg.svd(A)[1], slinalg.expm(A), T.grad(nlinalg.det(A) + slinalg.solve(A, b).sum(), A)]
    loaded = roundtrip([A, b] + outs)
    av = np.array([[2.0, 1.0], [0.5, 3.0]])
    bv = np.array([1.0, 2.0])
    for got, expected in zip(theano.function(loaded[:2], loaded[2:])(av, bv), theano.function([A, b], outs)(av, bv)):
        np.testing.assert_array_equal(got, expected)
