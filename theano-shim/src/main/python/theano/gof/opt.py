"""theano.gof.opt: user-defined graph rewrites (Theano's local optimizers).

    @theano.gof.opt.local_optimizer([MyOp])
    def local_my_op_to_exp(node):
        if isinstance(node.op, MyOp):
            return [T.exp(node.inputs[0])]
        return False

    theano.tensor.opt.register_canonicalize(local_my_op_to_exp)

A registered local optimizer joins the engine's rewrite database (org.theanojvm.engine.rewrite.RewriteDB)
as a LocalRewrite whose transform calls back into Python (_EngineLocalRewrite), in the phase it was
registered for (canonicalize, stabilize, specialize...), tagged 'fast_run' plus the given tags, so the
modes, optimizer_including/excluding and the engine's driver treat it like a built-in rewrite: it runs
on every node of each compiled graph until nothing changes, its replacement must keep the output types
(the driver checks), and an exception inside it goes to Theano's failure callback (_optimization_failure):
logged as "ERROR (theano.gof.opt): Optimization failure due to: ..." and skipped, or raised out of
theano.function under config.on_opt_error='raise' and for any AssertionError, as in Theano 1.0.

Theano 1.0's signature is kept: transform(node) returns False or None (no change), a list of
replacements for node.outputs, or a dict {old output: new variable}.
"""
import logging
import pdb
import sys
import traceback

import java

from theano import _engine as E

_logger = logging.getLogger("theano.gof.opt")

_HashSet = java.type("java.util.HashSet")


class Optimizer(object):
    """Base of graph-wide optimizers (Theano's gof.opt.Optimizer); user subclasses are not run by the
    engine, which only takes local optimizers (see in2out)."""

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


class LocalOptimizer(object):
    """A rewrite of one node: subclass it and define transform(node), or use @local_optimizer."""

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def tracks(self):
        """The op classes or instances this optimizer looks at, or None for every node."""
        return None

    def transform(self, node):
        raise NotImplementedError(type(self).__name__ + ".transform")

    def add_requirements(self, fgraph):
        pass

    def __str__(self):
        return getattr(self, "__name__", type(self).__name__)


class FromFunctionLocalOptimizer(LocalOptimizer):
    """The local optimizer @local_optimizer makes of a function."""

    def __init__(self, fn, tracks=None, requirements=()):
        self.fn = fn
        self._tracks = tracks
        self.requirements = requirements
        self.__name__ = getattr(fn, "__name__", "<local_optimizer>")

    def transform(self, node):
        return self.fn(node)

    def tracks(self):
        return self._tracks

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __str__(self):
        # Theano 1.0's: the function's name (set by local_optimizer), else the placeholder
        return getattr(self, "__name__", "<FromFunctionLocalOptimizer instance>")


def local_optimizer(tracks, inplace=False, requirements=()):
    """Decorator making a local optimizer of a function of one node (Theano's local_optimizer)."""
    def decorator(f):
        from theano.gof.op import PureOp
        if tracks is not None:
            if len(tracks) == 0:
                raise ValueError("Use None instead of an empty list to apply to all nodes.", f.__module__, f.__name__)
            for t in tracks:
                if not (isinstance(t, (PureOp, _op_faces())) or (isinstance(t, type) and issubclass(t, (PureOp, _op_faces())))):
                    raise ValueError("Tracks are op classes or instances", f.__module__, f.__name__)
        return FromFunctionLocalOptimizer(f, tracks, requirements)
    return decorator


def _op_faces():
    from theano.gof.op import _EngineOp
    return _EngineOp


class LocalOptGroup(LocalOptimizer):
    """Several local optimizers tried in order on each node (what in2out wraps)."""

    def __init__(self, *optimizers, **kwargs):
        if len(optimizers) == 1 and isinstance(optimizers[0], (list, tuple)):
            optimizers = optimizers[0]
        self.opts = list(optimizers)
        self.__name__ = kwargs.get("name") or ("LocalOptGroup(%s)" % ",".join(str(getattr(o, "__name__", o)) for o in self.opts))

    def transform(self, node):
        for opt in self.opts:
            if _tracked(opt, node):
                result = opt.transform(node)
                if result:
                    return result
        return False


def in2out(*local_opts, **kwargs):
    """Theano's in2out: the local optimizers applied from the inputs to the outputs until nothing
    changes, which is how the engine's driver applies every local rewrite."""
    if len(local_opts) == 1 and not isinstance(local_opts[0], (list, tuple)):
        return local_opts[0]
    return LocalOptGroup(*local_opts, name=kwargs.get("name"))


out2in = in2out
TopoOptimizer = in2out


