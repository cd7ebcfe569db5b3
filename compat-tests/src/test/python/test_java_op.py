"""A Java-implemented op inside Theano graphs (theano.JavaOp): the mixed tutorial's HuberLoss
(tutorials/mixed/src/main/java), built by the reactor before this suite runs.

Expected values come from NumPy (the Huber formula written out) and from finite differences of the
compiled cost, not from the op's own gradient.
"""
import os

import numpy
import pytest

import java
import theano
import theano.tensor as T

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
MIXED = os.path.join(ROOT, "tutorials", "mixed")
HUBER = "org.theanojvm.examples.mixed.HuberLoss"

java.add_to_classpath(os.path.join(MIXED, "target", "classes"))


def huber_numpy(r, delta):
    a = numpy.abs(r)
    return numpy.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


def test_java_op_is_a_theano_op_with_its_java_identity():
    op = theano.JavaOp(HUBER, 1.5)
    assert isinstance(op, theano.Op)
    assert str(op) == "HuberLoss{delta=1.5}"
    assert op == theano.JavaOp(java.type(HUBER), 1.5)  # equal parameters, equal ops (Theano's __props__)
    assert op != theano.JavaOp(HUBER, 2.0)
    assert hash(op) == hash(theano.JavaOp(java.type(HUBER)(1.5)))
    x = T.dvector("x")
    out = op(x)
    assert out.type == x.type
    assert isinstance(out.owner.op, theano.JavaOp) and out.owner.op == op
    with pytest.raises(TypeError):
        op(T.lvector("i"))  # the Java make_node's TypeError, as Theano's
    with pytest.raises(TypeError):
        theano.JavaOp("java.lang.String")


def test_values_match_numpy_in_float64_and_float32():
    r = numpy.array([-3.0, -1.5, -0.2, 0.0, 0.7, 1.5, 4.0])
    for dtype in ("float64", "float32"):
        x = T.vector("x", dtype=dtype)
        f = theano.function([x], theano.JavaOp(HUBER, 1.5)(x))
        out = f(r.astype(dtype))
        assert out.dtype == dtype
        numpy.testing.assert_allclose(out, huber_numpy(r, 1.5), rtol=1e-6 if dtype == "float32" else 1e-15)


def test_gradient_through_the_java_op_matches_finite_differences():
    rng = numpy.random.RandomState(3)
    xv, yv = rng.randn(20, 3), 3 * rng.randn(20)  # residuals on both sides of delta
    w = theano.shared(rng.randn(3), name="w")
    x, y = T.dmatrix("x"), T.dvector("y")
    cost = T.mean(theano.JavaOp(HUBER, 1.0)(T.dot(x, w) - y)) + 0.1 * T.sum(w ** 2)
    cost_f = theano.function([x, y], cost)
    grad_f = theano.function([x, y], T.grad(cost, w))
    analytic = grad_f(xv, yv)
    w0 = w.get_value()
    h = 1e-6
    for k in range(3):
        step = numpy.zeros(3)
        step[k] = h
        w.set_value(w0 + step)
        up = cost_f(xv, yv)
        w.set_value(w0 - step)
        down = cost_f(xv, yv)
        assert abs((up - down) / (2 * h) - analytic[k]) < 1e-6, (k, analytic)
    w.set_value(w0)
    # and the op's gradient (clip of the residual) against NumPy's
    res = xv.dot(w0) - yv
    expected = xv.T.dot(numpy.clip(res, -1, 1)) / 20 + 0.2 * w0
    numpy.testing.assert_allclose(analytic, expected, rtol=1e-12)


def test_theano_op_protocol_called_directly():
    op = theano.JavaOp(HUBER, 1.0)
    x = T.dvector("x")
    node = op.make_node(x)
    storage = [[None]]
    op.perform(node, [numpy.array([0.5, -2.0])], storage)
    numpy.testing.assert_allclose(storage[0][0], [0.125, 1.5])
    g = T.dvector("g")
    (gx,) = op.grad([x], [g])
    f = theano.function([x, g], gx)
    numpy.testing.assert_allclose(f(numpy.array([0.5, -2.0, 3.0]), numpy.array([2.0, 1.0, 1.0])), [1.0, -1.0, 1.0])
    assert op.connection_pattern(node) == [[True]]


def test_the_tutorial_model_trains_like_numpy_gradient_descent():
    import sys
    sys.path.insert(0, MIXED)
    try:
        import model
    finally:
        sys.path.remove(MIXED)
    x, y = model.make_data(numpy.random.RandomState(0), 100, numpy.array([2.0, -1.0, 0.5]), 0.3, outliers=5)
    costs = model.fit(x, y, epochs=25, learning_rate=0.5)
    w, b = numpy.zeros(3), 0.0
    for step in range(25):
        res = x.dot(w) + b - y
        assert costs[step] == pytest.approx(huber_numpy(res, 1.0).mean(), rel=1e-12, abs=1e-14), step
        g = numpy.clip(res, -1, 1) / len(y)
        w, b = w - 0.5 * x.T.dot(g), b - 0.5 * g.sum()
    assert costs[-1] < 0.5 * costs[0]
    numpy.testing.assert_allclose(model.parameters()[0], w, rtol=1e-10)
    numpy.testing.assert_allclose(model.predict(x), x.dot(w) + b, rtol=1e-10, atol=1e-12)
