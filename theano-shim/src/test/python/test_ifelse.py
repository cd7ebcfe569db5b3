"""theano.ifelse.ifelse: values, laziness (the branch not taken is never run) and gradients."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.ifelse import ifelse


class CountingIdentity(theano.Op):
    """Identity that records each run: shows which branch was evaluated."""
    __props__ = ("tag_",)

    def __init__(self, tag_):
        self.tag_ = tag_
        self.calls = 0

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, inputs, output_storage):
        self.calls += 1
        output_storage[0][0] = inputs[0].copy()

    def grad(self, inputs, g):
        return [g[0]]


def test_selects_by_a_scalar_condition():
    a, b = T.dscalars("a", "b")
    x, y = T.dmatrices("x", "y")
    z = ifelse(T.lt(a, b), T.mean(x), T.mean(y))
    f = theano.function([a, b, x, y], z)
    xv, yv = np.ones((2, 3)), np.full((2, 3), 5.0)
    assert f(1, 2, xv, yv) == 1.0
    assert f(2, 1, xv, yv) == 5.0
    assert str(z.owner.op) == "if{}"


def test_only_the_branch_taken_runs():
    then_op, else_op = CountingIdentity("then"), CountingIdentity("else")
    c = T.iscalar("c")
    x = T.dvector("x")
    z = ifelse(c, then_op(x) * 2, else_op(x) + 100)
    f = theano.function([c, x], z)
    np.testing.assert_allclose(f(1, [1.0, 2.0]), [2.0, 4.0])
    np.testing.assert_allclose(f(1, [1.0, 2.0]), [2.0, 4.0])
    assert (then_op.calls, else_op.calls) == (2, 0)
    np.testing.assert_allclose(f(0, [1.0, 2.0]), [101.0, 102.0])
    assert (then_op.calls, else_op.calls) == (2, 1)


def test_switch_computes_both_but_ifelse_does_not():
    # a branch that would fail (shape mismatch) is harmless when not taken
    c = T.iscalar("c")
    x, y = T.dvectors("x", "y")
    z = ifelse(c, x + y, x)
    f = theano.function([c, x, y], z)
    np.testing.assert_allclose(f(0, [1.0, 2.0], [1.0, 2.0, 3.0]), [1.0, 2.0])
    with pytest.raises(ValueError):
        f(1, [1.0, 2.0], [1.0, 2.0, 3.0])


def test_lists_tuples_and_single_values():
    c = T.iscalar("c")
    x = T.dscalar("x")
    r = ifelse(c, [x, x * 2], [x * 3, x * 4])
    assert isinstance(r, list) and len(r) == 2
    t = ifelse(c, (x,), (x * 3,))
    assert isinstance(t, tuple)
    f = theano.function([c, x], r)
    assert [float(v) for v in f(1, 1.5)] == [1.5, 3.0]
    assert [float(v) for v in f(0, 1.5)] == [4.5, 6.0]


def test_type_and_length_mismatch_errors():
    c = T.iscalar("c")
    with pytest.raises(TypeError, match="The two branches should have identical types"):
        ifelse(c, T.dvector(), T.dmatrix())
    with pytest.raises(ValueError, match="same number of variables"):
        ifelse(c, [T.dvector(), T.dvector()], [T.dvector()])


def test_gradient_follows_the_branch_taken():
    c = T.iscalar("c")
    x = T.dvector("x")
    w = theano.shared(np.array([0.5, -1.5]), "w")
    cost = T.sum(ifelse(c, T.sin(x) * w, x ** 2))
    gx, gw = T.grad(cost, [x, w])
    f = theano.function([c, x], [gx, gw])
    xv = np.array([0.3, -0.7])
    gx1, gw1 = f(1, xv)
    np.testing.assert_allclose(gx1, np.cos(xv) * w.get_value())
    np.testing.assert_allclose(gw1, np.sin(xv))
    gx0, gw0 = f(0, xv)
    np.testing.assert_allclose(gx0, 2 * xv)
    np.testing.assert_allclose(gw0, [0.0, 0.0])


def test_gradient_by_finite_differences():
    for cond in (0, 1):
        theano.gradient.verify_grad(lambda x, w: ifelse(T.constant(cond), T.tanh(x) * w, T.exp(w) * x ** 2),
                                    [np.array([0.2, -0.4, 0.9]), np.array([1.1, 0.3, -0.6])],
                                    rng=np.random.RandomState(3))