def _tracked(opt, node):
    tracks = opt.tracks() if hasattr(opt, "tracks") else None
    if tracks is None:
        return True
    op = node.op
    for t in tracks:
        if isinstance(t, type):
            if isinstance(op, t):
                return True
        elif op == t:
            return True
    return False


class _EngineLocalRewrite(object):
    """Implements org.theanojvm.engine.rewrite.LocalRewrite for a Python local optimizer."""

    def __init__(self, opt, name, tags):
        self.opt = opt
        self._name = name
        self._tags = _HashSet()
        for t in tags:
            self._tags.add(t)

    def name(self):
        return self._name

    def tags(self):
        return self._tags

    def __str__(self):
        return self._name

    _fatal = False

    def failureIsFatal(self):
        return self._fatal

    def transform(self, jfg, jnode):
        from theano.gof.graph import Apply
        node = Apply._wrap(jnode)
        if not _tracked(self.opt, node):
            return None
        self._fatal = False
        try:
            result = self.opt.transform(node)
        except Exception as exc:
            self._fatal = _optimization_failure(exc, self.opt, node)
            raise
        if not result:
            return None
        outputs = node.outputs
        if isinstance(result, dict):
            result = [result.get(o) for o in outputs]
        if len(result) != len(outputs):
            raise ValueError("%s returned %d replacements for a node with %d outputs" % (self._name, len(result), len(outputs)))
        from theano.tensor.basic import as_tensor_variable
        return E.jlist([None if r is None else as_tensor_variable(r)._v for r in result])


def _optimization_failure(exc, local_opt, node):
    """Theano 1.0's NavigatorOptimizer.warn, the failure callback of every local optimizer: logs the
    failure on "theano.gof.opt" unless config.on_opt_error is 'ignore', opens pdb for 'pdb', and returns
    whether the compilation must fail with the exception (on_opt_error='raise', or any AssertionError);
    otherwise the engine skips the rewrite for that node."""
    from theano.configdefaults import config  # (theano.gof.opt is imported before the config is built)
    mode = config.on_opt_error
    if mode != "ignore":
        _logger.error("Optimization failure due to: %s" % str(local_opt))
        _logger.error("node: %s" % str(node))
        _logger.error("TRACEBACK:")
        _logger.error(traceback.format_exc())
    if mode == "pdb":
        pdb.post_mortem(sys.exc_info()[2])
    return isinstance(exc, AssertionError) or mode == "raise"


# Theano's optdb positions of the phases the engine runs (theano/compile/mode.py): a position is
# registered in the last phase that starts at or before it.
_PHASE_POSITIONS = [(0, "merge"), (1, "canonicalize"), (1.5, "stabilize"), (2, "specialize"), (49, "fusion"),
                    (75, "inplace")]

_registered = {}  # name -> _EngineLocalRewrite, so registering a name twice is refused as in Theano


def register_local(opt, phase, name=None, tags=()):
    """Adds a local optimizer to the engine's rewrite database in one phase, tagged 'fast_run' + tags."""
    name = name or getattr(opt, "__name__", None) or str(opt)
    if name in _registered:
        raise ValueError("The name of the object cannot be an existing tag or the name of another existing "
                         "object.", opt, name)
    if not hasattr(opt, "transform"):
        raise TypeError("theano-jvm runs user local optimizers only (a LocalOptimizer or @local_optimizer "
                        "function, or in2out of them), got %r" % (opt,))
    bridge = _EngineLocalRewrite(opt, name, ("fast_run", name) + tuple(tags))
    with E.errors():
        E.jtype("rewrite.RewriteDB").standard().registerLocal(phase, bridge)
    _registered[name] = bridge
    return opt


def phase_of_position(position):
    phase = "merge"
    for start, name in _PHASE_POSITIONS:
        if position >= start:
            phase = name
    return phase


class _OptDB(object):
    """theano.compile.optdb: register(name, optimizer, position, *tags) puts a local optimizer (or an
    in2out group of them) into the engine phase at that position (canonicalize at 1, stabilize 1.5,
    specialize 2, fusion 49, inplace 75)."""

    def register(self, name, obj, position, *tags, **kwargs):
        register_local(obj, phase_of_position(float(position)), name=name, tags=tags)
        return obj

    def __getitem__(self, phase):
        if phase not in dict((p, None) for _, p in _PHASE_POSITIONS):
            raise KeyError(phase)
        return _PhaseDB(phase)

    def __contains__(self, name):
        return name in _registered or name in [p for _, p in _PHASE_POSITIONS]


class _PhaseDB(object):
    """optdb['canonicalize'] and friends: register(name, local_optimizer, *tags)."""

    def __init__(self, phase):
        self.phase = phase

    def register(self, name, obj, *tags, **kwargs):
        register_local(obj, self.phase, name=name, tags=tags)
        return obj


optdb = _OptDB()
