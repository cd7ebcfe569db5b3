"""theano.tensor.type: TensorType (a dtype and a broadcastable pattern), over the engine's TensorType."""
import numpy

from theano import _engine as E
from theano.gof.type import Type, register_type_class


class TensorType(Type):
    """theano.tensor.TensorType(dtype, broadcastable, name=None); calling it makes a variable."""

    def __init__(self, dtype, broadcastable, name=None, sparse_grad=False):
        jd = E.dtype_of(dtype)
        self._t = E.JTensorType(jd, E.jbool_array([bool(b) for b in broadcastable]))
        self.name = name
        self.sparse_grad = sparse_grad

    @classmethod
    def _from_engine(cls, jt):
        t = cls.__new__(cls)
        t._t = jt
        t.name = None
        t.sparse_grad = False
        return t

    @property
    def dtype(self):
        return str(self._t.dtype().npName())

    @property
    def broadcastable(self):
        b = self._t.broadcastable()
        return tuple(bool(b[i]) for i in range(len(b)))

    @property
    def ndim(self):
        return int(self._t.ndim())

    @property
    def numpy_dtype(self):
        return numpy.dtype(self.dtype)

    def __str__(self):
        if self.name:
            return self.name
        return str(self._t.toString())

    def __repr__(self):
        return str(self)

    def clone(self, dtype=None, broadcastable=None):
        return TensorType(self.dtype if dtype is None else dtype,
                          self.broadcastable if broadcastable is None else broadcastable)

    def filter(self, data, strict=False, allow_downcast=None):
        """Converts data to an ndarray of this type, or raises TypeError as Theano does."""
        with E.errors():
            return E.to_numpy(self._t.filter(E.to_call_value(data), bool(strict), allow_downcast))

    def filter_variable(self, other, allow_convert=True):
        from theano.tensor.basic import as_tensor_variable, patternbroadcast
        if not hasattr(other, "_v"):
            other = as_tensor_variable(self.filter(other))
        if other.type == self:
            return other
        if (other.type.dtype == self.dtype and other.type.ndim == self.ndim and
                all(sb == ob or ob for sb, ob in zip(self.broadcastable, other.type.broadcastable))):
            return patternbroadcast(other, self.broadcastable)
        raise TypeError("Cannot convert Type %(othertype)s (of Variable %(other)s) into Type %(self)s. You can try to "
                        "manually convert %(other)s into a %(self)s." % dict(othertype=other.type, other=other, self=self))

    def is_valid_value(self, a):
        try:
            self.filter(a, strict=True)
            return True
        except (TypeError, ValueError):
            return False

    def value_zeros(self, shape):
        return numpy.zeros(shape, dtype=self.dtype)

    @staticmethod
    def values_eq(a, b, force_same_dtype=True):
        a, b = numpy.asarray(a), numpy.asarray(b)
        if a.shape != b.shape:
            return False
        if force_same_dtype and a.dtype != b.dtype:
            return False
        a_eq_b = (a == b)
        r = numpy.all(a_eq_b)
        if r:
            return True
        a_missing = numpy.isnan(a) if a.dtype.kind in "fc" else numpy.zeros(a.shape, bool)
        if a_missing.any():
            b_missing = numpy.isnan(b)
            return bool(numpy.all(a_eq_b + (a_missing == b_missing)))
        return False

    @staticmethod
    def values_eq_approx(a, b, allow_remove_inf=False, allow_remove_nan=False, rtol=None, atol=None):
        a, b = numpy.asarray(a), numpy.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind not in "fc":
            return bool(numpy.all(a == b))
        return bool(numpy.allclose(a, b, rtol=1e-5 if rtol is None else rtol, atol=1e-8 if atol is None else atol,
                                   equal_nan=allow_remove_nan))

    def get_shape_info(self, obj):
        return obj.shape

    def make_constant(self, value, name=None):
        from theano.tensor.var import TensorConstant
        return TensorConstant(self, value, name)

    @property
    def Variable(self):
        from theano.tensor.var import TensorVariable
        return TensorVariable

    @property
    def Constant(self):
        from theano.tensor.var import TensorConstant
        return TensorConstant


register_type_class("TensorType", TensorType._from_engine)
