"""Operators, tensor functions and indexing evaluated through compiled functions, against NumPy."""
import numpy as np
import pytest

import theano
import theano.tensor as T

rng = np.random.RandomState(42)
A = rng.rand(3, 4) + 0.5
B = rng.rand(3, 4) + 0.5
V = rng.rand(4) + 0.5


def run(out, *inputs_and_values):
    inputs = list(inputs_and_values[0::2])
    values = list(inputs_and_values[1::2])
    return theano.function(inputs, out, on_unused_input="ignore")(*values)


@pytest.mark.parametrize("expr, ref", [
    (lambda a, b: a + b, lambda a, b: a + b),
    (lambda a, b: a - b, lambda a, b: a - b),
    (lambda a, b: a * b, lambda a, b: a * b),
    (lambda a, b: a / b, lambda a, b: a / b),
    (lambda a, b: a ** b, lambda a, b: a ** b),
    (lambda a, b: a // b, lambda a, b: a // b),
    (lambda a, b: a % b, lambda a, b: a % b),
    (lambda a, b: -a + abs(b), lambda a, b: -a + abs(b)),
    (lambda a, b: 2 * a - 1.5, lambda a, b: 2 * a - 1.5),
    (lambda a, b: 1.0 / a, lambda a, b: 1.0 / a),
    (lambda a, b: 3 ** a, lambda a, b: 3 ** a),
    (lambda a, b: a @ b.T, lambda a, b: a @ b.T),
    (lambda a, b: T.maximum(a, b) + T.minimum(a, b), lambda a, b: np.maximum(a, b) + np.minimum(a, b)),
    (lambda a, b: T.switch(a > b, a, b), lambda a, b: np.where(a > b, a, b)),
    (lambda a, b: T.clip(a, 0.7, 1.2), lambda a, b: np.clip(a, 0.7, 1.2)),
])
def test_binary_operators(expr, ref):
    a, b = T.dmatrices("a", "b")
    np.testing.assert_allclose(run(expr(a, b), a, A, b, B), ref(A, B), rtol=1e-12)


def test_numpy_array_on_the_left_uses_theano():
    a = T.dmatrix("a")
    expr = A * a
    assert isinstance(expr, theano.tensor.TensorVariable)
    np.testing.assert_allclose(run(expr, a, B), A * B)


@pytest.mark.parametrize("name", ["exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sinh", "cosh", "arctan",
                                  "floor", "ceil", "log1p", "expm1", "log2", "log10", "sqr", "sgn"])
def test_unary_functions(name):
    a = T.dmatrix("a")
    ref = {"sqr": np.square, "sgn": np.sign}.get(name) or getattr(np, name)
    np.testing.assert_allclose(run(getattr(T, name)(a), a, A), ref(A), rtol=1e-12)


def test_nnet_functions():
    a = T.dmatrix("a")
    np.testing.assert_allclose(run(T.nnet.sigmoid(a), a, A), 1 / (1 + np.exp(-A)), rtol=1e-12)
    np.testing.assert_allclose(run(T.nnet.softplus(a), a, A), np.log1p(np.exp(A)), rtol=1e-12)
    e = np.exp(A - A.max(axis=1, keepdims=True))
    np.testing.assert_allclose(run(T.nnet.softmax(a), a, A), e / e.sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(run(theano.tensor.nnet.nnet.softmax(a), a, A), e / e.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(run(T.nnet.relu(a - 1), a, A), np.maximum(A - 1, 0), rtol=1e-12)


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1), -1])
def test_reductions(axis):
    a = T.dmatrix("a")
    ax = axis if not isinstance(axis, tuple) else axis
    for fn, ref in ((T.sum, np.sum), (T.prod, np.prod), (T.mean, np.mean), (T.max, np.max), (T.min, np.min)):
        np.testing.assert_allclose(run(fn(a, axis=axis), a, A), ref(A, axis=ax), rtol=1e-12)
    np.testing.assert_allclose(run(a.var(axis=axis), a, A), np.var(A, axis=ax), rtol=1e-10)
    np.testing.assert_allclose(run(a.std(axis=axis), a, A), np.std(A, axis=ax), rtol=1e-10)
    np.testing.assert_allclose(run(a.sum(axis=axis, keepdims=True), a, A), np.sum(A, axis=ax, keepdims=True))


