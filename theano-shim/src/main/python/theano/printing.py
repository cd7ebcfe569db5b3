"""theano.printing: seeing the graph, as in Theano 1.0.

* `pp` / `pprint`: math-like text of an expression (the engine's PPrinter port, printing.PP);
* `debugprint`: the indented one-line-per-variable listing with [id A] ids (engine printing.DebugPrint);
* `Print`: an identity op that prints its input value when the function runs;
* `pydotprint`: an image of a graph with Theano's drawing conventions (engine printing.graph): Graphviz's
  `dot` renders it when it is installed, otherwise the built-in ELK layout does, so PNG, SVG and PDF work
  on a machine without Graphviz. `pydot_imported` is therefore always True.
"""
import logging
import os
import sys
from io import StringIO

import numpy as np

from theano import _engine as E
from theano.gof.graph import Apply, Variable
from theano.gof.op import Op

JPP = E.jtype("printing.PP")
JDebugPrint = E.jtype("printing.DebugPrint")
JPydotBuilder = E.jtype("printing.graph.PydotBuilder")
JGraphRenderer = E.jtype("printing.graph.GraphRenderer")
JFunctionGraph = E.jtype("graph.FunctionGraph")

_logger = logging.getLogger("theano.printing")

pydot_imported = True   # drawing needs no Python package: see the module docstring
pydot_imported_msg = ""


# ----------------------------------------------------------------------------- pp


class _PrettyPrinter(object):
    """theano.printing.pprint: callable on a variable (or a compiled function: its outputs)."""

    def __call__(self, *args):
        if len(args) == 1:
            return self.process(args[0])
        return "\n".join(self.process(a) for a in args)

    def process(self, r, pstate=None):
        if isinstance(r, Variable):
            with E.errors():
                return str(JPP.pp(r._v))
        maker = getattr(r, "maker", None)
        if maker is not None:
            return "\n".join(self.process(o) for o in maker.fgraph.outputs)
        if isinstance(r, (list, tuple)):
            return "\n".join(self.process(x) for x in r)
        raise TypeError("pprint cannot print %r: expected a Variable or a compiled function" % (r,))


pprint = _PrettyPrinter()
pp = pprint


# ----------------------------------------------------------------------------- debugprint


def _print_targets(obj):
    """(engine variable, toposort or None) pairs to print for one debugprint argument, or None if unknown."""
    from theano.compile.function_module import Function, _FunctionGraphView
    from theano.compile.io import SymbolicInput, SymbolicOutput
    if isinstance(obj, Variable):
        return [(obj._v, None)]
    if isinstance(obj, Apply):
        return [(o, None) for o in obj._a.outputs()]
    if isinstance(obj, Function):
        jfg = obj._f.fgraph()
        topo = jfg.toposort()
        return [(o, topo) for o in jfg.outputs()]
    if isinstance(obj, _FunctionGraphView):
        topo = obj._fg.toposort()
        return [(o, topo) for o in obj._fg.outputs()]
    if isinstance(obj, (SymbolicInput, SymbolicOutput)):
        return [(obj.variable._v, None)]
    return None


def debugprint(obj, depth=-1, print_type=False, file=None, ids="CHAR", stop_on_name=False, done=None,
               print_storage=False, print_clients=False, used_ids=None):
    """Print a computation graph as text to stdout or a file (Theano 1.0's debugprint).

    obj: a Variable, an Apply, a compiled Function (its optimized graph, with each apply's toposort
    index), its maker.fgraph, or a list of those. file: None (stdout), 'str' (return the text) or a file.
    ids: 'CHAR' ([id A]), 'int' ([id 0]), 'id' or '' (none). done: a dict shared between calls so that
    several listings use the same ids (it is filled with the objects printed). Lines of an apply that was
    printed before are not expanded again.
    """
    if not isinstance(depth, int):
        raise Exception("depth parameter must be an int")
    if file == "str":
        _file = StringIO()
    elif file is None:
        _file = sys.stdout
    else:
        _file = file
    objs = obj if isinstance(obj, (list, tuple, set)) else [obj]
    targets = []
    profiles = [p for p in (getattr(o, "profile", None) for o in objs) if p is not None and p.fct_callcount > 0]
    if profiles:
        print(_TIMING_INFO, file=_file)
    for o in objs:
        t = _print_targets(o)
        if t is None:
            if isinstance(o, (int, float, np.ndarray)):
                print(o)
                continue
            raise TypeError("debugprint cannot print an object of this type", o)
        targets.extend(t)
    with E.errors():
        printer = JDebugPrint(ids, bool(print_type), bool(stop_on_name))
        if profiles:
            printer.timing(_timing_map(profiles))
        jdone = printer.done()
        if done:
            for k, v in done.items():
                key = getattr(k, "_a", None)
                if key is None:
                    key = getattr(k, "_v", None)
                if key is not None:
                    jdone.put(key, v)
        for v, topo in targets:
            printer.printRoot(v, topo, depth)
        printer.printInnerGraphs(depth)
        text = str(printer.text())
    if done is not None:
        for k in jdone.keySet():
            key = Apply._wrap(k) if isinstance(k, E.JApply) else E.wrap(k)
            done[key] = str(jdone.get(k))
    _file.write(text)
    if file is _file:
        return file
    elif file == "str":
        return _file.getvalue()
    else:
        _file.flush()


