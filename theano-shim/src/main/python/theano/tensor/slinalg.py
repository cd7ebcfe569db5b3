"""theano.tensor.slinalg: Theano 1.0's SciPy-based linear algebra ops (no SciPy needed here: the
engine's org.theanojvm.engine.linalg ops compute them with LAPACK or Hipparchus)."""
from theano.gof.op import _EngineOp, register_engine_op_class
from theano.tensor import basic as tensor
from theano.tensor.nlinalg import _LinalgOp, _new

# Theano 1.0 scripts test this before using the ops; here they never need SciPy.
imported_scipy = True

MATRIX_STRUCTURES = (
    'general',
    'symmetric',
    'lower_triangular',
    'upper_triangular',
    'hermitian',
    'banded',
    'diagonal',
    'toeplitz',
)


class Cholesky(_LinalgOp):
    """L = cholesky(X, lower=True) with dot(L, L.T) == X; on_error 'raise' (LinAlgError) or 'nan'."""

    def __init__(self, lower=True, on_error="raise"):
        if on_error not in ["raise", "nan"]:
            raise ValueError('on_error must be one of "raise" or ""nan"')
        _EngineOp.__init__(self, _new("Cholesky", bool(lower), on_error))
        self.__dict__.update(lower=lower, destructive=False, on_error=on_error)


class CholeskyGrad(_LinalgOp):
    """The reverse-mode gradient of the Cholesky factor (Smith's algorithm): CholeskyGrad(lower)(x, L, dz)."""

    def __init__(self, lower=True):
        _EngineOp.__init__(self, _new("CholeskyGrad", bool(lower)))
        self.__dict__.update(lower=lower, destructive=False)


class Solve(_LinalgOp):
    """Solve a system of linear equations A x = b (b a vector or a matrix)."""

    def __init__(self, A_structure="general", lower=False, overwrite_A=False, overwrite_b=False):
        if A_structure not in MATRIX_STRUCTURES:
            raise ValueError("Invalid matrix structure argument", A_structure)
        _EngineOp.__init__(self, _new("Solve", A_structure, bool(lower), bool(overwrite_A), bool(overwrite_b)))
        self.__dict__.update(A_structure=A_structure, lower=lower, overwrite_A=overwrite_A, overwrite_b=overwrite_b)

    def __repr__(self):
        return "Solve{%s}" % str((self.A_structure, self.lower, self.overwrite_A, self.overwrite_b))


class Eigvalsh(_LinalgOp):
    """Eigenvalues of a symmetric matrix, or of the generalized problem a v = w b v (b positive definite)."""

    def __init__(self, lower=True):
        assert lower in [True, False]
        _EngineOp.__init__(self, _new("Eigvalsh", bool(lower)))
        self.__dict__.update(lower=lower)

    def make_node(self, a, b=None):
        if b is None:  # Theano passes NoneConst; None is what reaches here
            return _LinalgOp.make_node(self, a)
        return _LinalgOp.make_node(self, a, b)


class EigvalshGrad(_LinalgOp):
    """The gradient of Eigvalsh: EigvalshGrad(lower)(a, b, gw) -> (ga, gb)."""

    def __init__(self, lower=True):
        assert lower in [True, False]
        _EngineOp.__init__(self, _new("EigvalshGrad", bool(lower)))
        self.__dict__.update(lower=lower)


class Expm(_LinalgOp):
    """The matrix exponential of a square matrix."""

    def __init__(self):
        _EngineOp.__init__(self, _new("Expm"))


class ExpmGrad(_LinalgOp):
    """The gradient of the matrix exponential: ExpmGrad()(A, gA)."""

    def __init__(self):
        _EngineOp.__init__(self, _new("ExpmGrad"))


def _attrs_from_engine(cls, names):
    """Faces made by wrap_op (node.op) bypass __init__: give them the Python attributes from str(op)."""
    def getter(name):
        def get(self):
            try:
                return self.__dict__[name]
            except KeyError:
                text = str(self._jop.toString())
                for part in text[text.index("{") + 1:-1].split(", "):
                    k, _, v = part.partition("=")
                    if k == name:
                        return eval(v, {"__builtins__": {}}, {"True": True, "False": False})
                raise AttributeError(name)
        return property(get)
    for n in names:
        setattr(cls, n, getter(n))


for _cls, _names in ((Cholesky, ("lower", "destructive", "on_error")), (CholeskyGrad, ("lower", "destructive")),
                     (Solve, ("A_structure", "lower", "overwrite_A", "overwrite_b")), (Eigvalsh, ("lower",)),
                     (EigvalshGrad, ("lower",)), (Expm, ()), (ExpmGrad, ())):
    _attrs_from_engine(_cls, _names)
    register_engine_op_class(_cls.__name__, _cls)

cholesky = Cholesky()
solve = Solve()
"""Solves the equation a x = b for x, where a is a matrix and b a vector or a matrix."""

solve_lower_triangular = Solve(A_structure="lower_triangular", lower=True)
"""solve for a lower triangular a."""

solve_upper_triangular = Solve(A_structure="upper_triangular", lower=False)
"""solve for an upper triangular a."""

solve_symmetric = Solve(A_structure="symmetric")
"""solve for a symmetric a."""

expm = Expm()


def eigvalsh(a, b, lower=True):
    return Eigvalsh(lower)(a, b)


def kron(a, b):
    """Kronecker product, as scipy.linalg.kron(a, b) (a.ndim + b.ndim - 2 dimensions)."""
    a = tensor.as_tensor_variable(a)
    b = tensor.as_tensor_variable(b)
    if a.ndim + b.ndim <= 2:
        raise TypeError('kron: inputs dimensions must sum to 3 or more. '
                        'You passed %d and %d.' % (a.ndim, b.ndim))
    o = tensor.outer(a, b)
    o = o.reshape(tensor.concatenate((a.shape, b.shape)), a.ndim + b.ndim)
    shf = o.dimshuffle(0, 2, 1, *list(range(3, o.ndim)))
    if shf.ndim == 3:
        shf = o.dimshuffle(1, 0, 2)
        o = shf.flatten()
    else:
        o = shf.reshape((o.shape[0] * o.shape[2], o.shape[1] * o.shape[3]) +
                        tuple(o.shape[i] for i in range(4, o.ndim)))
    return o
