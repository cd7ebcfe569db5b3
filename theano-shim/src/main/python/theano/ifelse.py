"""theano.ifelse: the lazy conditional. `ifelse(c, a, b)` evaluates only the branch the scalar
condition selects (unlike `tensor.switch`, which computes both, elementwise).

The engine op (org.theanojvm.engine.ifelse.IfElse) holds each branch as an inner graph over the
branches' free variables and runs one of them per call; see its class comment for why laziness is
decided there instead of by the executor.
"""
from theano import _engine as E
from theano.gof.graph import Variable

_JIfElse = E.jtype("ifelse.IfElse")


def _as_var(x):
    from theano.tensor.basic import as_tensor_variable
    return x if isinstance(x, Variable) else as_tensor_variable(x)


def ifelse(condition, then_branch, else_branch, name=None):
    """then_branch if the scalar condition is non-zero, else else_branch; both may be a variable or a
    list/tuple of variables (paired element by element, each pair of one type). Returns a variable, or
    a list/tuple like then_branch."""
    rval_type = type(then_branch) if type(then_branch) in (list, tuple) else None
    if type(then_branch) not in (list, tuple):
        then_branch = [then_branch]
    if type(else_branch) not in (list, tuple):
        else_branch = [else_branch]
    if len(then_branch) != len(else_branch):
        raise ValueError("The number of values on the `then` branch should have the same number of variables as "
                         "the `else` branch : (variables on `then` %d" % len(then_branch) + ", variables on `else` "
                         "%d" % len(else_branch) + ")")
    thens = [_as_var(t) for t in then_branch]
    elses = [_as_var(e) for e in else_branch]
    cond = _as_var(condition)
    with E.errors():
        outs = E.wrap_list(_JIfElse.ifelse(cond._v, E.jlist([t._v for t in thens]), E.jlist([e._v for e in elses]), name))
    if rval_type is None:
        return outs[0]
    return rval_type(outs)


class IfElse(object):
    """IfElse(n_outs, as_view=False, gpu=False, name=None)(condition, *then_values, *else_values): the op
    form of ifelse, returning the list of outputs (Theano's IfElse op called directly)."""

    def __init__(self, n_outs, as_view=False, gpu=False, name=None):
        self.n_outs = n_outs
        self.as_view = as_view
        self.gpu = gpu
        self.name = name

    def __str__(self):
        args = [a for a in (self.name, "inplace" if self.as_view else None) if a is not None]
        return "if{%s}" % ",".join(args)

    def __call__(self, condition, *args, **kwargs):
        if len(args) != 2 * self.n_outs:
            raise ValueError("IfElse expects %d values (then and else branches), got %d" % (2 * self.n_outs, len(args)))
        outs = ifelse(condition, list(args[:self.n_outs]), list(args[self.n_outs:]), name=self.name)
        return outs if kwargs.get("return_list", False) or self.n_outs != 1 else outs[0]
