"""theano.compile.mode: compilation modes.

A Mode names the linker (which executor runs the compiled graph) and the optimizer (which graph
rewrites run at compile time), as in Theano 1.0:

* FAST_RUN (the default): every rewrite tagged fast_run, executed by the Truffle executor;
* FAST_COMPILE: only the cheap rewrites, executed by the reference executor (Theano's Python linker);
* DebugMode: both executors on every call, outputs compared (BadThunkOutput on a mismatch);
* Mode(linker, optimizer) for anything in between; linker='py' always selects the reference executor.

`including`/`excluding`/`requiring` return new modes with rewrite tags added, as Theano's do.
"""
from theano.configdefaults import config

# Mode names accepted by theano.function(mode=...) that are not in predefined_modes.
_GENERIC_NAMES = ("Mode", "ProfileMode", "PROFILE_MODE", "NanGuardMode")


class Mode(object):
    """Mode(linker=None, optimizer='default'): which optimizations and linker a function uses."""

    # The engine's name of this kind of mode (FAST_RUN/FAST_COMPILE fix the optimizer, DebugMode compares).
    _engine_mode = "Mode"

    def __init__(self, linker=None, optimizer="default", including=(), excluding=(), requiring=()):
        if linker is None:
            linker = config.linker
        if optimizer == "default":
            optimizer = config.optimizer
        self.linker = linker
        self.optimizer = optimizer
        self._including = tuple(including)
        self._excluding = tuple(excluding)
        self._requiring = tuple(requiring)
        self.call_time = 0.0
        self.fn_time = 0.0

    def __str__(self):
        return "%s(linker = %s, optimizer = %s)" % (self.__class__.__name__, self.linker, self.optimizer)

    def __setstate__(self, state):
        if isinstance(state, tuple):
            # Theano 1.0.5 pickles a Mode as (linker, optimizer), each a name or an object of its own (a linker,
            # an optimizer Query): names are kept, objects give the configured default
            linker, optimizer = state
            Mode.__init__(self, linker if isinstance(linker, str) else None,
                          optimizer if isinstance(optimizer, str) or optimizer is None else "default")
            return
        self.__dict__.update(state)

    def _with(self, including=(), excluding=(), requiring=()):
        m = object.__new__(self.__class__)
        m.__dict__.update(self.__dict__)
        m._including = self._including + tuple(including)
        m._excluding = self._excluding + tuple(excluding)
        m._requiring = self._requiring + tuple(requiring)
        return m

    def including(self, *tags):
        return self._with(including=tags)

    def excluding(self, *tags):
        return self._with(excluding=tags)

    def requiring(self, *tags):
        return self._with(requiring=tags)

    def clone(self, link_kwargs=None, optimizer="", message=None):
        m = self._with()
        if optimizer != "":
            m.optimizer = optimizer
        return m

    # ---- what the engine needs
    def _rewrite_config(self):
        """The engine's RewriteConfig: this mode's optimizer and tags plus the optimizer_* flags."""
        from theano import _engine as E
        RewriteConfig = E.jtype("rewrite.RewriteConfig")
        optimizer = "None" if self.optimizer is None else str(self.optimizer)
        including = ":".join(t for t in (config.optimizer_including,) + self._including if t)
        excluding = ":".join(t for t in (config.optimizer_excluding,) + self._excluding if t)
        requiring = ":".join(t for t in (config.optimizer_requiring,) + self._requiring if t)
        return RewriteConfig.fromFlags(self._engine_mode, optimizer, including, excluding, requiring)

    def _engine_linker(self):
        return str(self.linker)

    def _node_observer(self):
        """An org.theanojvm.engine.function.NodeObserver that must see every node's values when functions
        of this mode run (NanGuardMode, MonitorMode), or None."""
        return None


class _PredefinedMode(Mode):
    def __init__(self, engine_mode, linker, optimizer):
        Mode.__init__(self, linker, optimizer)
        self._engine_mode = engine_mode

    def __str__(self):
        return "Mode(linker = %s, optimizer = %s)" % (self.linker, self.optimizer)


class DebugMode(Mode):
    """Runs every function on the reference and the Truffle executor and compares every output."""
    _engine_mode = "DebugMode"

    def __init__(self, optimizer="fast_run", stability_patience=None, check_c_code=True, check_py_code=True,
                 check_isfinite=None, check_preallocated_output=None, require_matching_strides=None, linker=None):
        Mode.__init__(self, "debug", optimizer)


FAST_COMPILE = _PredefinedMode("FAST_COMPILE", "py", "fast_compile")
FAST_RUN = _PredefinedMode("FAST_RUN", "cvm", "fast_run")
predefined_modes = {"FAST_COMPILE": FAST_COMPILE, "FAST_RUN": FAST_RUN}
predefined_linkers = {}
predefined_optimizers = {}


def get_mode(orig_string):
    """The Mode for a mode argument (None: config.mode; a name; or a Mode)."""
    string = config.mode if orig_string is None else orig_string
    if not isinstance(string, str):
        return string
    if string in predefined_modes:
        return predefined_modes[string]
    if string in ("DebugMode", "DEBUG_MODE"):
        return DebugMode()
    if string == "NanGuardMode":
        from theano.compile.nanguardmode import NanGuardMode
        return NanGuardMode()
    if string in _GENERIC_NAMES:
        return Mode()
    raise Exception("No predefined mode exist for string: %s" % string)


def get_default_mode():
    return get_mode(None)


def register_mode(name, mode):
    if name in predefined_modes:
        raise ValueError("Mode name already taken: %s" % name)
    predefined_modes[name] = mode


def __getattr__(name):
    # theano.compile.mode.optdb (and theano.compile.optdb): the registry of user rewrites, in theano.gof.opt
    if name == "optdb":
        from theano.gof.opt import optdb
        return optdb
    raise AttributeError("module 'theano.compile.mode' has no attribute %r" % name)
