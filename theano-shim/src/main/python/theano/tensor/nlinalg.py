"""theano.tensor.nlinalg: Theano 1.0's NumPy-based linear algebra ops.

The ops are the engine's org.theanojvm.engine.linalg classes (computed by LAPACK in OpenBLAS when the
Truffle module is present, else by Hipparchus); the classes here are their Python faces with Theano's
constructor signatures, so node.op isinstance checks, printing and equality behave as in Theano."""
import warnings

import java

from theano import _engine as E
from theano.gof.op import _EngineOp, register_engine_op_class
from theano.tensor import basic as tensor
from theano.tensor.basic import as_tensor_variable

_JAVA = "org.theanojvm.engine.linalg."


def _new(name, *args):
    with E.errors():
        return java.type(_JAVA + name)(*args)


class _LinalgOp(_EngineOp):
    """An engine linalg op; inputs go through as_tensor_variable as in Theano's make_node."""

    def make_node(self, *inputs):
        return _EngineOp.make_node(self, *[as_tensor_variable(i) for i in inputs])


def _face(cls, java_name):
    register_engine_op_class(java_name, cls)
    return cls


class MatrixPinv(_LinalgOp):
    """The Moore-Penrose pseudo-inverse of a matrix (numpy.linalg.pinv)."""

    def __init__(self):
        _EngineOp.__init__(self, _new("MatrixPinv"))


class MatrixInverse(_LinalgOp):
    """The inverse of a square matrix (numpy.linalg.inv); gradient and R_op as Theano's."""

    def __init__(self):
        _EngineOp.__init__(self, _new("MatrixInverse"))


class Det(_LinalgOp):
    """The determinant of a square matrix, a scalar of the input's dtype."""

    def __init__(self):
        _EngineOp.__init__(self, _new("Det"))


class Eig(_LinalgOp):
    """Eigenvalues and right eigenvectors of a square matrix (real parts, as Theano casts them)."""

    def __init__(self):
        _EngineOp.__init__(self, _new("Eig"))


class Eigh(Eig):
    """Eigenvalues and eigenvectors of a symmetric matrix, read from its UPLO ('L' or 'U') triangle."""

    def __init__(self, UPLO="L"):
        assert UPLO in ["L", "U"]
        _EngineOp.__init__(self, _new("Eigh", UPLO))

    @property
    def UPLO(self):
        return str(self._jop.uplo())


class EighGrad(_LinalgOp):
    """The gradient of Eigh: EighGrad(UPLO)(x, w, v, gw, gv)."""

    def __init__(self, UPLO="L"):
        assert UPLO in ["L", "U"]
        _EngineOp.__init__(self, _new("EighGrad", UPLO))


class QRFull(_LinalgOp):
    """numpy.linalg.qr with a mode that returns q and r ('reduced', 'complete')."""

    def __init__(self, mode):
        _EngineOp.__init__(self, _new("QRFull", mode))


class QRIncomplete(_LinalgOp):
    """numpy.linalg.qr(a, 'r'): r alone."""

    def __init__(self, mode):
        _EngineOp.__init__(self, _new("QRIncomplete", mode))


class SVD(_LinalgOp):
    """numpy.linalg.svd: (u, s, vt), or s alone without compute_uv."""

    def __init__(self, full_matrices=True, compute_uv=True):
        _EngineOp.__init__(self, _new("SVD", bool(full_matrices), bool(compute_uv), repr(full_matrices), repr(compute_uv)))


class TensorInv(_LinalgOp):
    """numpy.linalg.tensorinv."""

    def __init__(self, ind=2):
        _EngineOp.__init__(self, _new("TensorInv", int(ind)))


for _cls in (MatrixPinv, MatrixInverse, Det, Eig, Eigh, EighGrad, QRFull, QRIncomplete, SVD, TensorInv):
    _face(_cls, _cls.__name__)

pinv = MatrixPinv()
matrix_inverse = MatrixInverse()
det = Det()
eig = Eig()


def matrix_dot(*args):
    """The product of the matrices in the given order: args[0] . args[1] . ... ."""
    rval = args[0]
    for a in args[1:]:
        rval = tensor.dot(rval, a)
    return rval


class AllocDiag(_EngineOp):
    """Theano 1.0's deprecated nlinalg.AllocDiag: a square matrix with the given vector as its diagonal
    (no props: printed "AllocDiag"; theano.tensor.AllocDiag is the general op)."""

    def __init__(self):
        _EngineOp.__init__(self, _new_diag("AllocDiag").nlinalg())

    def make_node(self, _x):
        warnings.warn("DeprecationWarning: theano.tensor.nlinalg.AllocDiag"
                      "is deprecated, please use theano.tensor.AllocDiag"
                      "instead.", category=DeprecationWarning)
        x = as_tensor_variable(_x)
        if x.type.ndim != 1:
            raise TypeError("AllocDiag only works on vectors", _x)
        return _EngineOp.make_node(self, x)


