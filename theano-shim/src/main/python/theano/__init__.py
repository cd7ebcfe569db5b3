"""Theano 1.0's Python API, backed by the theano-jvm Java engine.

This package is the shim users import as `theano`: thin Python classes over engine objects, with
Theano's module layout, names and printing. `from theano import *` binds what Theano's does (and what
the tutorials use): theano, tensor, function, shared, config, In, Param, Apply, Op, Variable...
"""
__version__ = "1.0.5"
version = __version__

# Theano's default log handler, set before any other theano code can log: messages of the "theano"
# loggers print as `WARNING (theano.scan_module.scan): ...` and `ERROR (theano.gof.opt): ...`, and
# only when neither the user nor a parent logger has a handler already.
import logging as _logging  # noqa: E402

theano_logger = _logging.getLogger("theano")
logging_default_handler = _logging.StreamHandler()
logging_default_handler.setFormatter(_logging.Formatter(fmt="%(levelname)s (%(name)s): %(message)s"))
theano_logger.setLevel(_logging.WARNING)
if not theano_logger.hasHandlers():
    theano_logger.addHandler(logging_default_handler)

# pickle.load, pickle.loads and pickle.Unpickler read Theano 1.0.5's pickles: the Theano names the shim lacks
# resolve to placeholders while a pickle is read, and only then (theano._pickle105)
from theano import _pickle105  # noqa: E402
_pickle105.install()

from theano.configdefaults import config  # noqa: E402  (reads THEANO_FLAGS first, pushes floatX to the engine)
from theano import _engine  # noqa: E402

from theano import gof  # noqa: E402
from theano.gof import Apply, Constant, JavaOp, Op, Type, Variable, graph  # noqa: E402
from theano.gof.graph import clone as _graph_clone  # noqa: E402
from theano import compile  # noqa: E402
from theano.compile import (FAST_COMPILE, FAST_RUN, Mode, In, Out, Param, SharedVariable, function,  # noqa: E402
                            predefined_modes, shared)
from theano.compile.function_module import Function  # noqa: E402
from theano import tensor  # noqa: E402
from theano import gradient  # noqa: E402
from theano.gradient import Lop, Rop, grad  # noqa: E402
from theano import printing  # noqa: E402
from theano.printing import pp, pprint  # noqa: E402

import sys as _sys  # noqa: E402

theano = _sys.modules[__name__]


def clone(output, replace=None, strict=True, share_inputs=True, copy_inputs=None):
    """A copy of the graph computing output, with the variables in `replace` substituted
    (theano.clone); inputs are shared with the original graph."""
    from theano import _engine as E
    outs = output if isinstance(output, (list, tuple)) else [output]
    jreplace = E.IdentityHashMap()
    items = replace.items() if isinstance(replace, dict) else (replace or [])
    for k, v in items:
        from theano.tensor.basic import as_tensor_variable
        v = v if isinstance(v, Variable) else as_tensor_variable(v)
        if strict and hasattr(k, "type") and hasattr(v, "type") and k.type != v.type:
            v = k.type.filter_variable(v)
        jreplace.put(k._v, v._v)
    with E.errors():
        r = E.JGraphs.clone(E.jlist([o._v for o in outs]), jreplace, None)
    res = E.wrap_list(r)
    if isinstance(output, (list, tuple)):
        return type(output)(res)
    return res[0]


def dot(l, r):
    """Theano's top-level dot: l.__dot__(r) with fallbacks, i.e. tensor.dot."""
    return tensor.dot(l, r)


from theano.updates import OrderedUpdates  # noqa: E402
from theano.scan_module import scan, scan_checkpoints, map, reduce, foldl, foldr  # noqa: E402,F401
import theano.tensor.shared_randomstreams  # noqa: E402,F401  (registers the RandomState shared constructor)
from theano.compile import OpFromGraph, ProfileStats, as_op  # noqa: E402,F401


def _apply_numpy_seterr():
    """Theano sets NumPy's floating-point error handling on import from the numpy.seterr_* flags (by
    default seterr_all='ignore': no RuntimeWarning for log(0) and the like); 'None' leaves it as is."""
    import numpy

    def flag(name):
        value = getattr(config.numpy, name)
        return None if value == "None" else value
    numpy.seterr(all=flag("seterr_all"), divide=flag("seterr_divide"), over=flag("seterr_over"),
                 under=flag("seterr_under"), invalid=flag("seterr_invalid"))


_apply_numpy_seterr()
