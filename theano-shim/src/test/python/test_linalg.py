"""theano.tensor.nlinalg and slinalg: values against numpy.linalg (SciPy's results computed with NumPy),
float32 and float64, on the default executor and in DebugMode (reference and Truffle executors run and
compared); finite-difference gradient checks for every op with a gradient in Theano 1.0; Theano's
exceptions for bad input."""
import numpy as np
import pytest

import theano
import theano.tensor as T
from theano.tensor import nlinalg, slinalg

RNG = np.random.RandomState(1234)
DTYPES = ["float32", "float64"]
MODES = [None, "DebugMode"]


def tol(dtype):
    return dict(rtol=2e-3, atol=2e-4) if dtype == "float32" else dict(rtol=1e-7, atol=1e-9)


def spd(n, dtype, seed=0):
    r = np.random.RandomState(seed).randn(n, n)
    return (r.dot(r.T) + n * np.eye(n)).astype(dtype)


def general(m, n, dtype, seed=1):
    return np.random.RandomState(seed).randn(m, n).astype(dtype)


def run(outputs, inputs, values, mode=None):
    f = theano.function(inputs, outputs, mode=mode)
    return f(*values)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_inverse_det_pinv_values(dtype, mode):
    x = T.matrix("x", dtype=dtype)
    a = general(4, 4, dtype)
    r = general(5, 3, dtype, seed=3)
    y = T.matrix("y", dtype=dtype)
    inv, det, pinv, pinv_r = run([nlinalg.matrix_inverse(x), nlinalg.det(x), nlinalg.pinv(x), nlinalg.pinv(y)],
                                 [x, y], [a, r], mode)
    for got in (inv, det, pinv, pinv_r):
        assert got.dtype == dtype
    np.testing.assert_allclose(inv, np.linalg.inv(a.astype("float64")), **tol(dtype))
    np.testing.assert_allclose(det, np.linalg.det(a.astype("float64")), **tol(dtype))
    np.testing.assert_allclose(pinv, np.linalg.pinv(a.astype("float64")), **tol(dtype))
    np.testing.assert_allclose(pinv_r, np.linalg.pinv(r.astype("float64")), **tol(dtype))
    assert det.shape == ()


@pytest.mark.parametrize("dtype", DTYPES)
def test_eigh_and_eig(dtype):
    x = T.matrix("x", dtype=dtype)
    a = spd(5, dtype)
    w, v = nlinalg.eigh(x)
    wu, vu = nlinalg.eigh(x, "U")
    ew, ev = nlinalg.eig(x)
    # a lower triangle that differs from the upper one: eigh reads only the triangle it is told to
    skew = a.copy()
    skew[0, 4] += 3
    got = run([w, v, wu, ew, ev], [x], [skew])
    ref_l = np.linalg.eigh(skew.astype("float64"), "L")
    ref_u = np.linalg.eigh(skew.astype("float64"), "U")
    assert w.dtype == dtype and v.dtype == dtype
    np.testing.assert_allclose(got[0], ref_l[0], **tol(dtype))
    np.testing.assert_allclose(np.abs(got[1]), np.abs(ref_l[1]), **tol(dtype))
    np.testing.assert_allclose(got[2], ref_u[0], **tol(dtype))
    # eig of a symmetric matrix: real eigenvalues, unit eigenvectors with A v = w v
    gw, gv = run([ew, ev], [x], [a])
    np.testing.assert_allclose(np.sort(gw), np.linalg.eigvalsh(a.astype("float64")), **tol(dtype))
    np.testing.assert_allclose(a.astype("float64").dot(gv), gv * gw, rtol=1e-3, atol=1e-3 if dtype == "float32" else 1e-9)
    np.testing.assert_allclose(np.linalg.norm(gv, axis=0), np.ones(5), **tol(dtype))
    assert str(w.owner.op) == "Eigh{UPLO='L'}" and str(ew.owner.op) == "Eig"


