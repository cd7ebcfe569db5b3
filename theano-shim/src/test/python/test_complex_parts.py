"""real, imag, conj, angle, abs and complex on complex tensors, with Theano 1.0's gradient convention
(the gradient of a real cost with respect to re + i*im, checked by finite differences on the parts)."""
import numpy as np
import pytest

import theano
import theano.tensor as T


@pytest.mark.parametrize("dtype,part", [("complex128", "float64"), ("complex64", "float32")])
def test_parts_match_numpy_with_their_dtypes(dtype, part):
    z = T.vector("z", dtype=dtype)
    outs = [T.real(z), T.imag(z), T.conj(z), T.angle(z), abs(z)]
    zv = np.array([1 + 2j, -3 - 0.5j, 0.25j], dtype=dtype)
    got = theano.function([z], outs)(zv)
    expected = [zv.real, zv.imag, np.conj(zv), np.angle(zv), np.abs(zv)]
    for g, e in zip(got, expected):
        assert g.dtype == e.dtype
        np.testing.assert_allclose(g, e, rtol=1e-6)
    assert [o.dtype for o in outs] == [part, part, dtype, part, part]


def test_complex_builds_from_parts_and_real_tensors_are_their_own_parts():
    a, b = T.dvectors("a", "b")
    assert T.complex(a, b).dtype == "complex128" and T.complex(T.fvector(), T.fvector()).dtype == "complex64"
    np.testing.assert_array_equal(theano.function([a, b], T.complex(a, b))(np.array([1.0, 2.0]), np.array([3.0, 4.0])),
                                  [1 + 3j, 2 + 4j])
    assert T.real(a) is a and T.conj(a) is a
    np.testing.assert_array_equal(theano.function([a], T.imag(a))(np.array([5.0])), [0.0])
    with pytest.raises(TypeError):
        T.complex(T.zvector(), a)


def _cost(a, b, c):
    z1 = T.complex(a, b)
    z2 = T.complex(b * c, a - c)
    return (T.real(z1 * z2) + 2 * T.imag(z1 * T.conj(z2)) + T.real(z1) * T.imag(z2)).sum()


def test_gradients_through_complex_values_match_finite_differences():
    a, b, c = T.dvectors("a", "b", "c")
    cost = _cost(a, b, c)
    f = theano.function([a, b, c], cost)
    g = theano.function([a, b, c], theano.grad(cost, [a, b, c]))
    rng = np.random.RandomState(7)
    vals = [rng.randn(3) for _ in range(3)]
    grads = g(*vals)
    eps = 1e-6
    for k in range(3):
        num = np.zeros(3)
        for i in range(3):
            up = [v.copy() for v in vals]
            down = [v.copy() for v in vals]
            up[k][i] += eps
            down[k][i] -= eps
            num[i] = (f(*up) - f(*down)) / (2 * eps)
        np.testing.assert_allclose(grads[k], num, rtol=1e-6, atol=1e-8)


def test_abs_of_complex_has_theano_1_0s_gradient_and_it_matches_finite_differences():
    # Theano 1.0's Abs.L_op for complex x is gz * x / abs(x) (sgn has no complex form); through complex()
    # the parts get the gradient of |re + i*im|: re/|z| and im/|z|, checked by finite differences
    z = T.zvector("z")
    gz = theano.function([z], theano.grad(abs(z).sum(), z))
    values = np.array([3 + 4j, -1j, -2.5 + 0.5j])
    np.testing.assert_allclose(gz(values), values / np.abs(values), rtol=1e-12)
    re, im = T.dvectors("re", "im")
    cost = abs(T.complex(re, im)).sum()
    f = theano.function([re, im], cost)
    g = theano.function([re, im], theano.grad(cost, [re, im]))
    r, i = values.real.copy(), values.imag.copy()
    grads = g(r, i)
    eps = 1e-6
    for k, base in enumerate((r, i)):
        num = np.zeros(3)
        for j in range(3):
            up, down = base.copy(), base.copy()
            up[j] += eps
            down[j] -= eps
            args_up = (up, i) if k == 0 else (r, up)
            args_down = (down, i) if k == 0 else (r, down)
            num[j] = (f(*args_up) - f(*args_down)) / (2 * eps)
        np.testing.assert_allclose(grads[k], num, rtol=1e-6, atol=1e-8)
