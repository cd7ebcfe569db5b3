"""theano.tensor.elemwise: Python faces of the engine's Elemwise, DimShuffle and CAReduce ops
(what `node.op` is for nodes of those ops), so isinstance checks work as in Theano."""
from theano.gof.op import _EngineOp, register_engine_op_class


class Elemwise(_EngineOp):
    """An elementwise op (Elemwise{add,no_inplace}...)."""


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