def test_eig_nonsymmetric_real_parts():
    x = T.dmatrix("x")
    # eigenvalues 1 +- i sqrt(6) and 2: numpy's eigenvectors are complex, Theano keeps their real parts
    a = np.array([[1., -2., 0.], [3., 1., 0.], [0.5, 0., 2.]])
    w, v = run(nlinalg.eig(x), [x], [a])
    rw, rv = np.linalg.eig(a)
    order, rorder = np.lexsort((np.arange(3), w)), np.lexsort((rw.imag, rw.real))
    np.testing.assert_allclose(w[order], rw.real[rorder], atol=1e-10)
    np.testing.assert_allclose(np.abs(v[:, order]), np.abs(rv.real[:, rorder]), atol=1e-10)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
def test_svd_and_qr(dtype, shape):
    x = T.matrix("x", dtype=dtype)
    a = general(shape[0], shape[1], dtype)
    m, n = shape
    k = min(shape)
    u, s, vt = nlinalg.svd(x)
    ur, sr, vtr = nlinalg.svd(x, full_matrices=False)
    s_only = nlinalg.svd(x, compute_uv=False)
    q, r = nlinalg.qr(x)
    qc, rc = nlinalg.qr(x, "complete")
    r_only = nlinalg.qr(x, "r")
    got = run([u, s, vt, ur, sr, vtr, s_only, q, r, qc, rc, r_only], [x], [a])
    for g in got:
        assert g.dtype == dtype
    a64 = a.astype("float64")
    nu, ns, nvt = np.linalg.svd(a64)
    assert got[0].shape == (m, m) and got[2].shape == (n, n)
    assert got[3].shape == (m, k) and got[5].shape == (k, n)
    np.testing.assert_allclose(got[1], ns, **tol(dtype))
    np.testing.assert_allclose(got[6], ns, **tol(dtype))
    np.testing.assert_allclose((got[3] * got[4]).dot(got[5]), a64, **tol(dtype))
    np.testing.assert_allclose(got[0].T.dot(got[0]), np.eye(m), atol=1e-4)
    np.testing.assert_allclose(got[2].dot(got[2].T), np.eye(n), atol=1e-4)
    nq, nr = np.linalg.qr(a64)
    assert got[7].shape == nq.shape and got[8].shape == nr.shape
    np.testing.assert_allclose(got[7].dot(got[8]), a64, **tol(dtype))
    np.testing.assert_allclose(np.abs(got[8]), np.abs(nr), **tol(dtype))
    np.testing.assert_allclose(np.triu(got[8]), got[8])
    cq, cr = np.linalg.qr(a64, "complete")
    assert got[9].shape == cq.shape and got[10].shape == cr.shape
    np.testing.assert_allclose(got[9].dot(got[10]), a64, **tol(dtype))
    np.testing.assert_allclose(got[9].T.dot(got[9]), np.eye(m), atol=1e-4)
    np.testing.assert_allclose(np.abs(got[11]), np.abs(np.linalg.qr(a64, "r")), **tol(dtype))
    assert str(u.owner.op) == "SVD{full_matrices=1, compute_uv=1}"
    assert str(q.owner.op) == "QRFull{mode='reduced'}" and str(r_only.owner.op) == "QRIncomplete{mode='r'}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_cholesky_solve_values(dtype, mode):
    A = T.matrix("A", dtype=dtype)
    b = T.vector("b", dtype=dtype)
    B = T.matrix("B", dtype=dtype)
    a = spd(4, dtype)
    bv = general(4, 1, dtype, seed=5)[:, 0]
    bm = general(4, 2, dtype, seed=6)
    low, up = np.tril(a), np.triu(a)
    outs = [slinalg.cholesky(A), slinalg.Cholesky(lower=False)(A), slinalg.solve(A, b), slinalg.solve(A, B),
            slinalg.solve_lower_triangular(A, B), slinalg.solve_upper_triangular(A, b), slinalg.solve_symmetric(A, B)]
    got = run(outs, [A, b, B], [a, bv, bm], mode)
    for g in got:
        assert g.dtype == dtype
    a64 = a.astype("float64")
    L = np.linalg.cholesky(a64)
    np.testing.assert_allclose(got[0], L, **tol(dtype))
    np.testing.assert_allclose(got[1], L.T, **tol(dtype))
    np.testing.assert_allclose(got[2], np.linalg.solve(a64, bv), **tol(dtype))
    np.testing.assert_allclose(got[3], np.linalg.solve(a64, bm), **tol(dtype))
    np.testing.assert_allclose(got[4], np.linalg.solve(low.astype("float64"), bm), **tol(dtype))
    np.testing.assert_allclose(got[5], np.linalg.solve(up.astype("float64"), bv), **tol(dtype))
    np.testing.assert_allclose(got[6], np.linalg.solve(a64, bm), **tol(dtype))
    assert got[2].shape == (4,)


