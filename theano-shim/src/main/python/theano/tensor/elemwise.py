"""theano.tensor.elemwise: Python faces of the engine's Elemwise, DimShuffle and CAReduce ops
(what `node.op` is for nodes of those ops), so isinstance checks work as in Theano."""
from theano.gof.op import _EngineOp, register_engine_op_class


class Elemwise(_EngineOp):
    """An elementwise op (Elemwise{add,no_inplace}...). Elemwise(theano.scalar.exp) builds one from an
    engine scalar op, as in Theano."""

    def __init__(self, scalar_op, inplace_pattern=None, name=None, nfunc_spec=None, openmp=None):
        jsop = getattr(scalar_op, "_jop", None)
        if jsop is None:
            raise NotImplementedError("theano-jvm applies only the engine's scalar ops elementwise (theano.scalar.exp,"
                                      " ...): %r is a Python ScalarOp; write a theano.Op instead" % (scalar_op,))
        inplace_input = -1
        if inplace_pattern:
            inplace_input = int(list(inplace_pattern.values())[0])
        from theano import _engine as E
        with E.errors():
            _EngineOp.__init__(self, E.jtype("ops.Elemwise")(jsop, name, inplace_input))

    @property
    def scalar_op(self):
        from theano.scalar.basic import wrap_scalar_op
        return wrap_scalar_op(self._jop.scalarOp())

    @property
    def inplace_pattern(self):
        i = int(self._jop.destroyedInput())
        return {} if i < 0 else {0: i}


class DimShuffle(_EngineOp):
    """Reorders, adds ('x') or drops broadcastable dimensions."""

    @property
    def new_order(self):
        order = self._jop.newOrder()
        return tuple("x" if order[i] < 0 else int(order[i]) for i in range(len(order)))


class CAReduce(_EngineOp):
    """A reduction along axes (Sum, Prod, Max...)."""


register_engine_op_class("Elemwise", Elemwise)
register_engine_op_class("DimShuffle", DimShuffle)
register_engine_op_class("CAReduce", CAReduce)
