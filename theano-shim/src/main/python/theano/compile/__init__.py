"""theano.compile: functions, shared variables, modes."""
from theano.compile.builders import OpFromGraph
from theano.compile.function import function
from theano.compile.function_module import Function, UnusedInputError
from theano.compile.io import In, Out, SymbolicInput, SymbolicOutput
from theano.compile.mode import (FAST_COMPILE, FAST_RUN, DebugMode, Mode, get_default_mode, get_mode,
                                 predefined_modes)
from theano.compile.ops import as_op
from theano.compile.pfunc import Param, pfunc
from theano.compile.sharedvalue import SharedVariable, shared, shared_constructor
from theano.compile.profiling import ProfileStats
from theano.compile.monitormode import MonitorMode
from theano.compile.nanguardmode import NanGuardMode


def __getattr__(name):
    if name == "optdb":  # imported lazily: theano.gof.opt needs the engine
        from theano.gof.opt import optdb
        return optdb
    raise AttributeError("module 'theano.compile' has no attribute %r" % name)
