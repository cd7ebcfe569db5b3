"""theano.compile.nanguardmode: NanGuardMode, which stops a call at the first NaN, Inf or huge value.

Every input of the graph and every node output is checked (org.theanojvm.engine.function.NanGuard,
in Java: a Python callback per node would cost more than the node), so functions of this mode run
node by node on the reference executor, as Theano's NanGuardMode runs them through its VM callback.
What is found is reported with Theano's AssertionError message: "NaN detected", "Inf detected" or
"Big value detected" (magnitude > 1e10), then the node's debugprint and where it was created.
config.NanGuardMode.action='warn' logs it instead (to the "theano.compile.nanguardmode" logger of
java.util.logging); 'pdb' cannot start a debugger inside the engine and raises.

`var.tag.nan_guard_mode_check = False` exempts a variable, as in Theano: the tag reaches the engine
variable (theano.gof.utils.VariableTag) and the clones the compiled graph is made of; a variable that
a rewrite replaces is checked again, as Theano's rewritten variables start with fresh tags.
"""
from theano import _engine as E
from theano.compile.mode import Mode
from theano.configdefaults import config

_JNanGuard = E.jtype("function.NanGuard")


class NanGuardMode(Mode):
    """NanGuardMode(nan_is_error=None, inf_is_error=None, big_is_error=None, optimizer='default',
    linker=None): None takes config.NanGuardMode's value."""

    def __init__(self, nan_is_error=None, inf_is_error=None, big_is_error=None, optimizer="default", linker=None):
        self.provided_optimizer = optimizer
        if nan_is_error is None:
            nan_is_error = config.NanGuardMode.nan_is_error
        if inf_is_error is None:
            inf_is_error = config.NanGuardMode.inf_is_error
        if big_is_error is None:
            big_is_error = config.NanGuardMode.big_is_error
        assert nan_is_error or inf_is_error or big_is_error
        self.nan_is_error = bool(nan_is_error)
        self.inf_is_error = bool(inf_is_error)
        self.big_is_error = bool(big_is_error)
        Mode.__init__(self, linker, optimizer)

    def _node_observer(self):
        return _JNanGuard(self.nan_is_error, self.inf_is_error, self.big_is_error, str(config.NanGuardMode.action))
