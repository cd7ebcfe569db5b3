"""theano.compile.debugmode: DebugMode and the errors it raises.

DebugMode here runs every function on the reference executor (the engine's numerical oracle) and on
the Truffle executor, and compares every output (org.theanojvm.engine.function.CompareExecutor): a
disagreement raises BadThunkOutput naming the output and both values, as Theano's DebugMode does when
its Python and C implementations of an op disagree.
"""
from theano.compile.mode import DebugMode  # noqa: F401


class DebugModeError(Exception):
    """Base of the errors DebugMode raises."""


class BadThunkOutput(DebugModeError):
    """Two implementations (here: two executors) computed different values for one output."""


class BadOptimization(DebugModeError):
    """A rewrite replaced a variable by one computing a different value."""


class BadDestroyMap(DebugModeError):
    """An op overwrote an input it did not declare in its destroy_map."""


class BadViewMap(DebugModeError):
    """An op's output aliases an input it did not declare in its view_map."""


class StochasticOrder(DebugModeError):
    """A graph's node order changed between two compilations."""


class InvalidValueError(DebugModeError):
    """An op produced a value its type does not accept (e.g. NaN where check_isfinite forbids it)."""
