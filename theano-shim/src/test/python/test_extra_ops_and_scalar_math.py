"""Theano 1.0's scalar special functions (T.erf, T.gammaln, T.psi, ... T.arctan2), theano.tensor.extra_ops
(searchsorted, bincount, diff, to_one_hot, fill_diagonal, Unique, ...) and T.nonzero & co: values against
Python's math module, NumPy and published tables, dtypes, printing, and gradients against finite
differences, under the default mode (Truffle executor) and FAST_COMPILE (reference executor)."""
import math

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor import extra_ops

MODES = [None, "FAST_COMPILE"]
EULER = 0.5772156649015329


def run(outputs, inputs, *args, mode=None):
    return theano.function(inputs, outputs, mode=mode)(*args)


# ----------------------------------------------------------------------------- scalar math: values

def _digamma_ref(x):
    """psi by recurrence to x >= 20 plus the asymptotic series: independent of the implementation."""
    acc = 0.0
    while x < 20:
        acc -= 1.0 / x
        x += 1
    inv = 1.0 / (x * x)
    return acc + math.log(x) - 0.5 / x - inv * (1 / 12. - inv * (1 / 120. - inv * (1 / 252. - inv / 240.)))


def _trigamma_ref(x):
    acc = 0.0
    while x < 20:
        acc += 1.0 / (x * x)
        x += 1
    inv = 1.0 / (x * x)
    return acc + 1 / x + inv / 2 + inv / x * (1 / 6. - inv * (1 / 30. - inv * (1 / 42. - inv / 30.)))