# Theano 1.0: nlinalg's ExtractDiag is theano.tensor.basic.ExtractDiag
ExtractDiag = tensor.ExtractDiag


def _new_diag(name):
    with E.errors():
        return java.type("org.theanojvm.engine.ops.Diagonal$" + name)


alloc_diag = AllocDiag()
extract_diag = ExtractDiag()


def diag(x):
    """NumPy-compatibility: the diagonal of a matrix, or the matrix with a vector on its diagonal (no k)."""
    xx = as_tensor_variable(x)
    if xx.type.ndim == 1:
        return alloc_diag(xx)
    elif xx.type.ndim == 2:
        return extract_diag(xx)
    raise TypeError("diag requires vector or matrix argument", x)


def trace(X):
    """The sum of the diagonal elements of the matrix X."""
    return extract_diag(X).sum()


def eigh(a, UPLO="L"):
    return Eigh(UPLO)(a)


def qr(a, mode="reduced"):
    """numpy.linalg.qr: mode 'reduced' (q, r), 'complete' (q, r), 'r' (r only) or 'raw' (h, tau: h the
    Householder reflectors and r, transposed for Fortran as NumPy returns it)."""
    if mode == "full":  # NumPy's deprecated alias of 'reduced'
        mode = "reduced"
    if mode == "r":
        return QRIncomplete(mode)(a)
    return QRFull(mode)(a)


def svd(a, full_matrices=1, compute_uv=1):
    """numpy.linalg.svd on a matrix: [u, s, v] (v transposed as NumPy gives it), or s alone."""
    return SVD(full_matrices, compute_uv)(a)


def matrix_power(M, n):
    """M raised to the Python int power n (n >= 0) by repeated products."""
    result = 1
    for i in range(n):
        result = tensor.dot(result, M)
    return result


def norm(x, ord):
    """Theano 1.0's norm: vectors (None, 'inf', '-inf', 0, p) and matrices (None/'fro', 'inf', '-inf', 1, -1)."""
    x = as_tensor_variable(x)
    ndim = x.ndim
    if ndim == 0:
        raise ValueError("'axis' entry is out of bounds.")
    elif ndim == 1:
        if ord is None:
            return tensor.sum(x ** 2) ** 0.5
        elif ord == "inf":
            return tensor.max(abs(x))
        elif ord == "-inf":
            return tensor.min(abs(x))
        elif ord == 0:
            return x[x.nonzero()].shape[0]
        else:
            try:
                z = tensor.sum(abs(x ** ord)) ** (1. / ord)
            except TypeError:
                raise ValueError("Invalid norm order for vectors.")
            return z
    elif ndim == 2:
        if ord is None or ord == "fro":
            return tensor.sum(abs(x ** 2)) ** (0.5)
        elif ord == "inf":
            return tensor.max(tensor.sum(abs(x), 1))
        elif ord == "-inf":
            return tensor.min(tensor.sum(abs(x), 1))
        elif ord == 1:
            return tensor.max(tensor.sum(abs(x), 0))
        elif ord == -1:
            return tensor.min(tensor.sum(abs(x), 0))
        else:
            raise ValueError(0)
    elif ndim > 2:
        raise NotImplementedError("We don't support norm with ndim > 2")


def tensorinv(a, ind=2):
    """numpy.linalg.tensorinv: the inverse of a relative to tensordot(., ., ind)."""
    return TensorInv(ind)(a)


class lstsq(_LinalgOp):
    """lstsq()(x, y, rcond): numpy.linalg.lstsq's (solution, residuals, rank, singular values)."""

    def __init__(self):
        _EngineOp.__init__(self, _new("Lstsq"))


register_engine_op_class("Lstsq", lstsq)


class TensorSolve(_LinalgOp):
    """numpy.linalg.tensorsolve."""

    def __init__(self, axes=None):
        _EngineOp.__init__(self, _new("TensorSolve", None if axes is None else E.jint_array([int(a) for a in axes])))


register_engine_op_class("TensorSolve", TensorSolve)


def tensorsolve(a, b, axes=None):
    """numpy.linalg.tensorsolve: x with tensordot(a, x, x.ndim) == b (axes of a moved to the end first)."""
    return TensorSolve(axes)(a, b)
