"""The tensor functions the engine facade gained with its second batch of ops (arange, joins,
advanced and boolean indexing, sort, cumsum, tensordot, jacobian/hessian on scan...), through the
Python API, against NumPy."""
import numpy as np
import pytest

import theano
import theano.tensor as T

A = np.arange(12.0).reshape(3, 4)
a = T.dmatrix("a")
v = T.dvector("v")


def ev(expr, *pairs):
    return theano.function([p for p, _ in pairs], expr, on_unused_input="ignore")(*[x for _, x in pairs])


CASES = {
    "arange": (lambda: ev(T.arange(5)), lambda: np.arange(5)),
    "arange_start_stop_step": (lambda: ev(T.arange(1, 10, 3)), lambda: np.arange(1, 10, 3)),
    "concatenate": (lambda: ev(T.concatenate([a, a], axis=1), (a, A)), lambda: np.concatenate([A, A], 1)),
    "stack": (lambda: ev(T.stack([a, a]), (a, A)), lambda: np.stack([A, A])),
    "stack_axis1": (lambda: ev(T.stack([a[0], a[1]], axis=1), (a, A)), lambda: np.stack([A[0], A[1]], 1)),
    "stack_scalars": (lambda: ev(T.stack([a[0, 0], a[1, 1]]), (a, A)), lambda: np.array([A[0, 0], A[1, 1]])),
    "cumsum": (lambda: ev(T.cumsum(a, axis=0), (a, A)), lambda: np.cumsum(A, 0)),
    "sort": (lambda: ev(T.sort(-a), (a, A)), lambda: np.sort(-A)),
    "argsort": (lambda: ev(T.argsort(-a), (a, A)), lambda: np.argsort(-A)),
    "repeat": (lambda: ev(T.repeat(a, 2, axis=0), (a, A)), lambda: np.repeat(A, 2, 0)),
    "tile": (lambda: ev(T.tile(a, (2, 1)), (a, A)), lambda: np.tile(A, (2, 1))),
    "eye": (lambda: ev(T.eye(3)), lambda: np.eye(3)),
    "two_index_arrays": (lambda: ev(a[T.arange(3), [0, 1, 3]], (a, A)), lambda: A[np.arange(3), [0, 1, 3]]),
    "boolean_mask": (lambda: ev(a[a > 5], (a, A)), lambda: A[A > 5]),
    "tensordot": (lambda: ev(T.tensordot(a, a, axes=[[0], [0]]), (a, A)), lambda: np.tensordot(A, A, axes=[[0], [0]])),
    "batched_dot": (lambda: ev(T.batched_dot(a, a), (a, A)), lambda: np.einsum("ij,ij->i", A, A)),
    "take_axis1": (lambda: ev(a.take([1, 0], axis=1), (a, A)), lambda: A.take([1, 0], axis=1)),
    "diag": (lambda: ev(T.diag(v), (v, np.arange(3.0))), lambda: np.diag(np.arange(3.0))),
    "split": (lambda: ev(T.split(v, [1, 2], 2)[1], (v, np.arange(3.0))), lambda: np.array([1.0, 2.0])),
    "logsoftmax": (lambda: ev(T.nnet.logsoftmax(a), (a, A)),
                   lambda: A - A.max(1, keepdims=True) - np.log(np.exp(A - A.max(1, keepdims=True)).sum(1, keepdims=True))),
    "prod_no_zeros": (lambda: ev(T.prod(a + 1, axis=0, no_zeros_in_input=True), (a, A)), lambda: np.prod(A + 1, 0)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_numpy(name):
    expr, ref = CASES[name]
    np.testing.assert_allclose(expr(), ref(), rtol=1e-12)


def test_set_and_inc_with_index_arrays():
    expected = A.copy()
    expected[[0, 2], [1, 1]] = -1.0
    np.testing.assert_array_equal(ev(T.set_subtensor(a[[0, 2], [1, 1]], -1.0), (a, A)), expected)
    expected = A.copy()
    np.add.at(expected, [0, 0], 1.0)
    np.testing.assert_array_equal(ev(T.inc_subtensor(a[[0, 0]], 1.0), (a, A)), expected)


def test_seed002_cost_indexing_and_its_gradient():
    x = T.dmatrix("x")
    y = T.ivector("y")
    hx = T.nnet.softmax(x)
    cost = -T.mean(T.log(hx)[T.arange(y.shape[0]), y])
    theano.gradient.verify_grad(lambda m: -T.mean(T.log(T.nnet.softmax(m))[T.arange(3), [0, 2, 1]]),
                                [np.random.RandomState(0).rand(3, 4)], rng=np.random.RandomState(1))
    xv = np.random.RandomState(2).rand(3, 4)
    yv = np.array([0, 2, 1], dtype="int32")
    sm = np.exp(xv) / np.exp(xv).sum(1, keepdims=True)
    assert float(theano.function([x, y], cost)(xv, yv)) == pytest.approx(-np.mean(np.log(sm)[np.arange(3), yv]))


def test_jacobian_and_hessian():
    J = theano.gradient.jacobian(T.dot(a, v), v)
    np.testing.assert_array_equal(ev(J, (a, A), (v, np.ones(4))), A)
    H = theano.gradient.hessian((v ** 3).sum(), v)
    np.testing.assert_allclose(ev(H, (v, np.arange(3.0))), np.diag(6 * np.arange(3.0)))
    Js = theano.gradient.jacobian(T.dot(a, v), [a, v])
    assert isinstance(Js, list) and len(Js) == 2