def test_solve_dtypes_and_names():
    assert slinalg.solve(T.fmatrix(), T.fvector()).dtype == "float32"
    assert slinalg.solve(T.fmatrix(), T.dmatrix()).dtype == "float64"
    assert slinalg.solve(T.imatrix(), T.ivector()).dtype == "float64"
    assert nlinalg.eigh(T.imatrix())[0].dtype == "float64"
    assert nlinalg.eigh(T.fmatrix())[0].dtype == "float32"
    assert nlinalg.det(T.fmatrix()).dtype == "float32"
    assert str(slinalg.solve) == "Solve{A_structure='general', lower=False, overwrite_A=False, overwrite_b=False}"
    assert str(slinalg.solve_lower_triangular) == \
        "Solve{A_structure='lower_triangular', lower=True, overwrite_A=False, overwrite_b=False}"
    assert repr(slinalg.solve) == "Solve{('general', False, False, False)}"
    assert str(slinalg.cholesky) == "Cholesky{lower=True, destructive=False, on_error='raise'}"
    assert str(nlinalg.matrix_inverse) == "MatrixInverse" and str(nlinalg.det) == "Det"
    assert str(nlinalg.pinv) == "MatrixPinv" and str(slinalg.expm) == "Expm"
    node_op = slinalg.solve_upper_triangular(T.dmatrix(), T.dvector()).owner.op
    assert isinstance(node_op, slinalg.Solve) and node_op.A_structure == "upper_triangular"
    assert isinstance(nlinalg.eigh(T.dmatrix())[0].owner.op, nlinalg.Eigh)
    assert nlinalg.Eigh("U") == nlinalg.Eigh("U") and nlinalg.Eigh("U") != nlinalg.Eigh("L")


@pytest.mark.parametrize("dtype", DTYPES)
def test_eigvalsh_expm_kron_and_helpers(dtype):
    A = T.matrix("A", dtype=dtype)
    Bm = T.matrix("B", dtype=dtype)
    a = spd(4, dtype, seed=2) / 4
    bb = spd(4, dtype, seed=7) / 4
    v = T.vector("v", dtype=dtype)
    vec = general(3, 1, dtype)[:, 0]
    outs = [slinalg.eigvalsh(A, None), slinalg.eigvalsh(A, Bm), slinalg.expm(A), slinalg.kron(A, Bm),
            nlinalg.trace(A), nlinalg.diag(A), nlinalg.diag(v), nlinalg.matrix_dot(A, Bm, A),
            nlinalg.norm(A, None), nlinalg.norm(v, 1), nlinalg.matrix_power(A, 3), nlinalg.tensorinv(A, 1)]
    got = run(outs, [A, Bm, v], [a, bb, vec])
    a64, b64 = a.astype("float64"), bb.astype("float64")
    np.testing.assert_allclose(got[0], np.linalg.eigvalsh(a64), **tol(dtype))
    # generalized: eigenvalues of L^-1 A L^-T with B = L L^T
    L = np.linalg.cholesky(b64)
    Li = np.linalg.inv(L)
    np.testing.assert_allclose(got[1], np.linalg.eigvalsh(Li.dot(a64).dot(Li.T)), **tol(dtype))
    w, V = np.linalg.eigh(a64)
    np.testing.assert_allclose(got[2], (V * np.exp(w)).dot(V.T), **tol(dtype))
    np.testing.assert_allclose(got[3], np.kron(a64, b64), **tol(dtype))
    np.testing.assert_allclose(got[4], np.trace(a64), **tol(dtype))
    np.testing.assert_allclose(got[5], np.diag(a64), **tol(dtype))
    np.testing.assert_allclose(got[6], np.diag(vec), **tol(dtype))
    np.testing.assert_allclose(got[7], a64.dot(b64).dot(a64), **tol(dtype))
    np.testing.assert_allclose(got[8], np.linalg.norm(a64), **tol(dtype))
    np.testing.assert_allclose(got[9], np.linalg.norm(vec.astype("float64"), 1), **tol(dtype))
    np.testing.assert_allclose(got[10], np.linalg.matrix_power(a64, 3), **tol(dtype))
    np.testing.assert_allclose(got[11], np.linalg.tensorinv(a64, 1), **tol(dtype))
    for g in got:
        assert g.dtype == dtype


