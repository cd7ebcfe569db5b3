"""theano.compile.mode: compilation modes. Every mode currently runs on the engine's reference
executor; names and objects are accepted as Theano accepts them so scripts run unchanged."""
from theano.configdefaults import config

_PREDEFINED = ("FAST_RUN", "FAST_COMPILE", "DebugMode", "DEBUG_MODE", "NanGuardMode", "ProfileMode", "Mode",
               "PROFILE_MODE")


class Mode(object):
    """Mode(linker=None, optimizer='default'): which optimizations and linker a function uses."""

    def __init__(self, linker=None, optimizer="default"):
        if linker is None:
            linker = config.linker
        if optimizer == "default":
            optimizer = config.optimizer
        self.linker = linker
        self.optimizer = optimizer
        self.call_time = 0.0
        self.fn_time = 0.0

    def __str__(self):
        return "%s(linker = %s, optimizer = %s)" % (self.__class__.__name__, self.linker, self.optimizer)

    def including(self, *tags):
        return self

    def excluding(self, *tags):
        return self

    def requiring(self, *tags):
        return self

    def clone(self, link_kwargs=None, optimizer="", message=None):
        return Mode(self.linker, self.optimizer if optimizer == "" else optimizer)


FAST_COMPILE = Mode("py", "fast_compile")
FAST_RUN = Mode("cvm", "fast_run")
predefined_modes = {"FAST_COMPILE": FAST_COMPILE, "FAST_RUN": FAST_RUN}
predefined_linkers = {}
predefined_optimizers = {}


def get_mode(orig_string):
    """The Mode for a mode argument (None: config.mode; a name; or a Mode)."""
    if orig_string is None:
        string = config.mode
    else:
        string = orig_string
    if not isinstance(string, str):
        return string
    if string in predefined_modes:
        return predefined_modes[string]
    if string in _PREDEFINED:
        return Mode()
    raise Exception("No predefined mode exist for string: %s" % string)


def get_default_mode():
    return get_mode(None)


def register_mode(name, mode):
    if name in predefined_modes:
        raise ValueError("Mode name already taken: %s" % name)
    predefined_modes[name] = mode