UNARY = {
    # name: (reference, points)
    "erf": (math.erf, [-2.0, -0.5, 0.0, 0.3, 0.5, 1.7]),
    "erfc": (math.erfc, [-1.0, 0.0, 0.5, 2.0, 5.0]),
    "gamma": (math.gamma, [0.5, 1.0, 2.5, 5.0, 10.0, -0.5, -2.5]),
    "gammaln": (math.lgamma, [0.5, 1.0, 2.5, 10.0, 100.0, -0.5]),
    "psi": (_digamma_ref, [0.1, 0.5, 1.0, 3.3, 12.0, 50.0]),
    "tri_gamma": (_trigamma_ref, [0.1, 0.5, 1.0, 3.3, 12.0]),
    "arcsinh": (math.asinh, [-3.0, -0.2, 0.0, 0.7, 20.0]),
    "arccosh": (math.acosh, [1.0, 1.5, 3.0, 100.0]),
    "arctanh": (math.atanh, [-0.9, -0.1, 0.0, 0.5, 0.99]),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_special_functions_against_math(name, mode):
    ref, pts = UNARY[name]
    x = T.dvector()
    got = run(getattr(T, name)(x), [x], np.array(pts), mode=mode)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, [ref(p) for p in pts], rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("mode", MODES)
def test_published_values(mode):
    x = T.dscalar()

    def at(fn, v):
        return float(run(fn(x), [x], v, mode=mode))

    assert at(T.erf, 0.5) == pytest.approx(0.5204998778130465, rel=1e-15)
    assert at(T.gammaln, 10.0) == pytest.approx(math.log(362880), rel=1e-15)
    assert at(T.gamma, 10.0) == pytest.approx(362880.0, rel=1e-14)
    assert at(T.psi, 1.0) == pytest.approx(-EULER, rel=1e-14)
    assert at(T.psi, 0.5) == pytest.approx(-EULER - 2 * math.log(2), rel=1e-14)
    assert at(T.tri_gamma, 1.0) == pytest.approx(math.pi ** 2 / 6, rel=1e-12)
    assert at(T.erfinv, 0.5) == pytest.approx(0.4769362762044699, rel=1e-14)
    assert at(T.erfcinv, 0.5) == pytest.approx(0.4769362762044699, rel=1e-14)
    assert at(T.erfc, 10.0) == pytest.approx(2.088487583762545e-45, rel=1e-12)  # the tail, no cancellation


@pytest.mark.parametrize("mode", MODES)
def test_inverse_error_functions_invert(mode):
    x = T.dvector()
    p = np.array([-0.99, -0.5, 0.0, 0.25, 0.9, 0.999999])
    np.testing.assert_allclose([math.erf(v) for v in run(T.erfinv(x), [x], p, mode=mode)], p, rtol=1e-14, atol=1e-16)
    q = np.array([1e-30, 1e-10, 0.01, 0.5, 1.0, 1.5, 1.99])
    np.testing.assert_allclose([math.erfc(v) for v in run(T.erfcinv(x), [x], q, mode=mode)], q, rtol=1e-12)
    edges = run(T.erfinv(x), [x], np.array([-1.0, 1.0, 1.5]), mode=mode)
    assert edges[0] == -np.inf and edges[1] == np.inf and np.isnan(edges[2])
    edges = run(T.erfcinv(x), [x], np.array([0.0, 2.0, -0.1]), mode=mode)
    assert edges[0] == np.inf and edges[1] == -np.inf and np.isnan(edges[2])


@pytest.mark.parametrize("mode", MODES)
def test_gamma_poles(mode):
    x = T.dvector()
    pts = np.array([0.0, -1.0, -3.0])
    g = run(T.gamma(x), [x], pts, mode=mode)
    assert g[0] == np.inf and np.isnan(g[1]) and np.isnan(g[2])  # C's tgamma
    assert (run(T.gammaln(x), [x], pts, mode=mode) == np.inf).all()  # C's lgamma
    assert run(T.psi(x), [x], pts, mode=mode)[0] == -np.inf


@pytest.mark.parametrize("mode", MODES)
def test_arctan2_quadrants(mode):
    y, x = T.dvectors("y", "x")
    ys = np.array([1.0, 1.0, -1.0, -1.0, 0.0, 2.0])
    xs = np.array([1.0, -1.0, -1.0, 1.0, -1.0, 0.0])
    np.testing.assert_allclose(run(T.arctan2(y, x), [y, x], ys, xs, mode=mode),
                               [math.atan2(a, b) for a, b in zip(ys, xs)], rtol=1e-15)


ALL_UNARY = sorted(UNARY) + ["erfinv", "erfcinv"]


@pytest.mark.parametrize("name", ALL_UNARY)
def test_dtypes_follow_upgrade_to_float(name):
    f = getattr(T, name)
    assert f(T.bvector()).dtype == "float32"    # int8
    assert f(T.wvector()).dtype == "float32"    # int16
    assert f(T.ivector()).dtype == "float64"    # int32
    assert f(T.lvector()).dtype == "float64"
    assert f(T.fvector()).dtype == "float32"
    assert f(T.dvector()).dtype == "float64"
    assert str(f(T.dvector()).owner.op) == "Elemwise{%s,no_inplace}" % name
    assert f.__name__ == name


def test_arctan2_dtypes_and_printing():
    assert T.arctan2(T.fvector(), T.bvector()).dtype == "float32"
    assert T.arctan2(T.fvector(), T.ivector()).dtype == "float64"
    assert T.arctan2(T.ivector(), T.ivector()).dtype == "float64"
    assert str(T.arctan2(T.dvector(), T.dvector()).owner.op) == "Elemwise{arctan2,no_inplace}"


@pytest.mark.parametrize("name", ["erfc", "erfinv", "erfcinv", "arctan2"])
def test_no_complex_variants_refuse_complex(name):
    z = T.zvector()
    with pytest.raises(TypeError):
        getattr(T, name)(*([z] * (2 if name == "arctan2" else 1)))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ALL_UNARY)
