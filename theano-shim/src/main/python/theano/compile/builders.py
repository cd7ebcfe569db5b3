"""theano.compile.builders: OpFromGraph, an op defined by a graph.

    x, y = T.dvectors('x', 'y')
    op = OpFromGraph([x, y], [x * y + T.exp(x)])
    z = op(a, b)       # one node in the outer graph

The op is a user op (theano.Op) for the engine: its perform runs the inner graph compiled once with
theano.function, and its gradient and R_op are the inner graph's, built symbolically and inlined into
the outer graph (so they are differentiable again, and the outer graph's rewrites see them). Shared
variables the inner graph reads become extra inputs of the node, as in Theano 1.0, so gradients reach
them.

With `inline=True` the node is expanded at compile time, as Theano 1.0 does it: the local optimizer
`inline_ofg_expansion` (optdb position -0.01, tagged fast_compile and fast_run, so in the engine's first
phase) replaces the node's outputs by a clone of the inner graph over the node's inputs, and the
outer graph's rewrites then see through it. It joins the engine's rewrite database when the first
inline op is made, so programs without one never call back into Python for it.

Differences from Theano 1.0: grad_overrides and rop_overrides accept 'default' or a callable with
Theano's signature (inputs, output_grads) -> input grads / (inputs, eval_points) -> output R_ops.
"""
from theano import gof
from theano.compile.sharedvalue import SharedVariable


class OpFromGraph(gof.Op):
    """OpFromGraph(inputs, outputs, inline=False, grad_overrides='default', rop_overrides='default', name=None)."""

    def __init__(self, inputs, outputs, inline=False, grad_overrides="default", rop_overrides="default",
                 connection_pattern=None, name=None, **kwargs):
        import theano
        from theano.gof.graph import Variable, inputs as graph_inputs
        if not isinstance(outputs, list):
            raise TypeError("outputs must be list, got %s" % type(outputs))
        for i in inputs + outputs:
            if not isinstance(i, Variable):
                raise TypeError("inputs and outputs must be Variable instances", i)
        if "updates" in kwargs or "givens" in kwargs:
            raise TypeError("updates and givens are not allowed here")
        self.is_inline = inline
        if inline:
            _register_inline_expansion()
        self.name = name
        self.kwargs = kwargs
        self.grad_overrides = grad_overrides
        self.rop_overrides = rop_overrides
        # shared variables read by the graph become explicit inputs (placeholders inside)
        self.shared_inputs = [v for v in graph_inputs(outputs) if isinstance(v, SharedVariable)]
        placeholders = [s.type() for s in self.shared_inputs]
        if self.shared_inputs:
            outputs = theano.clone(outputs, replace=dict(zip(self.shared_inputs, placeholders)))
        self.local_inputs = list(inputs) + placeholders
        self.local_outputs = list(outputs)
        self.input_types = [i.type for i in self.local_inputs]
        self.output_types = [o.type for o in self.local_outputs]
        self._fn = None

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)

    def __str__(self):
        name = self.name if self.name is not None else self.__class__.__name__
        return "%s{inline=%s}" % (name, self.is_inline)

    def __getstate__(self):
        state = gof.Op.__getstate__(self)
        state["_fn"] = None  # compiled again on first use after loading
        return state

    def make_node(self, *inputs):
        import theano.tensor as T
        from theano.gof.graph import Apply
        n_explicit = len(self.local_inputs) - len(self.shared_inputs)
        if len(inputs) != n_explicit:
            raise TypeError("%s takes %d inputs, got %d" % (self, n_explicit, len(inputs)))
        cast = []
        for v, t in zip(inputs, self.input_types):
            v = T.as_tensor_variable(v)
            if v.type != t:
                v = t.filter_variable(v)  # Theano's TypeError when it cannot be converted
            cast.append(v)
        return Apply(self, cast + list(self.shared_inputs), [t() for t in self.output_types])

    def perform(self, node, inputs, outputs):
        if self._fn is None:
            import theano
            self._fn = theano.function(self.local_inputs, self.local_outputs, on_unused_input="ignore",
                                       **self.kwargs)
        for cell, value in zip(outputs, self._fn(*inputs)):
            cell[0] = value

    def _inlined(self, inputs, outputs):
        """The inner expressions rewritten over the node's actual inputs."""
        import theano
        return theano.clone(outputs, replace=dict(zip(self.local_inputs, inputs)))

    def L_op(self, inputs, outputs, output_grads):
        import theano
        from theano.gradient import DisconnectedType
        if callable(self.grad_overrides):
            return self.grad_overrides(inputs, output_grads)
        known = {o: g for o, g in zip(self.local_outputs, output_grads)
                 if not isinstance(g.type, DisconnectedType)}
        if not known:
            return [theano.gradient.disconnected_type() for _ in inputs]
        inner = theano.grad(None, self.local_inputs, known_grads=known, disconnected_inputs="ignore")
        return self._inlined(inputs, inner)

    def R_op(self, inputs, eval_points):
        import theano
        if callable(self.rop_overrides):
            return self.rop_overrides(inputs, eval_points)
        points = [e.type() if e is None else e for e in eval_points]
        placeholders = [i.type() for i in self.local_inputs]
        rops = theano.Rop(self.local_outputs, self.local_inputs, placeholders)
        rops = rops if isinstance(rops, list) else [rops]
        return theano.clone(rops, replace=dict(list(zip(self.local_inputs, inputs)) + list(zip(placeholders, points))))


def _inline_ofg_expansion(node):
    """Theano's inline_ofg_expansion: an inline OpFromGraph node's outputs replaced by its inner graph
    cloned over the node's inputs (shared variables' placeholders mapped back to them)."""
    import theano
    op = node.op
    if not isinstance(op, OpFromGraph) or not op.is_inline:
        return False
    return theano.clone(op.local_outputs, replace=dict(zip(op.local_inputs, node.inputs)))


inline_ofg_expansion = None  # the local optimizer, made with OpFromGraph's class below
_inline_registered = [False]


def _register_inline_expansion():
    """Adds inline_ofg_expansion to the engine's first phase (Theano's optdb position -0.01), once."""
    if _inline_registered[0]:
        return
    from theano.gof.opt import register_local
    register_local(inline_ofg_expansion, "merge", name="inline_ofg_expansion", tags=("fast_compile",))
    _inline_registered[0] = True


def _make_inline_optimizer():
    from theano.gof.opt import local_optimizer
    return local_optimizer([OpFromGraph])(_inline_ofg_expansion)


inline_ofg_expansion = _make_inline_optimizer()