def test_expm_closed_form_rotation():
    x = T.dmatrix("x")
    t = 0.7
    got = run(slinalg.expm(x), [x], [np.array([[0., -t], [t, 0.]])])
    np.testing.assert_allclose(got, [[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]], atol=1e-12)


def test_kron_vector_and_matrix():
    a, b = T.dvector("a"), T.dmatrix("b")
    av, bv = np.arange(1., 4.), np.arange(6.).reshape(2, 3)
    got = run(slinalg.kron(a, b), [a, b], [av, bv])
    # Theano 1.0's kron of a vector and a matrix is flat: the row-vector Kronecker product, flattened
    np.testing.assert_allclose(got, np.kron(av[None, :], bv).flatten())
    with pytest.raises(TypeError):
        slinalg.kron(a, T.dvector())


# ----------------------------------------------------------------------------- gradients

def _verify(fun, pts):
    theano.gradient.verify_grad(fun, pts, rng=np.random.RandomState(42), eps=1e-6, abs_tol=1e-5, rel_tol=1e-5)


def test_grad_matrix_inverse_det_pinv():
    a = general(3, 3, "float64") + 3 * np.eye(3)
    _verify(nlinalg.matrix_inverse, [a])
    _verify(nlinalg.det, [a])
    _verify(nlinalg.pinv, [general(4, 3, "float64")])
    _verify(lambda x: nlinalg.trace(x) + nlinalg.diag(x).sum() * 2, [a])


def test_rop_matrix_inverse():
    x, v = T.dmatrix("x"), T.dmatrix("v")
    a = general(3, 3, "float64") + 3 * np.eye(3)
    ev = general(3, 3, "float64", seed=9)
    got = run(T.Rop(nlinalg.matrix_inverse(x), x, v), [x, v], [a, ev])
    ai = np.linalg.inv(a)
    np.testing.assert_allclose(got, -ai.dot(ev).dot(ai), rtol=1e-10)


@pytest.mark.parametrize("uplo", ["L", "U"])
def test_grad_eigh(uplo):
    a = spd(4, "float64")
    _verify(lambda x: nlinalg.eigh(x, uplo)[0], [a])
    # eigenvectors are defined up to sign: a sign-invariant function of them
    _verify(lambda x: (nlinalg.eigh(x, uplo)[1] ** 2)[0], [a])


@pytest.mark.parametrize("lower", [True, False])
def test_grad_cholesky(lower):
    a = spd(4, "float64")
    _verify(lambda x: slinalg.Cholesky(lower=lower)(x), [a])


