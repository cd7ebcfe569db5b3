"""User-defined Python ops (seed 002's softmax Op): inside graphs, functions, givens and gradients;
__props__ semantics; itypes/otypes; as_op; errors raised in perform."""
import numpy

import numpy as np
import pytest

import theano
import theano.tensor as T


class SoftmaxGrad(theano.Op):
    __props__ = ()

    def make_node(self, dy, sm):
        dy = T.as_tensor_variable(dy)
        sm = T.as_tensor_variable(sm)
        return theano.Apply(self, [dy, sm], [sm.type()])

    def perform(self, node, input_storage, output_storage):
        dy, sm = input_storage
        dy_times_sm = dy * sm
        dx = dy_times_sm - dy_times_sm.sum(axis=1)[:, None] * sm
        output_storage[0][0] = dx


softmax_grad = SoftmaxGrad()


class Softmax(theano.Op):
    __props__ = ()

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, input_storage, output_storage):
        x, = input_storage
        e_x = numpy.exp(x - x.max(axis=1)[:, None])
        sm = e_x / e_x.sum(axis=1)[:, None]
        output_storage[0][0] = sm

    def grad(self, inp, grads):
        x, = inp
        g_sm, = grads
        sm = softmax_op(x)
        return [softmax_grad(g_sm, sm)]

    def infer_shape(self, node, shapes):
        return [shapes[0]]


softmax_op = Softmax()
rng = np.random.RandomState(7)


def test_props_give_theanos_str_eq_and_hash():
    assert str(softmax_op) == "Softmax"
    assert Softmax() == softmax_op and hash(Softmax()) == hash(softmax_op)

    class Scale(theano.Op):
        __props__ = ("factor",)

        def __init__(self, factor):
            self.factor = factor

    assert str(Scale(2.5)) == "Scale{factor=2.5}"
    assert Scale(2) == Scale(2) and Scale(2) != Scale(3)


def test_op_output_prints_and_matches_numpy():
    x = T.dmatrix("x")
    y = softmax_op(x)
    assert str(y) == "Softmax.0"
    assert str(y.owner) == "Softmax(x)"
    assert y.owner.op is softmax_op
    assert y.type == x.type
    xv = rng.rand(3, 4)
    e = np.exp(xv - xv.max(axis=1, keepdims=True))
    np.testing.assert_allclose(theano.function([x], y)(xv), e / e.sum(axis=1, keepdims=True), rtol=1e-12)
    # the built-in softmax computes the same thing
    np.testing.assert_allclose(theano.function([x], y - T.nnet.softmax(x))(xv), 0, atol=1e-15)


def test_op_gradient_matches_finite_differences_and_builtin():
    theano.gradient.verify_grad(softmax_op, [rng.rand(3, 4)], rng=rng)
    x = T.dmatrix("x")
    w = T.dmatrix("w")
    cost_user = (softmax_op(x) * w).sum()
    cost_builtin = (T.nnet.softmax(x) * w).sum()
    f = theano.function([x, w], [T.grad(cost_user, x), T.grad(cost_builtin, x)])
    a, b = f(rng.rand(2, 5), rng.rand(2, 5))
    np.testing.assert_allclose(a, b, rtol=1e-10)


def test_op_in_a_training_loop_with_givens():
    data = theano.shared(rng.rand(6, 3))
    theta = theano.shared(np.zeros((3, 2)), name="theta")
    x = T.dmatrix("x")
    i = T.lscalar("i")
    cost = -T.log(softmax_op(T.dot(x, theta))[:, 0]).mean()
    step = theano.function([i], cost, updates=[(theta, theta - 0.5 * T.grad(cost, theta))],
                           givens={x: data[i * 2:(i + 1) * 2]})
    costs = [float(step(k % 3)) for k in range(30)]
    assert costs[0] == pytest.approx(np.log(2))
    assert costs[-1] < costs[0]


def test_errors_in_perform_keep_their_class_and_gain_context():
    class Boom(theano.Op):
        __props__ = ()

        def make_node(self, x):
            return theano.Apply(self, [x], [x.type()])

        def perform(self, node, inputs, output_storage):
            raise ValueError("boom at %s" % inputs[0].shape[0])

    class MyError(Exception):
        pass

    class Custom(Boom):
        def perform(self, node, inputs, output_storage):
            raise MyError("custom")

    x = T.dvector("x")
    f = theano.function([x], Boom()(x))
    with pytest.raises(ValueError) as e:
        f([1.0, 2.0])
    assert str(e.value).startswith("boom at 2\nApply node that caused the error: Boom(x)")
    g = theano.function([x], Custom()(x) * 2)
    with pytest.raises(MyError, match="custom"):
        g([1.0])


def test_itypes_otypes_and_as_op():
    class Double(theano.Op):
        itypes = [T.dvector]
        otypes = [T.dvector]
        __props__ = ()

        def perform(self, node, inputs, output_storage):
            output_storage[0][0] = inputs[0] * 2

    Double.itypes = [T.dvector().type]
    Double.otypes = [T.dvector().type]
    x = T.dvector("x")
    np.testing.assert_array_equal(theano.function([x], Double()(x))([1.0, 2.0]), [2.0, 4.0])
    with pytest.raises(TypeError, match="We expected inputs of types"):
        Double()(T.fvector())

    @theano.compile.ops.as_op(itypes=[T.dmatrix().type], otypes=[T.dvector().type])
    def row_norms(m):
        return np.sqrt((m ** 2).sum(axis=1))

    m = T.dmatrix("m")
    mv = rng.rand(3, 2)
    np.testing.assert_allclose(theano.function([m], row_norms(m))(mv), np.linalg.norm(mv, axis=1))

    # as Theano's documentation writes it: T.dmatrix is itself the TensorType
    assert T.dmatrix == T.dmatrix().type and T.dmatrix != T.fmatrix
    assert str(T.dvector) == "TensorType(float64, vector)"

    @theano.compile.ops.as_op(itypes=[T.dmatrix], otypes=[T.dmatrix])
    def gram(a):
        return np.dot(a, a.T)

    np.testing.assert_allclose(theano.function([m], gram(m))(mv), mv.dot(mv.T))


def test_multiple_outputs_and_perform_dtype_coercion():
    class SplitSign(theano.Op):
        __props__ = ()

        def make_node(self, x):
            x = T.as_tensor_variable(x)
            return theano.Apply(self, [x], [x.type(), T.bvector()])

        def perform(self, node, inputs, out):
            out[0][0] = np.abs(inputs[0])
            out[1][0] = np.sign(inputs[0])  # float64 values, stored into an int8 output

    x = T.dvector("x")
    a, s = SplitSign()(x)
    r = theano.function([x], [a, s])([-1.5, 2.0])
    np.testing.assert_array_equal(r[0], [1.5, 2.0])
    assert r[1].dtype == np.int8 and list(r[1]) == [-1, 1]


def test_perform_storing_a_value_of_the_wrong_rank_is_reported_as_the_ops_error():
    class Flat(theano.Op):
        __props__ = ()

        def make_node(self, x):
            return theano.Apply(self, [x], [x.type()])

        def perform(self, node, inputs, output_storage):
            output_storage[0][0] = inputs[0].ravel()

    m = T.dmatrix("m")
    f = theano.function([m], Flat()(m))
    with pytest.raises(TypeError, match=r"Flat.perform stored a 1-d value in output 0, whose type is TensorType\(float64, matrix\)"):
        f(np.zeros((2, 2)))