_TIMING_INFO = """
Timing Info
-----------
--> <time> <% time> - <total time> <% total time>'

<time>         computation time for this node
<% time>       fraction of total computation time for this node
<total time>   time for this node + total times for this node's ancestors
<% total time> total time for this node over total computation time

N.B.:
* Times include the node time and the function overhead.
* <total time> and <% total time> may over-count computation times
  if inputs to a node share a common ancestor and should be viewed as a
  loose upper bound. Their intended use is to help rule out potential nodes
  to remove when optimizing a graph because their <total time> is very low.
"""


def _timing_map(profiles):
    """engine Apply -> [time, %, total time, %] for the profiled functions being printed."""
    m = E.IdentityHashMap()
    import java
    doubles = java.type("double[]")
    for p in profiles:
        totals = p.compute_total_times()
        for node, t in p.apply_time.items():
            arr = doubles(4)
            arr[0] = t
            arr[1] = t / p.fct_call_time * 100
            arr[2] = totals[node]
            arr[3] = totals[node] / p.fct_call_time * 100
            m.put(node._a, arr)
    return m


# ----------------------------------------------------------------------------- Print op


def _print_fn(op, xin):
    for attr in op.attrs:
        temp = getattr(xin, attr)
        if callable(temp):
            pmsg = temp()
        else:
            pmsg = temp
        print(op.message, attr, "=", pmsg)


class Print(Op):
    """An identity op that prints, when the function runs, `message` followed by its input's `__str__`
    (or each attribute or method named in `attrs`, e.g. attrs=('shape',)).

    Like Theano's, it blocks optimizations across it (the engine does not look through user ops)."""

    view_map = {0: [0]}
    __props__ = ("message", "attrs", "global_fn")

    def __init__(self, message="", attrs=("__str__",), global_fn=_print_fn):
        self.message = message
        self.attrs = tuple(attrs)  # hashable
        self.global_fn = global_fn

    def make_node(self, xin):
        from theano.tensor.basic import as_tensor_variable
        xin = as_tensor_variable(xin)
        xout = xin.type()
        return Apply(self, [xin], [xout])

    def perform(self, node, inputs, output_storage):
        xin, = inputs
        xout, = output_storage
        xout[0] = xin
        self.global_fn(self, xin)

    def grad(self, input, output_gradients):
        return output_gradients

    def R_op(self, inputs, eval_points):
        return [x for x in eval_points]

    def c_code_cache_version(self):
        return (1,)


# ----------------------------------------------------------------------------- pydotprint

# colors not used: orange, amber#FFBF00, purple, pink; used by default: green, blue, grey, red
default_colorCodes = {"GpuFromHost": "red",
                      "HostFromGpu": "red",
                      "Scan": "yellow",
                      "Shape": "brown",
                      "IfElse": "magenta",
                      "Elemwise": "#FFAABB",  # dark pink
                      "Subtensor": "#FFAAFF",  # purple
                      "Alloc": "#FFAA22",  # orange
                      "Output": "blue"}


def _graph_of(fct):
    """(engine FunctionGraph, update pairs, Function or None) for what pydotprint was given."""
    from theano.compile.function_module import Function, _FunctionGraphView
    if isinstance(fct, Function):
        return fct._f.fgraph(), fct._f.updatePairs(), fct
    if isinstance(fct, _FunctionGraphView):
        return fct._fg, E.ArrayList(), None
    if isinstance(fct, Variable):
        fct = [fct]
    elif isinstance(fct, Apply):
        fct = fct.outputs
    if not isinstance(fct, (list, tuple)) or not all(isinstance(v, Variable) for v in fct):
        raise TypeError("pydotprint expects a compiled function, a FunctionGraph, a Variable, an Apply or a list "
                        "of Variables, got %r" % (fct,))
    outs = E.jlist([v._v for v in fct])
    with E.errors():
        return JFunctionGraph(E.JGraphs.inputs(outs), outs), E.ArrayList(), None


def _profile_suffixes(fn, topo_size):
    """Theano's '   (0.001s,12.345%)' per apply of a profiled function, by toposort index."""
    profile = getattr(fn, "profile", None) if fn is not None else None
    if not profile:
        return None
    times = profile._times_by_index()
    if times is None:
        return None
    arr = _java_string_array(topo_size)
    for i in range(topo_size):
        t = times[i] if i < len(times) else 0.0
        pf = 0 if profile.fct_callcount == 0 or profile.fct_call_time == 0 else t * 100 / profile.fct_call_time
        arr[i] = "   (%.3fs,%.3f%%)" % (t, pf)
    return arr