def test_argmax_and_friends():
    a = T.dmatrix("a")
    assert int(run(T.argmax(a), a, A)) == np.argmax(A)
    np.testing.assert_array_equal(run(T.argmax(a, axis=1), a, A), np.argmax(A, axis=1))
    np.testing.assert_array_equal(run(a.argmin(axis=0), a, A), np.argmin(A, axis=0))
    m, i = T.max_and_argmax(a, axis=1)
    r = theano.function([a], [m, i])(A)
    np.testing.assert_array_equal(r[0], A.max(axis=1))
    np.testing.assert_array_equal(r[1], A.argmax(axis=1))
    b = T.bmatrix("b")
    bv = np.array([[0, 1], [0, 0]], dtype="int8")
    np.testing.assert_array_equal(run(T.any(b, axis=1), b, bv), [True, False])
    np.testing.assert_array_equal(run(T.all(b, axis=0), b, bv), [False, False])


def test_dot_outer_transpose_reshape_flatten():
    a, b = T.dmatrices("a", "b")
    v = T.dvector("v")
    np.testing.assert_allclose(run(T.dot(a, v), a, A, v, V), A.dot(V))
    np.testing.assert_allclose(run(T.dot(a, b.T), a, A, b, B), A.dot(B.T))
    np.testing.assert_allclose(run(T.outer(v, v), v, V), np.outer(V, V))
    np.testing.assert_array_equal(run(a.T, a, A), A.T)
    np.testing.assert_array_equal(run(a.transpose(1, 0), a, A), A.T)
    np.testing.assert_array_equal(run(a.reshape((2, 6)), a, A), A.reshape(2, 6))
    np.testing.assert_array_equal(run(a.reshape((-1,)), a, A), A.reshape(-1))
    n = T.lscalar("n")
    np.testing.assert_array_equal(theano.function([a, n], a.reshape((n, -1)))(A, 6), A.reshape(6, -1))
    np.testing.assert_array_equal(run(a.flatten(), a, A), A.flatten())
    np.testing.assert_array_equal(run(T.flatten(a.dimshuffle("x", 0, 1), 2), a, A), A.reshape(1, 12))
    np.testing.assert_array_equal(run(a.shape, a, A), [3, 4])
    assert run(a.shape[1], a, A) == 4
    assert run(v.size, v, V) == 4


def test_cast_and_astype():
    a = T.dmatrix("a")
    r = run(T.cast(a * 10, "int32"), a, A)
    assert r.dtype == np.int32
    np.testing.assert_array_equal(r, (A * 10).astype("int32"))
    assert (a.astype("float32")).dtype == "float32"
    assert T.cast(a, "float64") is a
    assert T.cast(T.ivector(), "floatX").dtype == theano.config.floatX


def test_zeros_ones_alloc_fill():
    a = T.dmatrix("a")
    np.testing.assert_array_equal(run(T.zeros_like(a), a, A), np.zeros_like(A))
    np.testing.assert_array_equal(run(T.ones_like(a), a, A), np.ones_like(A))
    np.testing.assert_array_equal(run(T.fill(a, 7.0), a, A), np.full_like(A, 7.0))
    n = T.lscalar("n")
    np.testing.assert_array_equal(theano.function([n], T.zeros((n, 2)))(3), np.zeros((3, 2)))
    np.testing.assert_array_equal(theano.function([n], T.ones((2, n), dtype="int32"))(2), np.ones((2, 2), "int32"))
    np.testing.assert_array_equal(theano.function([n], T.alloc(5.0, n))(2), [5.0, 5.0])


