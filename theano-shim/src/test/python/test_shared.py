"""Shared variables: get/set (copies), lists, dtype filtering, and use inside functions."""
import numpy as np
import pytest

import theano
import theano.tensor as T


def test_get_value_is_a_copy_and_set_value_copies():
    value = np.array([0.1, 0.25, 0.15, 0.3])
    W = theano.shared(value, "W")
    value[0] = 99.0  # theano.shared copied its argument (borrow=False)
    got = W.get_value()
    np.testing.assert_array_equal(got, [0.1, 0.25, 0.15, 0.3])
    got[1] = 42.0   # the returned array does not alias the shared storage
    assert W.get_value()[1] == 0.25
    assert W.get_value(borrow=True)[1] == 0.25
    new = np.array([1.0, 2.0, 3.0, 4.0])
    W.set_value(new)
    new[0] = -1.0
    assert W.get_value()[0] == 1.0


def test_set_value_accepts_lists_and_prints_like_numpy():
    W = theano.shared(np.asarray([0.1, 0.25, 0.15, 0.3]), "W")
    W.set_value([0.5, 0.2, 0.4, 0.2])
    assert str(W.get_value()) == "[0.5 0.2 0.4 0.2]"
    assert W.get_value().dtype == np.float64


def test_set_value_filters_like_theano():
    W = theano.shared(np.zeros(2, dtype="float32"))
    W.set_value([1.0, 2.5])           # lossless list: fine
    assert W.get_value().dtype == np.float32
    with pytest.raises(TypeError):
        W.set_value(np.array([1.0, 2.0]))  # float64 ndarray into float32: downcast refused
    with pytest.raises(TypeError, match="Wrong number of dimensions"):
        W.set_value(np.zeros((2, 2), dtype="float32"))
    S = theano.shared(np.zeros(2, dtype="float64"), strict=True)
    with pytest.raises(TypeError):
        S.set_value([1.0, 2.0])


def test_shared_in_functions_sees_new_values():
    s = theano.shared(np.array([[1.0, 2.0], [3.0, 4.0]]))
    f = theano.function([], s ** 2)
    np.testing.assert_array_equal(f(), [[1, 4], [9, 16]])
    s.set_value(np.array([[3.0, 4.0], [2.0, 1.0]]))
    np.testing.assert_array_equal(f(), [[9, 16], [4, 1]])


def test_scalar_shared_and_name():
    c = theano.shared(0.5, name="c")
    assert c.get_value().shape == () and c.name == "c"
    assert type(c).__name__ == "ScalarSharedVariable"
    x = T.dscalar("x")
    assert theano.function([x], x * c)(4.0) == 2.0


def test_shared_refuses_variables():
    with pytest.raises(TypeError):
        theano.shared(T.dscalar())