def _java_string_array(n):
    import java
    return java.type("java.lang.String[]")(n)


def pydotprint(fct, outfile=None, compact=True, format="png", with_ids=False, high_contrast=True,
               cond_highlight=None, colorCodes=None, max_label_size=70, scan_graphs=False,
               var_with_name_simple=False, print_output_file=True, return_image=False):
    """Draw the graph of a compiled function (or of variables) to a file, as Theano 1.0's pydotprint.

    Ellipses are apply nodes, filled with the colour of their op kind (Elemwise pink, Subtensor purple,
    Alloc orange, Shape brown, Scan yellow, IfElse magenta); boxes are variables: inputs green, shared
    variables cyan, outputs and update values blue, unused outputs grey. An edge into a node with several
    inputs carries the input's position; with compact=True an unnamed intermediate variable is an edge
    labelled with its type. format: png, svg, pdf, jpg, gif, bmp or dot (any Graphviz format when `dot`
    is installed). return_image=True returns the file's bytes instead of writing it.
    """
    from theano import config
    if colorCodes is None:
        colorCodes = default_colorCodes
    if outfile is None:
        outfile = os.path.join(config.compiledir, "theano.pydotprint." + config.device + "." + format)
    jfg, updates, fn = _graph_of(fct)
    if cond_highlight is not None:
        has_ifelse = any(a.op().getClass().getSimpleName() == "IfElse" for a in jfg.toposort())
        if not has_ifelse:
            _logger.warning("pydotprint: cond_highlight is set but there is no IfElse node in the graph")
            cond_highlight = None
    jcolors = E.LinkedHashMap()
    for k, v in colorCodes.items():
        jcolors.put(str(k), str(v))
    with E.errors():
        builder = JPydotBuilder(bool(compact), bool(with_ids), bool(high_contrast), jcolors, int(max_label_size),
                                bool(var_with_name_simple))
        suffixes = _profile_suffixes(fn, int(jfg.toposort().size()))
        if suffixes is not None:
            builder.applySuffixes(suffixes)
        drawing = builder.build(jfg, updates)
        data = str(JGraphRenderer.renderLatin1(drawing, format)).encode("latin-1")
    if not outfile.endswith("." + format):
        outfile += "." + format
    if scan_graphs:
        # each scan's inner graph to its own file: <name>_<scan name>_<toposort index>.<format>
        path, fn_name = os.path.split(outfile)
        basename = ".".join(fn_name.split(".")[:-1])
        ext = fn_name[len(basename):]
        for idx, node in enumerate(jfg.toposort()):
            if node.op().getClass().getSimpleName() != "ScanOp":
                continue
            new_name = os.path.join(path, basename + "_" + str(node.op().name()) + "_" + str(idx) + ext)
            with E.errors():
                inner = JPydotBuilder(bool(compact), bool(with_ids), bool(high_contrast), jcolors, int(max_label_size),
                                      bool(var_with_name_simple)).build(node.op().inner(), E.ArrayList())
                inner_data = str(JGraphRenderer.renderLatin1(inner, format)).encode("latin-1")
            with open(new_name, "wb") as f:
                f.write(inner_data)
    if return_image:
        return data
    directory = os.path.dirname(outfile)
    if directory and not os.path.isdir(directory):
        os.makedirs(directory)
    with open(outfile, "wb") as f:
        f.write(data)
    if print_output_file:
        print("The output file is available at", outfile)


# ----------------------------------------------------------------------------- small helpers


def char_from_number(number):
    """0 -> 'A', 25 -> 'Z', 26 -> 'BA' (the ids debugprint uses)."""
    return str(JDebugPrint.charFromNumber(int(number)))


class _TagGenerator(object):
    def __init__(self):
        self.cur_tag_number = 0

    def get_tag(self):
        rval = char_from_number(self.cur_tag_number)
        self.cur_tag_number += 1
        return rval


def min_informative_str(obj, indent_level=0, _prev_obs=None, _tag_generator=None):
    """The graph of obj down to named variables and constants, one tagged line per object (Theano's)."""
    if _prev_obs is None:
        _prev_obs = {}
    indent = " " * indent_level
    if id(obj) in _prev_obs:
        return indent + "<" + _prev_obs[id(obj)] + ">"
    if _tag_generator is None:
        _tag_generator = _TagGenerator()
    cur_tag = _tag_generator.get_tag()
    _prev_obs[id(obj)] = cur_tag
    if hasattr(obj, "__array__"):
        name = "<ndarray>"
    elif getattr(obj, "name", None) is not None:
        name = obj.name
    elif getattr(obj, "owner", None) is not None:
        name = str(obj.owner.op)
        for ipt in obj.owner.inputs:
            name += "\n"
            name += min_informative_str(ipt, indent_level=indent_level + 1, _prev_obs=_prev_obs,
                                        _tag_generator=_tag_generator)
    else:
        name = str(obj)
    return indent + cur_tag + ". " + name