def test_int_and_float32_inputs(name, mode):
    pts = {"erfinv": [0, 0], "erfcinv": [1, 1], "arccosh": [1, 3], "arctanh": [0, 0],
           "gamma": [1, 4], "gammaln": [1, 7], "psi": [1, 2], "tri_gamma": [1, 2]}.get(name, [0, 2])
    f = getattr(T, name)
    i8, i32, f32 = T.bvector(), T.ivector(), T.fvector()
    d = T.dvector()
    expect = run(f(d), [d], np.array(pts, "float64"), mode=mode)
    r8 = run(f(i8), [i8], np.array(pts, "int8"), mode=mode)
    r32 = run(f(i32), [i32], np.array(pts, "int32"), mode=mode)
    rf = run(f(f32), [f32], np.array(pts, "float32"), mode=mode)
    assert (r8.dtype, r32.dtype, rf.dtype) == (np.float32, np.float64, np.float32)
    np.testing.assert_allclose(r32, expect, rtol=1e-15)
    np.testing.assert_allclose(r8, expect.astype("float32"), rtol=1e-6)
    np.testing.assert_allclose(rf, expect.astype("float32"), rtol=1e-6)


def test_float32_values_are_float32_rounded():
    x = T.fvector()
    pts = np.array([0.1, 0.5, 1.5], "float32")
    got = run(T.erf(x), [x], pts)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, [math.erf(float(p)) for p in pts], rtol=1e-6)


# ----------------------------------------------------------------------------- scalar math: gradients

GRAD_POINTS = {
    "erf": [-1.2, -0.3, 0.4, 1.1],
    "erfc": [-1.2, -0.3, 0.4, 1.1],
    "erfinv": [-0.7, -0.2, 0.3, 0.8],
    "erfcinv": [0.3, 0.9, 1.2, 1.7],
    "gamma": [0.3, 1.2, 2.5, 4.0],
    "gammaln": [0.3, 1.2, 2.5, 4.0],
    "psi": [0.3, 1.2, 2.5, 4.0],
    "arcsinh": [-1.2, -0.3, 0.4, 1.1],
    "arccosh": [1.3, 1.9, 2.5, 4.0],
    "arctanh": [-0.7, -0.2, 0.3, 0.8],
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(GRAD_POINTS))
def test_gradients_against_finite_differences(name, mode):
    theano.gradient.verify_grad(getattr(T, name), [np.array(GRAD_POINTS[name])], rng=np.random.RandomState(3),
                                mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_arctan2_gradient(mode):
    theano.gradient.verify_grad(T.arctan2, [np.array([-1.2, 0.4, 1.1]), np.array([0.5, -2.0, 1.3])],
                                rng=np.random.RandomState(4), mode=mode)


def test_gradient_formulas_as_theano():
    x = T.dscalar()
    # d/dx gammaln = psi, d/dx psi = tri_gamma (evaluated against the independent references)
    g = theano.function([x], [theano.grad(T.gammaln(x), x), theano.grad(T.psi(x), x)])
    a, b = g(2.5)
    assert a == pytest.approx(_digamma_ref(2.5), rel=1e-13)
    assert b == pytest.approx(_trigamma_ref(2.5), rel=1e-12)
    # Theano 1.0's TriGamma has no gradient
    with pytest.raises(NotImplementedError):
        theano.grad(T.tri_gamma(x), x)


def test_float32_gradient_stays_float32():
    x = T.fvector()
    for f in (T.erf, T.erfc, T.erfinv, T.erfcinv, T.gammaln, T.arcsinh):
        assert theano.grad(f(x).sum(), x).dtype == "float32"


# ----------------------------------------------------------------------------- extra_ops

def test_extra_ops_names_as_theano():
    for name in ["cumsum", "cumprod", "bincount", "to_one_hot", "fill_diagonal", "fill_diagonal_offset",
                 "searchsorted", "repeat", "diff", "squeeze", "compress", "bartlett", "Unique", "DiffOp", "CumOp"]:
        assert hasattr(extra_ops, name), name
    for name in ["DiffOp", "bincount", "squeeze", "repeat", "bartlett", "fill_diagonal", "fill_diagonal_offset",
                 "cumsum", "cumprod"]:
        assert getattr(T, name) is getattr(extra_ops, name), name
    assert T.extra_ops is extra_ops


@pytest.mark.parametrize("mode", MODES)
def test_searchsorted(mode):
    x, v = T.dvector(), T.dmatrix()
    xs = np.array([1.0, 2.0, 2.0, 3.0, 5.0])
    vs = np.array([[0.0, 2.0, 2.5], [5.0, 6.0, 3.0]])
    for side in ("left", "right"):
        got = run(extra_ops.searchsorted(x, v, side=side), [x, v], xs, vs, mode=mode)
        assert got.dtype == np.int64 and got.shape == (2, 3)
        np.testing.assert_array_equal(got, np.searchsorted(xs, vs, side=side))
    perm = np.array([3, 0, 4, 1, 2])
    s = T.lvector()
    got = run(extra_ops.searchsorted(x, v, sorter=s), [x, v, s], xs[perm], vs, np.argsort(xs[perm]), mode=mode)
    np.testing.assert_array_equal(got, np.searchsorted(xs[perm], vs, sorter=np.argsort(xs[perm])))
    iv = T.lvector()  # integer x with float v compare as floats
    np.testing.assert_array_equal(run(extra_ops.searchsorted(iv, 2.5), [iv], np.array([1, 2, 3]), mode=mode), 2)
    assert x.searchsorted(2.0).eval({x: xs}) == 1
    with pytest.raises(ValueError):
        extra_ops.searchsorted(x, v, side="middle")


def test_searchsorted_gradient_is_zero():
    x, v = T.dvector(), T.dvector()
    gx, gv = theano.grad(T.sum(extra_ops.searchsorted(x, v) * 1.0), [x, v])
    f = theano.function([x, v], [gx, gv])
    a, b = f([1.0, 2.0], [1.5, 3.0])
    assert (a == 0).all() and (b == 0).all()


@pytest.mark.parametrize("mode", MODES)
def test_bincount(mode):
    x = T.bvector()
    xs = np.array([0, 1, 1, 3, 1], "int8")
    got = run(extra_ops.bincount(x), [x], xs, mode=mode)
    assert got.dtype == np.int8  # Theano 1.0: counts in x's dtype
    np.testing.assert_array_equal(got, np.bincount(xs))
    w = T.dvector()
    ws = np.array([0.5, 1.0, 2.0, -1.0, 0.25])
    got = run(extra_ops.bincount(x, w, minlength=7), [x, w], xs, ws, mode=mode)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, np.bincount(xs, ws, minlength=7))
    with pytest.raises(AssertionError):
        run(extra_ops.bincount(x, assert_nonneg=True), [x], np.array([1, -1], "int8"), mode=mode)
    with pytest.raises(TypeError):
        extra_ops.bincount(T.lmatrix())


