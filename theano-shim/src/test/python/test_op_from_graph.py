"""OpFromGraph: a graph used as one op, with the inner graph's values, gradients and R_op."""
import pickle

import numpy as np
import pytest

import theano
import theano.tensor as T
from theano import OpFromGraph


def numeric_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in range(x.size):
        d = np.zeros_like(x)
        d.flat[i] = eps
        g.flat[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return g


def test_values_and_gradient_match_the_inlined_graph_and_finite_differences():
    x, y = T.dvectors("x", "y")
    op = OpFromGraph([x, y], [T.tanh(x * y) + T.exp(x)])
    a, b = T.dvectors("a", "b")
    out = (op(a, b) * op(b, a)).sum()
    f = theano.function([a, b], out)
    ga = theano.function([a, b], theano.grad(out, a))
    av, bv = np.array([0.1, -0.4, 0.7]), np.array([0.3, 0.2, -0.5])

    def ref(av, bv):
        return ((np.tanh(av * bv) + np.exp(av)) * (np.tanh(bv * av) + np.exp(bv))).sum()
    np.testing.assert_allclose(f(av, bv), ref(av, bv))
    np.testing.assert_allclose(ga(av, bv), numeric_grad(lambda v: ref(v, bv), av), rtol=1e-6)
    assert str(op) == "OpFromGraph{inline=False}"
    assert isinstance(out.owner.inputs[0].owner.inputs[0].owner.op, OpFromGraph)


def test_shared_variables_become_inputs_so_gradients_reach_them():
    x = T.dscalar("x")
    s = theano.shared(np.float64(10.0), name="s")
    op = OpFromGraph([x], [x * s])
    y = op(x)
    assert s in y.owner.inputs
    f = theano.function([x], [y, theano.grad(y, s)])
    assert [float(v) for v in f(3.0)] == [30.0, 3.0]
    s.set_value(np.float64(2.0))
    assert float(f(3.0)[0]) == 6.0  # reads the current value


def test_r_op_and_overrides():
    x = T.dvector("x")
    op = OpFromGraph([x], [x ** 3])
    v = T.dvector("v")
    r = theano.function([x, v], theano.Rop(op(x), x, v))
    np.testing.assert_allclose(r(np.array([1.0, 2.0]), np.array([1.0, 0.5])), [3.0, 6.0])
    doubled = OpFromGraph([x], [x * 1.0], grad_overrides=lambda inputs, grads: [grads[0] * 2])
    g = theano.function([x], theano.grad(doubled(x).sum(), x))
    np.testing.assert_allclose(g(np.array([1.0, 1.0])), [2.0, 2.0])


def test_bad_inputs_and_pickling():
    x = T.dmatrix("x")
    op = OpFromGraph([x], [x.sum(axis=0)])
    with pytest.raises(TypeError):
        op(T.dmatrix(), T.dmatrix())
    with pytest.raises(TypeError):
        op(T.dtensor3())
    with pytest.raises(TypeError):
        OpFromGraph([x], x.sum())  # outputs must be a list
    a = T.dmatrix("a")
    out = op(a)
    a2, out2 = pickle.loads(pickle.dumps((a, out)))
    m = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(theano.function([a2], out2)(m), m.sum(axis=0))


def _has_ofg(fn):
    return any(isinstance(n.op, OpFromGraph) for n in fn.maker.fgraph.toposort())


@pytest.mark.parametrize("mode", [None, "FAST_COMPILE"])
def test_inline_expands_the_node_with_the_same_values_and_gradients(mode):
    x, y = T.dvectors("x", "y")
    s = theano.shared(np.array([0.5, -1.0, 2.0]), name="s")
    inner = [T.tanh(x * y) + T.exp(x) * s, x - y]
    op_in = OpFromGraph([x, y], inner, inline=True)
    op_out = OpFromGraph([x, y], inner, inline=False)
    assert str(op_in) == "OpFromGraph{inline=True}" and op_in.is_inline
    a, b = T.dvectors("a", "b")

    def cost(op):
        u, w = op(a, b)
        v, _ = op(b, a)
        return (u * v).sum() + (w ** 2).sum()

    c_in, c_out = cost(op_in), cost(op_out)
    # the node is in the graph as built; inlining happens when it is compiled
    assert isinstance(c_in.owner.inputs[0].owner.inputs[0].owner.inputs[0].owner.op, OpFromGraph)
    f_in = theano.function([a, b], [c_in] + theano.grad(c_in, [a, b, s]), mode=mode)
    f_out = theano.function([a, b], [c_out] + theano.grad(c_out, [a, b, s]), mode=mode)
    assert not _has_ofg(f_in)
    assert _has_ofg(f_out)
    av, bv = np.array([0.1, -0.4, 0.7]), np.array([0.3, 0.2, -0.5])
    got_in, got_out = f_in(av, bv), f_out(av, bv)
    sv = s.get_value()

    def ref(av, bv):
        u = np.tanh(av * bv) + np.exp(av) * sv
        v = np.tanh(bv * av) + np.exp(bv) * sv
        return (u * v).sum() + ((av - bv) ** 2).sum()
    np.testing.assert_allclose(got_in[0], ref(av, bv))
    for gi, go in zip(got_in, got_out):
        np.testing.assert_allclose(gi, go, rtol=1e-12)
    np.testing.assert_allclose(got_in[1], numeric_grad(lambda v: ref(v, bv), av), rtol=1e-6)
    theano.gradient.verify_grad(lambda p, q: op_in(p, q)[0] * op_in(q, p)[1], [av, bv],
                                rng=np.random.RandomState(0), mode=mode)


def test_inline_nested_and_shared_updates():
    x = T.dvector("x")
    s = theano.shared(np.array([1.0, 2.0]), name="s")
    inner = OpFromGraph([x], [x * s + 1], inline=True)
    outer = OpFromGraph([x], [inner(x) * 2], inline=True)
    a = T.dvector("a")
    f = theano.function([a], outer(a), updates=[(s, outer(s))])
    assert not _has_ofg(f)
    np.testing.assert_allclose(f(np.array([3.0, 4.0])), [8.0, 18.0])
    np.testing.assert_allclose(s.get_value(), [4.0, 10.0])
    # a non-inline op around an inline one keeps its own node only
    mixed = OpFromGraph([x], [inner(x) + 1])
    g = theano.function([a], mixed(a))
    assert _has_ofg(g)
    np.testing.assert_allclose(g(np.array([3.0, 4.0])), [3 * 4.0 + 2, 4 * 10.0 + 2])