def test_cholesky_grad_op_matches_symbolic_gradient():
    x = T.dmatrix("x")
    a = spd(4, "float64")
    gz = general(4, 4, "float64", seed=11)
    L = slinalg.cholesky(x)
    sym = theano.grad((L * gz).sum(), x)
    smith = slinalg.CholeskyGrad()(x, L, gz)
    s1, s2 = run([sym, smith], [x], [a])
    # Smith's algorithm returns the lower-triangle gradient; the symbolic one too (1.0's L_op)
    np.testing.assert_allclose(np.tril(s2), s1, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("structure", ["general", "lower_triangular", "upper_triangular", "symmetric"])
def test_grad_solve(structure):
    op = slinalg.Solve(A_structure=structure, lower=structure == "lower_triangular")
    a = spd(4, "float64")
    if structure == "lower_triangular":
        a = np.tril(a)
    elif structure == "upper_triangular":
        a = np.triu(a)
    _verify(op, [a, general(4, 2, "float64")])
    _verify(op, [a, general(4, 1, "float64")[:, 0]])


def test_grad_eigvalsh_and_expm():
    a = spd(3, "float64", seed=3) / 3
    b = spd(3, "float64", seed=4) / 3
    _verify(lambda x, y: slinalg.eigvalsh(x, y), [a, b])
    _verify(lambda x: slinalg.eigvalsh(x, None), [a])
    _verify(slinalg.expm, [general(3, 3, "float64") / 2])


def test_ops_without_gradient_say_so():
    x = T.dmatrix("x")
    with pytest.raises(Exception) as e:
        theano.grad(nlinalg.svd(x, compute_uv=False).sum(), x)
    assert "SVD" in str(e.value) and "not implemented" in str(e.value)


# ----------------------------------------------------------------------------- bad input

def test_bad_input():
    with pytest.raises(AssertionError):
        nlinalg.matrix_inverse(T.dvector())
    with pytest.raises(AssertionError):
        nlinalg.det(T.tensor3())
    with pytest.raises(AssertionError):
        slinalg.cholesky(T.dvector())
    with pytest.raises(AssertionError):
        slinalg.solve(T.dmatrix(), T.tensor3())
    with pytest.raises(AssertionError, match="The input of svd function should be a matrix."):
        nlinalg.svd(T.dvector())
    with pytest.raises(ValueError, match="Invalid matrix structure argument"):
        slinalg.Solve(A_structure="tridiagonal")
    with pytest.raises(ValueError):
        slinalg.Cholesky(on_error="ignore")
    with pytest.raises(TypeError, match="AllocDiag only works on vectors"):
        nlinalg.alloc_diag(T.dmatrix())
    with pytest.raises(TypeError, match="diag requires vector or matrix argument"):
        nlinalg.diag(T.tensor3())


def test_runtime_errors():
    x = T.dmatrix("x")
    b = T.dvector("b")
    nonsq = np.ones((2, 3))
    singular = np.array([[1., 2.], [2., 4.]])
    with pytest.raises(np.linalg.LinAlgError, match="Last 2 dimensions of the array must be square"):
        theano.function([x], nlinalg.matrix_inverse(x))(nonsq)
    with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
        theano.function([x], nlinalg.matrix_inverse(x))(singular)
    with pytest.raises(np.linalg.LinAlgError, match="Last 2 dimensions"):
        theano.function([x], nlinalg.det(x))(nonsq)
    assert theano.function([x], nlinalg.det(x))(singular) == 0
    with pytest.raises(np.linalg.LinAlgError, match="not positive definite"):
        theano.function([x], slinalg.cholesky(x))(-np.eye(2))
    assert np.isnan(theano.function([x], slinalg.Cholesky(on_error="nan")(x))(-np.eye(2))).all()
    with pytest.raises(ValueError, match="expected square matrix"):
        theano.function([x], slinalg.cholesky(x))(nonsq)
    with pytest.raises(np.linalg.LinAlgError, match="Matrix is singular"):
        theano.function([x, b], slinalg.solve(x, b))(singular, np.ones(2))
    with pytest.raises(np.linalg.LinAlgError, match="singular matrix"):
        theano.function([x, b], slinalg.solve_lower_triangular(x, b))(np.zeros((2, 2)), np.ones(2))
    with pytest.raises(ValueError, match="incompatible dimensions"):
        theano.function([x, b], slinalg.solve(x, b))(np.eye(2), np.ones(3))


def test_lstsq_and_tensorsolve():
    x, y, r = T.dmatrix("x"), T.dmatrix("y"), T.dscalar("r")
    a = general(6, 3, "float64")
    b = general(6, 2, "float64", seed=8)
    outs = nlinalg.lstsq()(x, y, r)
    assert [o.dtype for o in outs] == [theano.config.floatX, "float64", "int64", "float64"]
    got = theano.function([x, y, r], outs)(a, b, -1)
    ref = np.linalg.lstsq(a, b, rcond=-1)
    for g, e in zip(got, ref):
        np.testing.assert_allclose(g, e, rtol=1e-6)
    # rank-deficient: no residuals, rank 2
    deficient = np.hstack([a[:, :2], a[:, :1] + a[:, 1:2]])
    got = theano.function([x, y, r], outs)(deficient, b, 1e-10)
    assert got[2] == 2 and got[1].shape == (0,)
    np.testing.assert_allclose(got[0], np.linalg.lstsq(deficient, b, rcond=1e-10)[0], rtol=1e-6, atol=1e-9)
    A = T.TensorType("float64", (False,) * 3)("A")
    av = np.random.RandomState(3).randn(2, 3, 6)
    bv = np.random.RandomState(4).randn(2, 3)
    np.testing.assert_allclose(theano.function([A, x], nlinalg.tensorsolve(A, x))(av, bv), np.linalg.tensorsolve(av, bv))
    at = np.random.RandomState(5).randn(6, 2, 3)
    np.testing.assert_allclose(theano.function([A, x], nlinalg.tensorsolve(A, x, axes=(0,)))(at, bv),
                               np.linalg.tensorsolve(at, bv, axes=(0,)))


def test_diag_ops_and_int_inputs():
    x, v = T.dmatrix("x"), T.dvector("v")
    assert isinstance(nlinalg.alloc_diag, nlinalg.AllocDiag) and isinstance(nlinalg.extract_diag, nlinalg.ExtractDiag)
    d, a = nlinalg.extract_diag(x), nlinalg.alloc_diag(v)
    got = theano.function([x, v], [d, a])(np.arange(6.).reshape(2, 3), np.array([1., 2.]))
    np.testing.assert_allclose(got[0], [0., 4.])
    np.testing.assert_allclose(got[1], np.diag([1., 2.]))
    # Theano 1.0.5: nlinalg.ExtractDiag is theano.tensor.ExtractDiag (any rank >= 2)
    with pytest.raises(ValueError, match="ExtractDiag needs an input with 2 or more dimensions"):
        nlinalg.extract_diag(v)
    # Theano keeps an integer input's dtype (numpy's float result cast back), except where numpy's dtype is probed
    m = T.imatrix("m")
    assert nlinalg.matrix_inverse(m).dtype == "int32" and nlinalg.det(m).dtype == "int32"
    got = theano.function([m], [nlinalg.det(m), nlinalg.eigh(m)[0]])(np.array([[2, 0], [0, 3]], dtype="int32"))
    assert got[0] == 6 and got[1].dtype == "float64"
    np.testing.assert_allclose(got[1], [2., 3.])
    assert slinalg.imported_scipy


# ----------------------------------------------------------------------------- qr 'raw'

def _numpy_raw(a):
    h, tau = np.linalg.qr(a, "raw")
    return np.asarray(h), np.asarray(tau)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4), (1, 3), (3, 1)])