def test_bincount_weights_gradient():
    x = T.lvector()
    xs = np.array([0, 2, 2, 1])
    theano.gradient.verify_grad(lambda w: extra_ops.bincount(theano.tensor.constant(xs), w),
                                [np.array([0.5, 1.0, 2.0, -1.0])], rng=np.random.RandomState(5))


@pytest.mark.parametrize("mode", MODES)
def test_diff(mode):
    m = T.dmatrix()
    a = np.array([[1.0, 4.0, 9.0, 16.0], [2.0, -1.0, 5.0, 0.5], [0.0, 0.0, 3.0, 7.0]])
    for n, axis in [(1, -1), (2, 1), (1, 0), (0, 0), (3, 1)]:
        got = run(extra_ops.diff(m, n, axis), [m], a, mode=mode)
        np.testing.assert_allclose(got, np.diff(a, n=n, axis=axis))
    iv = T.ivector()
    got = run(extra_ops.DiffOp(1)(iv), [iv], np.array([1, 4, 9], "int32"), mode=mode)
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, [3, 5])
    with pytest.raises(ValueError):
        extra_ops.diff(m, 1, axis=2)


@pytest.mark.parametrize("mode", MODES)
def test_diff_gradient(mode):
    theano.gradient.verify_grad(lambda v: extra_ops.diff(v, 2), [np.array([1.0, 3.0, -2.0, 0.5, 4.0])],
                                rng=np.random.RandomState(6), mode=mode)
    theano.gradient.verify_grad(lambda v: extra_ops.diff(v, 1, axis=0), [np.arange(6.0).reshape(3, 2) ** 2],
                                rng=np.random.RandomState(7), mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_to_one_hot(mode):
    y = T.lvector()
    got = run(extra_ops.to_one_hot(y, 4), [y], np.array([0, 3, 1, 1]), mode=mode)
    assert got.dtype == theano.config.floatX
    np.testing.assert_array_equal(got, np.eye(4)[[0, 3, 1, 1]])
    got = run(extra_ops.to_one_hot(y, 3, dtype="int32"), [y], np.array([2, 0]), mode=mode)
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, [[0, 0, 1], [1, 0, 0]])


