"""theano.grad / Rop / Lop: values checked by hand and by finite differences (verify_grad, whose own
detection of a wrong gradient is tested too), plus Theano's errors and gradient-shaping ops."""
import warnings

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.gradient import (DisconnectedInputError, GradientError, NullTypeGradError, numeric_grad,
                             verify_grad)

rng = np.random.RandomState(1234)


def test_grad_of_square():
    x = T.dscalar("x")
    g = T.grad(x ** 2, x)
    assert g.eval({x: 10.0}) == 20.0
    assert str(g) == "Elemwise{mul}.0" or g.name is None or isinstance(g.name, str)


def test_grad_forms_follow_wrt():
    x, y = T.dscalars("x", "y")
    cost = x * y
    assert isinstance(T.grad(cost, x), theano.tensor.TensorVariable)
    assert isinstance(T.grad(cost, [x, y]), list)
    assert isinstance(T.grad(cost, (x, y)), tuple)
    gx, gy = T.grad(cost, [x, y])
    f = theano.function([x, y], [gx, gy])
    assert [float(v) for v in f(2.0, 3.0)] == [3.0, 2.0]


def test_seed000_training_step_gradient():
    x = T.fvector("x")
    target = T.fscalar("target")
    W = theano.shared(np.asarray([0.1, 0.25, 0.15, 0.3]), "W")
    y = (x * W).sum()
    cost = T.sqr(target - y)
    (g,) = T.grad(cost, [W])
    f = theano.function([x, target], g)
    xv = np.ones(4, dtype="float32")
    # d/dW (t - x.W)^2 = -2 (t - x.W) x
    np.testing.assert_allclose(f(xv, 100.0), -2 * (100.0 - 0.8) * xv.astype('float64'), rtol=1e-12)


@pytest.mark.parametrize("fn", [
    lambda a: T.exp(a).sum(),
    lambda a: (a ** 3 - 2 * a).mean(),
    lambda a: T.nnet.sigmoid(a) * T.tanh(a),
    lambda a: T.nnet.softmax(a),
    lambda a: T.dot(a, a.T),
    lambda a: T.log(a).max(axis=1),
    lambda a: a[1:, ::-1] * 3,
    lambda a: T.sqrt(a).reshape((1, -1)),
    lambda a: T.set_subtensor(a[0], a[1]),
    lambda a: a.std(axis=0),
])
def test_verify_grad_on_elementary_graphs(fn):
    verify_grad(fn, [rng.rand(3, 4) + 0.5], rng=rng)


def test_verify_grad_detects_a_wrong_gradient():
    class WrongGrad(theano.Op):
        __props__ = ()

        def make_node(self, x):
            x = T.as_tensor_variable(x)
            return theano.Apply(self, [x], [x.type()])

        def perform(self, node, inputs, output_storage):
            output_storage[0][0] = inputs[0] ** 2

        def grad(self, inputs, grads):
            return [grads[0] * inputs[0] * 3]  # should be 2 x

    with pytest.raises(GradientError):
        verify_grad(WrongGrad(), [rng.rand(4) + 0.5], rng=rng)


def test_numeric_grad_matches_calculus():
    ng = numeric_grad(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0, 3.0]))
    np.testing.assert_allclose(ng.gf, [2.0, -4.0, 6.0], atol=1e-5)


def test_rop_and_lop():
    W = T.dmatrix("W")
    V = T.dmatrix("V")
    x = T.dvector("x")
    y = T.dot(x, W)
    JV = T.Rop(y, W, V)
    f = theano.function([W, V, x], JV)
    np.testing.assert_array_equal(f([[1, 1], [1, 1]], [[2, 2], [2, 2]], [0, 1]), [2.0, 2.0])
    v = T.dvector("v")
    VJ = T.Lop(y, W, v)
    g = theano.function([v, x], VJ)
    # d(x.W)_j/dW_ij = x_i  ->  (v J)_ij = x_i v_j
    np.testing.assert_array_equal(g([1.0, 2.0], [3.0, 4.0]), np.outer([3.0, 4.0], [1.0, 2.0]))
    # Rop by finite differences: J(f; w) v ~ (f(w + eps v) - f(w)) / eps
    a = T.dvector("a")
    u = T.dvector("u")
    out = T.tanh(a) * a.sum()
    r = theano.function([a, u], T.Rop(out, a, u))
    av, uv = rng.rand(3), rng.rand(3)
    fv = theano.function([a], out)
    eps = 1e-6
    np.testing.assert_allclose(r(av, uv), (fv(av + eps * uv) - fv(av - eps * uv)) / (2 * eps), rtol=1e-6)


def test_disconnected_inputs():
    x, y = T.dscalars("x", "y")
    with pytest.raises(DisconnectedInputError):
        T.grad(x * 2, y)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        g = T.grad(x * 2, y, disconnected_inputs="warn")
    assert any("not part of the computational graph" in str(i.message) for i in w)
    assert g.eval({y: 5.0}) == 0.0  # zeros_like(y)
    assert T.grad(x * 2, y, disconnected_inputs="ignore", return_disconnected="None") is None
    assert isinstance(DisconnectedInputError("m"), ValueError)


def test_gradient_shaping_ops():
    x = T.dscalar("x")
    f = theano.function([x], [T.grad(x * theano.gradient.zero_grad(x ** 2), x),
                              T.grad(x * theano.gradient.consider_constant(x ** 2), x),
                              T.grad(theano.gradient.grad_clip(x, -1.0, 1.0) ** 2, x),
                              T.grad(theano.gradient.grad_scale(x ** 2, 0.5), x)])
    # d/dx x*c = c = 9 ; the gradient reaching x, 2x = 6, clipped to 1 ; 0.5 * 2x = 3
    assert [float(v) for v in f(3.0)] == [9.0, 9.0, 1.0, 3.0]
    clipped = theano.gradient.grad_clip(x, -1.0, 1.0)
    assert str(clipped.owner.op) == "GradClip"
    # different bounds are different ops (a merge rewrite must not confuse them)
    assert clipped.owner.op != theano.gradient.grad_clip(x, -2.0, 2.0).owner.op
    with pytest.raises(DisconnectedInputError):
        T.grad(theano.gradient.disconnected_grad(x) * 2, x)


def test_null_gradient_raises():
    class NoGrad(theano.Op):
        __props__ = ()

        def make_node(self, x):
            return theano.Apply(self, [x], [x.type()])

        def perform(self, node, inputs, output_storage):
            output_storage[0][0] = inputs[0] + 1

    x = T.dscalar("x")
    with pytest.raises(NullTypeGradError, match="is not implemented"):
        T.grad(NoGrad()(x), x)


def test_cost_must_be_scalar():
    v = T.dvector("v")
    with pytest.raises(TypeError, match="cost must be a scalar."):
        T.grad(v * 2, v)
    with pytest.raises(TypeError, match="Expected Variable"):
        T.grad(v.sum(), [1.0])


def test_jacobian_when_engine_has_scan():
    A = T.dmatrix("A")
    x = T.dvector("x")
    y = T.dot(A, x)
    try:
        J = theano.gradient.jacobian(y, x)
    except NotImplementedError:
        pytest.skip("the engine build has no scan yet")
    Av = np.array([[9.0, 8, 7], [4, 5, 6]])
    np.testing.assert_array_equal(J.eval({A: Av, x: np.array([1.0, 2, 3])}), Av)