def test_qr_raw_matches_numpy(shape, mode):
    x = T.dmatrix("x")
    h, tau = nlinalg.qr(x, "raw")
    assert isinstance(h.owner.op, nlinalg.QRFull) and str(h.owner.op) == "QRFull{mode='raw'}"
    assert (h.ndim, tau.ndim, h.dtype, tau.dtype) == (2, 1, "float64", "float64")
    a = general(shape[0], shape[1], "float64", seed=sum(shape))
    got_h, got_tau = run([h, tau], [x], [a], mode)
    eh, etau = _numpy_raw(a)
    # h is the geqrf matrix transposed (n x m), as NumPy returns it for Fortran; tau has min(m, n) entries
    assert got_h.shape == eh.shape == (shape[1], shape[0]) and got_tau.shape == etau.shape == (min(shape),)
    np.testing.assert_allclose(got_h, eh, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got_tau, etau, rtol=1e-10, atol=1e-12)


def test_qr_raw_float32_and_the_modes_agree():
    x = T.fmatrix("x")
    a = general(4, 3, "float32", seed=5)
    h, tau = nlinalg.qr(x, "raw")
    q, r = nlinalg.qr(x, "reduced")
    got = run([h, tau, q, r, nlinalg.qr(x, "r")], [x], [a])
    assert [g.dtype for g in got] == ["float32"] * 5
    eh, etau = _numpy_raw(a.astype("float64"))
    np.testing.assert_allclose(got[0], eh, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[1], etau, rtol=1e-4, atol=1e-5)
    # r is the upper triangle of h.T
    np.testing.assert_allclose(np.triu(got[0].T)[:3], got[3], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got[4], got[3], rtol=1e-6)
    with pytest.raises(ValueError, match="Unrecognized mode 'economical'"):
        nlinalg.qr(x, "economical")