def _np_fill_diagonal(a, val):
    a = a.copy()
    for i in range(min(a.shape)):
        a[(i,) * a.ndim] = val
    return a


@pytest.mark.parametrize("mode", MODES)
def test_fill_diagonal(mode):
    m = T.dmatrix()
    for shape in [(3, 3), (2, 4), (4, 2)]:
        a = np.arange(np.prod(shape), dtype="float64").reshape(shape)
        np.testing.assert_array_equal(run(extra_ops.fill_diagonal(m, 7), [m], a, mode=mode), _np_fill_diagonal(a, 7))
    t = T.dtensor3()
    a = np.arange(27.0).reshape(3, 3, 3)
    np.testing.assert_array_equal(run(extra_ops.fill_diagonal(t, -1.0), [t], a, mode=mode), _np_fill_diagonal(a, -1))
    with pytest.raises(TypeError):
        extra_ops.fill_diagonal(T.imatrix(), 0.5)   # a float value would upcast an int matrix
    with pytest.raises(TypeError):
        extra_ops.fill_diagonal(T.dvector(), 1.0)


@pytest.mark.parametrize("mode", MODES)
def test_fill_diagonal_gradient(mode):
    theano.gradient.verify_grad(extra_ops.fill_diagonal, [np.arange(12.0).reshape(3, 4), np.array(2.0)],
                                rng=np.random.RandomState(8), mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_fill_diagonal_offset(mode):
    m, k = T.dmatrix(), T.lscalar()
    for shape in [(3, 4), (4, 3), (3, 3)]:
        a = np.zeros(shape)
        for offset in range(-4, 5):
            expect = a.copy()
            for i in range(shape[0]):
                if 0 <= i + offset < shape[1]:
                    expect[i, i + offset] = 5.0
            np.testing.assert_array_equal(run(extra_ops.fill_diagonal_offset(m, 5.0, k), [m, k], a, offset, mode=mode),
                                          expect)
    theano.gradient.verify_grad(lambda a, v: extra_ops.fill_diagonal_offset(a, v, -1),
                                [np.arange(12.0).reshape(3, 4), np.array(2.0)], rng=np.random.RandomState(9),
                                mode=mode)


@pytest.mark.parametrize("mode", MODES)
def test_unique(mode):
    m = T.dmatrix()
    a = np.array([[3.0, 1.0, 3.0], [2.0, 1.0, 1.0]])
    got = run(extra_ops.Unique()(m), [m], a, mode=mode)
    np.testing.assert_array_equal(got, np.unique(a))
    outs = run(extra_ops.Unique(True, True, True)(m), [m], a, mode=mode)
    for g, e in zip(outs, np.unique(a, return_index=True, return_inverse=True, return_counts=True)):
        np.testing.assert_array_equal(g, e.ravel())
    assert [o.dtype for o in outs] == [np.float64, np.int64, np.int64, np.int64]
    iv = T.ivector()
    vals, counts = run(extra_ops.unique(iv, return_counts=True), [iv], np.array([5, -2, 5, 5], "int32"), mode=mode)
    np.testing.assert_array_equal(vals, [-2, 5])
    np.testing.assert_array_equal(counts, [1, 3])
    assert vals.dtype == np.int32
    assert str(extra_ops.Unique(True, False, False)) == "Unique{return_index=True, return_inverse=False, return_counts=False}"


@pytest.mark.parametrize("mode", MODES)
def test_repeat_squeeze_cumsum_reexports(mode):
    x = T.dmatrix()
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(run(extra_ops.repeat(x, 2, axis=1), [x], a, mode=mode), np.repeat(a, 2, axis=1))
    np.testing.assert_array_equal(run(extra_ops.cumsum(x, axis=0), [x], a, mode=mode), np.cumsum(a, axis=0))
    np.testing.assert_array_equal(run(extra_ops.cumprod(x), [x], a, mode=mode), np.cumprod(a))
    np.testing.assert_array_equal(run(extra_ops.CumOp(axis=1, mode="add")(x), [x], a, mode=mode), np.cumsum(a, axis=1))
    r = T.row()
    assert extra_ops.squeeze(r).ndim == 1


@pytest.mark.parametrize("mode", MODES)
def test_bartlett(mode):
    M = T.lscalar()
    f = theano.function([M], extra_ops.bartlett(M), mode=mode)
    for n in [0, 1, 2, 5, 6, -3]:
        got = f(n)
        assert got.dtype == np.float64
        np.testing.assert_allclose(got, np.bartlett(n), atol=1e-15)
    with pytest.raises(TypeError):
        extra_ops.bartlett(T.dscalar())


@pytest.mark.parametrize("mode", MODES)
def test_compress(mode):
    c, x = T.bvector(), T.dmatrix()
    a = np.arange(6.0).reshape(2, 3)
    cond = np.array([0, 1, 1], "int8")
    np.testing.assert_array_equal(run(extra_ops.compress(c, x, axis=1), [c, x], cond, a, mode=mode),
                                  np.compress(cond, a, axis=1))
    np.testing.assert_array_equal(run(extra_ops.compress(c, x), [c, x], cond, a, mode=mode), np.compress(cond, a))
    np.testing.assert_array_equal(run(c.compress(x, axis=1), [c, x], cond, a, mode=mode), np.compress(cond, a, axis=1))


# ----------------------------------------------------------------------------- nonzero & co

@pytest.mark.parametrize("mode", MODES)
def test_nonzero_family(mode):
    m = T.dmatrix()
    a = np.array([[3.0, 0.0, -1.0], [0.0, np.nan, 0.0]])
    idx = run(list(T.nonzero(m)), [m], a, mode=mode)
    for g, e in zip(idx, np.nonzero(a)):
        assert g.dtype == np.int64
        np.testing.assert_array_equal(g, e)
    np.testing.assert_array_equal(run(T.nonzero(m, return_matrix=True), [m], a, mode=mode), np.array(np.nonzero(a)))
    np.testing.assert_array_equal(run(T.flatnonzero(m), [m], a, mode=mode), np.flatnonzero(a))
    np.testing.assert_array_equal(run(T.nonzero_values(m), [m], a, mode=mode), a[np.nonzero(a)])
    np.testing.assert_array_equal(run(m.nonzero_values(), [m], np.zeros((2, 2)), mode=mode), np.zeros(0))
    t = T.itensor3()
    b = np.array([[[0, 1], [2, 0]], [[0, 0], [5, 6]]], "int32")
    for g, e in zip(run(list(t.nonzero()), [t], b, mode=mode), np.nonzero(b)):
        np.testing.assert_array_equal(g, e)
    with pytest.raises(ValueError):
        T.nonzero(T.dscalar())
    with pytest.raises(ValueError):
        T.flatnonzero(T.dscalar())


@pytest.mark.parametrize("mode", MODES)
def test_nonzero_values_gradient(mode):
    # finite differences would move the zeros (and the output's length): the gradient of
    # sum(nonzero_values(m) * w) is w scattered onto the nonzero positions, zero elsewhere
    m, w = T.dmatrix(), T.dvector()
    g = run(theano.grad(T.sum(T.nonzero_values(m) * w), m), [m, w], np.array([[1.5, 0.0], [-2.0, 3.0]]),
            np.array([10.0, 20.0, 30.0]), mode=mode)
    np.testing.assert_array_equal(g, [[10.0, 0.0], [20.0, 30.0]])


def test_real_imag_conj_on_real_tensors():
    x = T.dvector()
    f = theano.function([x], [T.real(x), T.imag(x), T.conj(x)])
    r, i, c = f([1.0, -2.0])
    np.testing.assert_array_equal(r, [1.0, -2.0])
    np.testing.assert_array_equal(i, [0.0, 0.0])
    np.testing.assert_array_equal(c, [1.0, -2.0])


# ----------------------------------------------------------------------------- unravel_index / ravel_multi_index

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order", ["C", "F"])
def test_unravel_index_matches_numpy(order, mode):
    i = T.lvector("i")
    dims = (3, 4, 5)
    out = extra_ops.unravel_index(i, dims, order=order)
    assert isinstance(out, tuple) and len(out) == 3
    assert all(o.dtype == "int64" and o.broadcastable == (False,) for o in out)
    iv = np.array([0, 7, 59, 33, 12], dtype="int64")
    got = run(list(out), [i], iv, mode=mode)
    for g, e in zip(got, np.unravel_index(iv, dims, order=order)):
        assert g.dtype == np.int64
        np.testing.assert_array_equal(g, e)
    # hand-computed: 33 = 1 * 20 + 2 * 5 + 3 (C order over (3, 4, 5)); 33 = 0 + 3 * (3 + 4 * 2) (F order)
    assert [int(g[3]) for g in got] == ([1, 2, 3] if order == "C" else [0, 3, 2])


def test_unravel_index_shapes_dims_and_errors():
    m = T.imatrix("m")
    d = T.lvector("d")
    idx = T.lscalar("idx")
    mv = np.array([[0, 5], [11, 3]], dtype="int32")
    got = run(list(extra_ops.unravel_index(m, d, ndim=2)), [m, d], mv, np.array([3, 4]))
    for g, e in zip(got, np.unravel_index(mv, (3, 4))):
        assert g.shape == (2, 2)
        np.testing.assert_array_equal(g, e)
    # x.shape as dims: its length is known from the graph
    x = T.dtensor3("x")
    out = extra_ops.unravel_index(idx, x.shape)
    assert len(out) == 3 and out[0].ndim == 0
    got = run(list(out), [idx, x], 17, np.zeros((2, 3, 4)))
    assert [int(g) for g in got] == [int(e) for e in np.unravel_index(17, (2, 3, 4))] == [1, 1, 1]
    one = extra_ops.unravel_index(idx, (6,))
    assert isinstance(one, tuple) and len(one) == 1
    op = out[0].owner.op
    assert str(op) == "UnravelIndex{ndim=3, order='C'}"
    assert isinstance(op, extra_ops.UnravelIndex) and (op.ndim, op.order) == (3, "C")
    assert extra_ops.UnravelIndex(2, "F") == extra_ops.UnravelIndex(2, "F") != extra_ops.UnravelIndex(2)
    with pytest.raises(ValueError, match="cannot be automatically determined"):
        extra_ops.unravel_index(idx, d)
    with pytest.raises(TypeError, match="'float64' object cannot be interpreted as an index"):
        extra_ops.unravel_index(T.dvector(), (2, 3))
    with pytest.raises(TypeError, match="'uint8' object cannot be interpreted as an index"):
        extra_ops.unravel_index(T.vector(dtype="uint8"), (2, 3))
    with pytest.raises(TypeError, match="dims must be a 1D array"):
        extra_ops.UnravelIndex(2)(idx, T.lmatrix())
    with pytest.raises(ValueError, match="ndim must be an integer greater than 0"):
        extra_ops.UnravelIndex(0)
    with pytest.raises(AssertionError):
        extra_ops.UnravelIndex(2, order="A")
    f = theano.function([idx], list(extra_ops.unravel_index(idx, (2, 3))))
    with pytest.raises(ValueError, match="index 6 is out of bounds for array with size 6"):
        f(6)
    with pytest.raises(ValueError, match="index -1 is out of bounds for array with size 6"):
        f(-1)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("bounds", ["raise", "wrap", "clip"])
def test_ravel_multi_index_matches_numpy(bounds, order, mode):
    a, b = T.lvectors("a", "b")
    flat = extra_ops.ravel_multi_index((a, b), (3, 4), mode=bounds, order=order)
    assert flat.dtype == "int64" and flat.broadcastable == (False,)
    if bounds == "raise":
        av, bv = np.array([0, 2, 1, 2]), np.array([3, 0, 1, 3])
    else:
        av, bv = np.array([0, 5, -1, 2, -7]), np.array([3, 0, 1, 9, 2])
    got = run(flat, [a, b], av, bv, mode=mode)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, np.ravel_multi_index((av, bv), (3, 4), mode=bounds, order=order))
    if bounds == "raise":
        # (2, 3): 2 * 4 + 3 in C order, 2 + 3 * 3 in F order; (2, 0): 8 and 2
        assert int(got[-1]) == 11 and int(got[1]) == (8 if order == "C" else 2)


