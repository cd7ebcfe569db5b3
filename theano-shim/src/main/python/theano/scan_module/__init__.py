"""theano.scan_module: scan (loops over symbolic sequences), its views map/reduce/foldl/foldr and until.

The loop itself is the engine's Scan op (org.theanojvm.engine.scan): an inner graph compiled once and
run per step; this package only turns Theano's Python calling convention into engine calls.
"""
from theano.scan_module.scan import scan  # noqa: F401
from theano.scan_module.scan_utils import clone, until  # noqa: F401
from theano.scan_module.scan_views import foldl, foldr, map, reduce  # noqa: F401
from theano.scan_module.scan_checkpoints import scan_checkpoints  # noqa: F401