def test_qr_raw_java_fallback_matches_numpy():
    """The engine's plain-Java geqrf (used without LAPACK, and for empty matrices) against NumPy's LAPACK,
    including a column with nothing below the diagonal (tau 0, r keeps the entry's sign)."""
    import java
    from theano import _engine as E
    backend = E.jtype("linalg.JavaLinalg")()
    tri = np.triu(general(3, 3, "float64", seed=9))
    tri[0, 0] = -2.5
    for a in [general(5, 3, "float64"), general(3, 5, "float64"), general(4, 4, "float64"), tri,
              general(1, 3, "float64"), np.array([[0.0, 1.0], [0.0, 2.0]])]:
        m, n = a.shape
        flat = java.type("double[]")(m * n)
        for i, value in enumerate(a.ravel()):
            flat[i] = float(value)
        raw = backend.qrRaw(m, n, flat)
        h = np.array([raw.h()[i] for i in range(m * n)]).reshape(m, n)
        tau = np.array([raw.tau()[i] for i in range(min(m, n))])
        eh, etau = _numpy_raw(a)
        np.testing.assert_allclose(h.T, eh, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(tau, etau, rtol=1e-12, atol=1e-13)


# ----------------------------------------------------------------------------- AllocDiag / ExtractDiag

def test_diag_ops_print_as_theano_105():
    v, x = T.dvector("v"), T.dmatrix("x")
    assert str(T.diag(v).owner.op) == "AllocDiag{offset=0, axis1=0, axis2=1}"
    assert str(T.diag(v, -2).owner.op) == "AllocDiag{offset=-2, axis1=0, axis2=1}"
    assert str(T.AllocDiag(1, 0, 2)) == "AllocDiag{offset=1, axis1=0, axis2=2}"
    assert str(T.diag(x).owner.op) == "ExtractDiag{offset=0, axis1=0, axis2=1, view=False}"
    assert str(T.diagonal(x, 1).owner.op) == "ExtractDiag{offset=1, axis1=0, axis2=1, view=False}"
    assert str(T.ExtractDiag(view=True)) == "ExtractDiag{offset=0, axis1=0, axis2=1, view=True}"
    # nlinalg: its deprecated AllocDiag has no props; its ExtractDiag is theano.tensor's
    assert str(nlinalg.alloc_diag) == "AllocDiag"
    assert str(nlinalg.extract_diag) == "ExtractDiag{offset=0, axis1=0, axis2=1, view=False}"
    assert nlinalg.ExtractDiag is T.ExtractDiag
    a, d = T.diag(v), nlinalg.alloc_diag(v)
    assert isinstance(a.owner.op, T.AllocDiag) and not isinstance(a.owner.op, nlinalg.AllocDiag)
    assert isinstance(d.owner.op, nlinalg.AllocDiag) and a.owner.op != d.owner.op
    assert T.AllocDiag() == a.owner.op and T.ExtractDiag() == T.diag(x).owner.op != T.ExtractDiag(view=True)
    assert (T.AllocDiag(2).offset, T.AllocDiag(2).axis1, T.AllocDiag(2).axis2) == (2, 0, 1)
    # the text Theano 1.0.5 prints for these graphs
    assert theano.printing.debugprint(a + d, file="str") == (
        "Elemwise{add,no_inplace} [id A] ''   \n"
        " |AllocDiag{offset=0, axis1=0, axis2=1} [id B] ''   \n"
        " | |v [id C]\n"
        " |AllocDiag [id D] ''   \n"
        "   |v [id C]\n")
    assert theano.printing.debugprint(nlinalg.extract_diag(x), file="str") == (
        "ExtractDiag{offset=0, axis1=0, axis2=1, view=False} [id A] ''   \n"
        " |x [id B]\n")
    with pytest.warns(DeprecationWarning, match="nlinalg.AllocDiag"):
        nlinalg.alloc_diag(v)


def _alloc_diag_ref(x, offset, axis1, axis2):
    """Theano 1.0.5's AllocDiag.perform, written out: the diagonal in the last two axes, then moved."""
    n = x.shape[-1] + abs(offset)
    res = np.zeros(x.shape[:-1] + (n, n), dtype=x.dtype)
    i = np.arange(x.shape[-1])
    res[..., i + max(0, -offset), i + max(0, offset)] = x
    if x.ndim > 1:
        lo, hi = min(axis1, axis2), max(axis1, axis2)
        axes = list(range(x.ndim - 1))
        axes = axes[:lo] + [x.ndim - 1] + axes[lo:]
        axes = axes[:hi] + [x.ndim] + axes[hi:]
        res = res.transpose(axes)
    return res


@pytest.mark.parametrize("mode", MODES)
def test_alloc_diag_offsets_and_axes(mode):
    v, m = T.dvector("v"), T.dmatrix("m")
    vv = np.array([1.0, -2.0, 3.0])
    mv = np.arange(6.0).reshape(2, 3) + 1
    cases = [(v, vv, 0, 0, 1), (v, vv, 2, 0, 1), (v, vv, -1, 0, 1),
             (m, mv, 0, 0, 1), (m, mv, 1, 0, 2), (m, mv, -2, 1, 2), (m, mv, 1, 2, 0)]
    outs = [T.AllocDiag(k, a1, a2)(var) for var, _, k, a1, a2 in cases]
    got = run(outs, [v, m], [vv, mv], mode)
    for g, (var, val, k, a1, a2), o in zip(got, cases, outs):
        assert o.ndim == var.ndim + 1 and g.dtype == "float64"
        np.testing.assert_array_equal(g, _alloc_diag_ref(val, k, a1, a2))
    # the vector case is numpy.diag
    np.testing.assert_array_equal(got[1], np.diag(vv, 2))
    # ExtractDiag undoes it
    back = run([T.diagonal(T.AllocDiag(1, 0, 2)(m), 1, 0, 2)], [m], [mv], mode)[0]
    np.testing.assert_array_equal(back, mv)
    with pytest.raises(ValueError, match="AllocDiag needs an input with 1 or more dimensions"):
        T.AllocDiag()(T.dscalar())
    with pytest.raises(TypeError, match="AllocDiag only works on vectors"):
        nlinalg.AllocDiag()(m)


def test_alloc_diag_gradients():
    rng = np.random.RandomState(3)
    theano.gradient.verify_grad(lambda v: T.AllocDiag(1)(v), [rng.randn(3)], rng=rng)
    theano.gradient.verify_grad(lambda v: T.AllocDiag(-2)(v), [rng.randn(3)], rng=rng)
    theano.gradient.verify_grad(lambda m: T.AllocDiag(1, 0, 2)(m), [rng.randn(2, 3)], rng=rng)
    theano.gradient.verify_grad(lambda m: T.AllocDiag(0, 1, 2)(m), [rng.randn(2, 3)], rng=rng)
    theano.gradient.verify_grad(lambda v: nlinalg.alloc_diag(v), [rng.randn(4)], rng=rng)