def test_ravel_multi_index_round_trip_broadcasting_and_errors():
    i = T.lvector("i")
    dims = (2, 3, 4)
    flat = extra_ops.ravel_multi_index(extra_ops.unravel_index(i, dims, order="F"), dims, order="F")
    iv = np.arange(24)[::-1].copy()
    np.testing.assert_array_equal(run(flat, [i], iv), iv)
    # the coordinate arrays broadcast together, as in NumPy
    r, c = T.lmatrix("r"), T.lmatrix("c")
    rv, cv = np.array([[0], [1], [2]]), np.array([[0, 1, 3]])
    got = run(extra_ops.ravel_multi_index([r, c], (3, 4)), [r, c], rv, cv)
    np.testing.assert_array_equal(got, np.ravel_multi_index((rv, cv), (3, 4)))
    assert got.shape == (3, 3)
    out = extra_ops.ravel_multi_index((r, c), (3, 4), mode="clip", order="F")
    assert str(out.owner.op) == "RavelMultiIndex{mode='clip', order='F'}"
    assert isinstance(out.owner.op, extra_ops.RavelMultiIndex) and out.owner.op.mode == "clip"
    with pytest.raises(TypeError, match="multi_index must be a tuple or a list."):
        extra_ops.ravel_multi_index(i, (2, 3))
    with pytest.raises(TypeError, match="'float64' object cannot be interpreted as an index"):
        extra_ops.ravel_multi_index((i, T.dvector()), (2, 3))
    with pytest.raises(AssertionError):
        extra_ops.RavelMultiIndex(mode="ignore")
    a, b = T.lvectors("a", "b")
    f = theano.function([a, b], extra_ops.ravel_multi_index((a, b), (3, 4)))
    with pytest.raises(ValueError, match="invalid entry in coordinates array"):
        f(np.array([3]), np.array([0]))
    g = theano.function([a, b], extra_ops.ravel_multi_index((a, b), (3, 4, 5)))
    with pytest.raises(ValueError, match="parameter multi_index must be a sequence of length 3"):
        g(np.array([1]), np.array([0]))


def test_unravel_and_ravel_have_no_gradient():
    """Integer outputs: a float cost reached only through them does not depend on the float input."""
    x = T.dvector("x")
    i = T.lvector("i")
    coords = extra_ops.unravel_index(i, (3, 4))
    flat = extra_ops.ravel_multi_index(coords, (3, 4))
    cost = (x * T.cast(coords[0] + flat, "float64")).sum()
    g = theano.function([x, i], theano.grad(cost, x))
    np.testing.assert_array_equal(g(np.ones(2), np.array([5, 11])), [1 + 5, 2 + 11])
    # through them, the gradient is undefined (Theano 1.0's ops have no grad method: it fails there too)
    with pytest.raises(theano.gradient.NullTypeGradError, match="UnravelIndex"):
        theano.grad(T.cast(coords[0], "float64").sum(), i)
    with pytest.raises(theano.gradient.NullTypeGradError, match="RavelMultiIndex"):
        theano.grad(T.cast(flat, "float64").sum(), i)