def test_basic_indexing():
    a = T.dmatrix("a")
    i = T.lscalar("i")
    cases = [
        (lambda x: x[0], lambda x: x[0]),
        (lambda x: x[-1, 2], lambda x: x[-1, 2]),
        (lambda x: x[1:], lambda x: x[1:]),
        (lambda x: x[::-1, 1:3], lambda x: x[::-1, 1:3]),
        (lambda x: x[:, 0], lambda x: x[:, 0]),
        (lambda x: x[..., 1], lambda x: x[..., 1]),
        (lambda x: x[None, 1], lambda x: x[None, 1]),
        (lambda x: x[:, None], lambda x: x[:, None]),
        (lambda x: x[[2, 0]], lambda x: x[[2, 0]]),
        (lambda x: x[np.array([1, 1])], lambda x: x[np.array([1, 1])]),
        (lambda x: x[:, [3, 0]], lambda x: x[:, [3, 0]]),
    ]
    for expr, ref in cases:
        np.testing.assert_array_equal(run(expr(a), a, A), ref(A))
    f = theano.function([a, i], [a[i], a[i:i + 2, i]])
    r = f(A, 1)
    np.testing.assert_array_equal(r[0], A[1])
    np.testing.assert_array_equal(r[1], A[1:3, 1])
    idx = T.lvector("idx")
    np.testing.assert_array_equal(theano.function([a, idx], a[idx])(A, [2, 2, 0]), A[[2, 2, 0]])
    with pytest.raises(IndexError):
        a[0, 0, 0]
    with pytest.raises(TypeError, match="Python bools"):
        a[[True, False, True]]


def test_set_and_inc_subtensor():
    a = T.dmatrix("a")
    r = run(T.set_subtensor(a[0], [5.0, 6.0, 7.0, 8.0]), a, A)
    expected = A.copy()
    expected[0] = [5, 6, 7, 8]
    np.testing.assert_array_equal(r, expected)
    r = run(T.inc_subtensor(a[1:, 2], 1.0), a, A)
    expected = A.copy()
    expected[1:, 2] += 1
    np.testing.assert_array_equal(r, expected)
    r = run(T.set_subtensor(a[[1, 1]], 0.0), a, A)
    expected = A.copy()
    expected[[1, 1]] = 0
    np.testing.assert_array_equal(r, expected)
    with pytest.raises(TypeError):
        a[0] = 1.0


def test_logic_and_bitwise():
    x, y = T.bvectors("x", "y")
    xv = np.array([1, 0, 3], dtype="int8")
    yv = np.array([1, 1, 2], dtype="int8")
    r = theano.function([x, y], [x & y, x | y, x ^ y, ~x])(xv, yv)
    np.testing.assert_array_equal(r[0], xv & yv)
    np.testing.assert_array_equal(r[1], xv | yv)
    np.testing.assert_array_equal(r[2], xv ^ yv)
    np.testing.assert_array_equal(r[3], ~xv)
    d = T.dvector("d")
    dv = np.array([np.nan, np.inf, 1.0])
    r = theano.function([d], [T.isnan(d), T.isinf(d)])(dv)
    np.testing.assert_array_equal(r[0], np.isnan(dv))
    np.testing.assert_array_equal(r[1], np.isinf(dv))


def test_round_modes():
    d = T.dvector("d")
    dv = np.array([0.5, 1.5, -0.5, 2.4])
    np.testing.assert_array_equal(run(T.round(d), d, dv), [1.0, 2.0, -1.0, 2.0])  # half away from zero
    np.testing.assert_array_equal(run(T.round(d, "half_to_even"), d, dv), np.round(dv))


def test_unsupported_operand_gives_python_type_error():
    x = T.dvector()
    with pytest.raises(TypeError):
        x + "a string"
