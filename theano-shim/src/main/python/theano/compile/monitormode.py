"""theano.compile.monitormode: MonitorMode, which calls user functions before and after every node.

    def inspect_outputs(i, node, fn):
        print(i, node, [output[0] for output in fn.outputs])

    f = theano.function([x], y, mode=MonitorMode(post_func=inspect_outputs))

pre_func(i, node, fn) runs before node number i (in execution order) and post_func after it. As in
Theano, `fn.inputs` and `fn.outputs` are lists of one-element storage cells holding NumPy arrays
(`fn.outputs[k][0]` is None before the node ran). The functions run node by node on the reference
executor, which is what the engine can show per node.
"""
from theano import _engine as E
from theano.compile.mode import Mode

class _NodeCells(object):
    """Theano's thunk as MonitorMode's functions see it: inputs and outputs storage cells."""

    def __init__(self, inputs, outputs):
        self.inputs = inputs
        self.outputs = outputs


class _Forwarder(object):
    """Implements org.theanojvm.engine.function.NodeObserver for a MonitorMode's two functions."""

    def __init__(self, mode):
        self.mode = mode

    def before(self, index, jnode, jinputs):
        if self.mode.pre_func is not None:
            self._call(self.mode.pre_func, index, jnode, jinputs, None)

    def after(self, index, jnode, jinputs, joutputs):
        if self.mode.post_func is not None:
            self._call(self.mode.post_func, index, jnode, jinputs, joutputs)

    def inputs(self, variables, values):
        pass

    @staticmethod
    def _call(func, index, jnode, jinputs, joutputs):
        from theano.gof.graph import Apply
        node = Apply._wrap(jnode)
        cells_in = [[E.to_numpy(a)] for a in jinputs]
        if joutputs is None:
            cells_out = [[None] for _ in range(jnode.outputs().size())]
        else:
            cells_out = [[E.to_numpy(a)] for a in joutputs]
        func(int(index), node, _NodeCells(cells_in, cells_out))


class MonitorMode(Mode):
    """MonitorMode(pre_func=None, post_func=None, optimizer='default', linker=None)."""

    def __init__(self, pre_func=None, post_func=None, optimizer="default", linker=None):
        self.pre_func = pre_func
        self.post_func = post_func
        Mode.__init__(self, linker, optimizer)

    def _node_observer(self):
        return _Forwarder(self)
