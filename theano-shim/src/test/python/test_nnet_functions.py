"""theano.tensor.nnet activations, softmax and cross-entropies: values against NumPy formulas and hand
computations, gradients against finite differences (verify_grad)."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import verify_grad

rng = np.random.RandomState(3)
X = np.linspace(-6, 6, 25).reshape(5, 5)


def ev(fn, *vals):
    ins = [T.TensorType("float64", (False,) * np.ndim(v))("in%d" % i) for i, v in enumerate(vals)]
    return theano.function(ins, fn(*ins))(*vals)


def np_sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@pytest.mark.parametrize("name,reference", [
    ("sigmoid", np_sigmoid),
    ("softplus", lambda x: np.log1p(np.exp(x))),
    ("softsign", lambda x: x / (1 + np.abs(x))),
    ("hard_sigmoid", lambda x: np.clip(0.2 * x + 0.5, 0, 1)),
    ("relu", lambda x: np.maximum(x, 0)),
    ("elu", lambda x: np.where(x > 0, x, np.expm1(x))),
    ("selu", lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))),
])
def test_activation_values(name, reference):
    out = ev(getattr(T.nnet, name), X)
    np.testing.assert_allclose(out, reference(X), rtol=1e-12, atol=1e-15)


def test_ultra_fast_sigmoid_is_theanos_approximation():
    out = ev(T.nnet.ultra_fast_sigmoid, X)
    # Theano's piecewise formula, written out from its documentation
    x = 0.5 * X
    ax = np.abs(x)
    z = np.where(ax < 1.7, 1.5 * ax / (1 + ax), np.where(ax < 3, 0.935409070603099 + 0.0458812946797165 * (ax - 1.7),
                                                         0.99505475368673))
    np.testing.assert_allclose(out, 0.5 * (np.sign(x) * z + 1.0), rtol=1e-12)
    # its largest error, 0.0275, is near |x| = 0.5 (e.g. 0.65 for sigmoid(0.5) = 0.6225)
    assert np.max(np.abs(out - np_sigmoid(X))) < 0.03


def test_ultra_fast_sigmoid_gradient_is_theanos_y_times_one_minus_y():
    # Theano's UltraFastScalarSigmoid.grad is y * (1 - y) of the approximation y, not the derivative of the
    # piecewise formula, so finite differences do not apply: compare with that expression instead
    x = T.dmatrix("x")
    g = theano.function([x], T.grad(T.nnet.ultra_fast_sigmoid(x).sum(), x))(X)
    y = ev(T.nnet.ultra_fast_sigmoid, X)
    np.testing.assert_allclose(g, y * (1.0 - y), rtol=1e-12)


def test_relu_alpha_leaky_and_symbolic():
    np.testing.assert_allclose(ev(lambda x: T.nnet.relu(x, 0.1), X), np.where(X > 0, X, 0.1 * X), rtol=1e-12)
    x, a = T.dmatrix("x"), T.dscalar("a")
    out = theano.function([x, a], T.nnet.relu(x, a))(X, 0.3)
    np.testing.assert_allclose(out, np.where(X > 0, X, 0.3 * X), rtol=1e-12)


def test_elu_alpha():
    np.testing.assert_allclose(ev(lambda x: T.nnet.elu(x, 0.5), X), np.where(X > 0, X, 0.5 * np.expm1(X)), rtol=1e-12)


def test_activations_on_float32_stay_float32():
    x = T.fmatrix("x")
    for fn in (T.nnet.sigmoid, T.nnet.ultra_fast_sigmoid, T.nnet.hard_sigmoid, T.nnet.softplus, T.nnet.softsign,
               T.nnet.relu, T.nnet.elu, T.nnet.softmax):
        assert fn(x).dtype == "float32", fn
    assert T.nnet.hard_sigmoid(T.imatrix("i")).dtype == "float64"


@pytest.mark.parametrize("fn", [T.nnet.sigmoid, T.nnet.softplus, T.nnet.softsign,
                                T.nnet.elu, T.nnet.selu, lambda x: T.nnet.relu(x, 0.2), T.nnet.softmax,
                                T.nnet.logsoftmax])
def test_activation_gradients(fn):
    # values away from the kinks of relu/elu
    xv = rng.uniform(0.2, 2.0, size=(3, 4)) * rng.choice([-1, 1], size=(3, 4))
    verify_grad(fn, [xv], rng=rng)


def test_softmax_and_logsoftmax():
    xv = rng.randn(4, 6) * 3
    e = np.exp(xv - xv.max(axis=1, keepdims=True))
    sm = e / e.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(ev(T.nnet.softmax, xv), sm, rtol=1e-12)
    np.testing.assert_allclose(ev(T.nnet.logsoftmax, xv), np.log(sm), rtol=1e-12)
    # stable for large inputs
    big = np.array([[1000.0, 0.0, -1000.0]])
    np.testing.assert_allclose(ev(T.nnet.logsoftmax, big), [[0.0, -1000.0, -2000.0]])
    # a vector is one row
    assert ev(T.nnet.softmax, np.array([1.0, 2.0])).shape == (1, 2)


def test_categorical_crossentropy_one_hot_and_index_targets():
    p = rng.dirichlet(np.ones(5), size=4)
    idx = np.array([0, 3, 4, 1], dtype="int32")
    one_hot = np.eye(5)[idx]
    expected = -np.log(p[np.arange(4), idx])
    coding, onehot_t = T.dmatrix("c"), T.dmatrix("t")
    np.testing.assert_allclose(theano.function([coding, onehot_t], T.nnet.categorical_crossentropy(coding, onehot_t))(
        p, one_hot), expected, rtol=1e-12)
    idx_t = T.ivector("i")
    y = T.nnet.categorical_crossentropy(coding, idx_t)
    assert str(y.owner.op) == "CrossentropyCategorical1Hot"
    np.testing.assert_allclose(theano.function([coding, idx_t], y)(p, idx), expected, rtol=1e-12)
    with pytest.raises(TypeError):
        T.nnet.categorical_crossentropy(coding, T.dtensor3("t3"))


def test_categorical_crossentropy_gradients():
    p = rng.dirichlet(np.ones(4), size=3)
    idx = np.array([1, 0, 3], dtype="int64")
    verify_grad(lambda c: T.nnet.categorical_crossentropy(c, T.constant(idx)), [p], rng=rng)
    one_hot = np.eye(4)[idx]
    verify_grad(lambda c, t: T.nnet.categorical_crossentropy(c, t), [p, one_hot], rng=rng)


def test_binary_crossentropy():
    out, t = rng.uniform(0.05, 0.95, size=(3, 4)), rng.randint(0, 2, size=(3, 4)).astype("float64")
    expected = -(t * np.log(out) + (1 - t) * np.log(1 - out))
    np.testing.assert_allclose(ev(T.nnet.binary_crossentropy, out, t), expected, rtol=1e-12)
    verify_grad(T.nnet.binary_crossentropy, [out, t], rng=rng)


def test_sigmoid_binary_crossentropy_is_stable():
    logits = np.array([[-50.0, -3.0, 0.0, 2.0, 40.0]])
    t = np.array([[1.0, 0.0, 0.5, 1.0, 0.0]])
    out = ev(T.nnet.sigmoid_binary_crossentropy, logits, t)
    # log(1 + exp(x)) - t x, written with logaddexp
    np.testing.assert_allclose(out, np.logaddexp(0, logits) - t * logits, rtol=1e-12)
    assert np.all(np.isfinite(out))
    xv, tv = rng.randn(3, 4), rng.uniform(0, 1, size=(3, 4))
    verify_grad(T.nnet.sigmoid_binary_crossentropy, [xv, tv], rng=rng)
    np.testing.assert_allclose(ev(T.nnet.sigmoid_binary_crossentropy, xv, tv),
                               ev(lambda a, b: T.nnet.binary_crossentropy(T.nnet.sigmoid(a), b), xv, tv), rtol=1e-10)


def test_crossentropy_softmax_1hot_family():
    xv, bv = rng.randn(4, 5), rng.randn(5)
    idx = np.array([4, 0, 2, 2], dtype="int64")
    x, b, y = T.dmatrix("x"), T.dvector("b"), T.lvector("y")
    z = xv + bv
    sm = np.exp(z - z.max(1, keepdims=True))
    sm /= sm.sum(1, keepdims=True)
    nll = -np.log(sm[np.arange(4), idx])
    nll_v, sm_v, am_v = T.nnet.crossentropy_softmax_argmax_1hot_with_bias(x, b, y)
    r = theano.function([x, b, y], [nll_v, sm_v, am_v])(xv, bv, idx)
    np.testing.assert_allclose(r[0], nll, rtol=1e-12)
    np.testing.assert_allclose(r[1], sm, rtol=1e-12)
    np.testing.assert_array_equal(r[2], z.argmax(1))
    nll_1, sm_1 = T.nnet.crossentropy_softmax_1hot(x, y)
    r = theano.function([x, y], [nll_1, sm_1])(z, idx)
    np.testing.assert_allclose(r[0], nll, rtol=1e-12)
    np.testing.assert_allclose(r[1], sm, rtol=1e-12)
    dy = rng.rand(4)
    dx = theano.function([x, y], T.nnet.crossentropy_softmax_1hot_with_bias_dx(T.constant(dy), sm_1, y))(z, idx)
    expected = sm * dy[:, None]
    expected[np.arange(4), idx] -= dy
    np.testing.assert_allclose(dx, expected, rtol=1e-12)
    verify_grad(lambda a, c: T.nnet.crossentropy_softmax_1hot_with_bias(a, c, T.constant(idx))[0], [xv, bv], rng=rng)


def test_confusion_matrix():
    actual = np.array([0, 1, 2, 2, 1, 0, 3], dtype="int32")
    pred = np.array([0, 2, 2, 1, 1, 0, 0], dtype="int32")
    a, p = T.ivector("a"), T.ivector("p")
    conf, order = theano.function([a, p], T.nnet.confusion_matrix(a, p))(actual, pred)
    np.testing.assert_array_equal(order, [0, 1, 2, 3])
    expected = np.zeros((4, 4), dtype="int64")
    for i, j in zip(actual, pred):
        expected[i, j] += 1
    np.testing.assert_array_equal(conf, expected)
    with pytest.raises(ValueError):
        T.nnet.confusion_matrix(T.imatrix(), p)


# ----------------------------------------------------------------------------- h_softmax

def _np_softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _h_softmax_case(seed=3, batch=5, feat=4, n_classes=3, per_class=4, n_outputs=10):
    r = np.random.RandomState(seed)
    return dict(x=r.randn(batch, feat), W1=r.randn(feat, n_classes), b1=r.randn(n_classes),
                W2=r.randn(n_classes, feat, per_class), b2=r.randn(n_classes, per_class),
                target=r.randint(0, n_outputs, size=batch).astype("int32"),
                batch=batch, n_classes=n_classes, per_class=per_class, n_outputs=n_outputs)


def _np_h_softmax_all(c):
    class_p = _np_softmax(c["x"] @ c["W1"] + c["b1"])
    out = np.empty((c["batch"], c["n_classes"] * c["per_class"]))
    for k in range(c["n_classes"]):
        within = _np_softmax(c["x"] @ c["W2"][k] + c["b2"][k])
        out[:, k * c["per_class"]:(k + 1) * c["per_class"]] = class_p[:, k:k + 1] * within
    return out[:, :c["n_outputs"]]


def test_h_softmax_all_outputs_match_numpy():
    c = _h_softmax_case()
    x, W1, b1, W2, b2 = T.dmatrix(), T.dmatrix(), T.dvector(), T.dtensor3(), T.dmatrix()
    out = T.nnet.h_softmax(x, c["batch"], c["n_outputs"], c["n_classes"], c["per_class"], W1, b1, W2, b2)
    got = theano.function([x, W1, b1, W2, b2], out)(c["x"], c["W1"], c["b1"], c["W2"], c["b2"])
    assert got.shape == (5, 10)
    np.testing.assert_allclose(got, _np_h_softmax_all(c), rtol=1e-12)
    # with all n_classes * per_class outputs kept, each row is a distribution
    c12 = _h_softmax_case(n_outputs=12)
    full = T.nnet.h_softmax(x, 5, 12, 3, 4, W1, b1, W2, b2)
    rows = theano.function([x, W1, b1, W2, b2], full)(c12["x"], c12["W1"], c12["b1"], c12["W2"], c12["b2"])
    np.testing.assert_allclose(rows.sum(axis=1), np.ones(5), rtol=1e-12)


def test_h_softmax_target_probabilities_and_gradient():
    c = _h_softmax_case()
    x, W1, b1, W2, b2, t = T.dmatrix(), T.dmatrix(), T.dvector(), T.dtensor3(), T.dmatrix(), T.ivector()
    out = T.nnet.h_softmax(x, c["batch"], c["n_outputs"], c["n_classes"], c["per_class"], W1, b1, W2, b2, target=t)
    got = theano.function([x, W1, b1, W2, b2, t], out)(c["x"], c["W1"], c["b1"], c["W2"], c["b2"], c["target"])
    assert got.shape == (5,)
    np.testing.assert_allclose(got, _np_h_softmax_all(c)[np.arange(5), c["target"]], rtol=1e-12)

    def nll(W1_, b1_, W2_, b2_):
        p = T.nnet.h_softmax(T.constant(c["x"]), 5, 10, 3, 4, W1_, b1_, W2_, b2_, target=T.constant(c["target"]))
        return -T.log(p).mean()
    verify_grad(nll, [c["W1"], c["b1"], c["W2"], c["b2"]], rng=np.random.RandomState(0))
