"""theano.scalar as user code meets it: types, upcasting, scalar ops by instance and Theano class name."""
import numpy as np
import pytest

import theano
import theano.scalar as S
import theano.tensor as T


def test_types_and_upcasting_follow_numpy_and_theano():
    assert str(S.float32) == "float32" and S.get_scalar_type("int16") == S.int16
    assert S.upcast("int8", "float32") == "float32"
    assert S.upcast("int32", "float32") == "float64"  # NumPy's rule, which Theano's upcast follows
    assert S.upgrade_to_float(S.int16) == (S.float32,) and S.upgrade_to_float(S.int64) == (S.float64,)
    assert S.float64 in S.float_types and S.int8 in S.discrete_types and S.complex64 in S.continuous_types
    assert S.float32.filter(2.5) == np.float32(2.5)
    with pytest.raises(TypeError):
        S.float32.filter(np.float64(2.5), strict=True)
    with pytest.raises(NotImplementedError):
        S.float64("x")  # no non-tensor scalar variables: the message points to T.scalar


@pytest.mark.parametrize("fn,cls", [(T.exp, "Exp"), (T.log1p, "Log1p"), (T.tanh, "Tanh"), (T.sqr, "Sqr"),
                                    (T.erf, "Erf"), (T.nnet.sigmoid, "ScalarSigmoid")])
def test_elemwise_nodes_expose_their_scalar_op_with_theano_s_class(fn, cls):
    x = T.dvector("x")
    scalar_op = fn(x).owner.op.scalar_op
    assert type(scalar_op).__name__ == cls and isinstance(scalar_op, getattr(S, cls))
    assert scalar_op == getattr(S, str(scalar_op)) and hash(scalar_op) == hash(getattr(S, str(scalar_op)))
    assert isinstance(scalar_op, S.ScalarOp)


def test_binary_ops_and_cast():
    x, y = T.dvectors("x", "y")
    assert (x + y).owner.op.scalar_op == S.add and isinstance((x / y).owner.op.scalar_op, S.TrueDiv)
    assert (x + y).owner.op.scalar_op != S.mul
    cast = T.cast(x, "float32").owner.op.scalar_op
    assert isinstance(cast, S.Cast) and cast.o_type == S.float32


def test_elemwise_of_a_scalar_op_builds_a_working_op():
    x = T.dvector("x")
    op = T.Elemwise(S.sqrt)
    assert str(op) == "Elemwise{sqrt}"  # Theano's name for an Elemwise given no name
    np.testing.assert_allclose(theano.function([x], op(x))(np.array([4.0, 9.0])), [2.0, 3.0])
    g = theano.function([x], theano.grad(op(x).sum(), x))(np.array([4.0]))
    np.testing.assert_allclose(g, [0.25])

    class MyScalar(S.ScalarOp):
        nin = 1

    with pytest.raises(NotImplementedError):
        T.Elemwise(MyScalar())
