"""theano.compile.profiling: ProfileStats, the runtime (and memory) profile of compiled functions.

A function compiled with profile=True (or under THEANO_FLAGS=profile=True) runs on the engine's
ProfilingExecutor, which times every apply node through its own one-node executor (the same Truffle or
reference code the unprofiled function runs). The ProfileStats here holds Theano 1.0's fields
(fct_call_time, vm_call_time, apply_time, apply_callcount, ...), reads the node times from the engine
when they are looked at, and prints Theano's report: "Function profiling", the Class, Ops and Apply
tables, the memory profile with profile_memory=True, and the tips. Reports are printed at exit, to
stderr by default (profiling.destination), as Theano does.

Columns that differ in meaning on this engine: <type> is 'C ' for nodes run by compiled code (the Truffle
executor) and 'Py' for nodes run by the reference executor or by a Python op's perform.
"""
import atexit
import copy
import sys
import time

import numpy as np

import theano

config = theano.config

theano_imported_time = time.time()
total_fct_exec_time = 0.
total_graph_opt_time = 0.
total_time_linker = 0.

_atexit_print_list = []
_atexit_registered = False


def _destination():
    dest = config.profiling.destination
    if dest == "stderr":
        return sys.stderr, False
    if dest == "stdout":
        return sys.stdout, False
    return open(dest, "w"), True


def _atexit_print_fn():
    """Print the ProfileStats of the program at exit, biggest first, then their sum when there are several."""
    # As in Theano, only under the profile flag: profile=True given to one theano.function shows nothing at exit
    if config.profile and _atexit_print_list:
        _print_profiles()
    if config.print_global_stats:
        print_global_stats()


def _print_profiles():
    destination_file, close = _destination()
    try:
        to_sum = []
        for ps in sorted(_atexit_print_list, key=lambda a: a.compile_time + a.fct_call_time)[::-1]:
            if ps.fct_callcount >= 1 or ps.compile_time > 1:
                ps.summary(file=destination_file, n_ops_to_print=config.profiling.n_ops,
                           n_apply_to_print=config.profiling.n_apply)
                to_sum.append(ps)
            else:
                print("Skipping empty Profile", file=destination_file)
        if len(to_sum) > 1:
            cum = ProfileStats(atexit_print=False)
            cum.message = "Sum of all(%d) printed profiles at exit excluding Scan op profile." % len(to_sum)
            cum.nb_nodes = 0
            for ps in to_sum:
                for attr in ("compile_time", "fct_call_time", "fct_callcount", "optimizer_time", "linker_time",
                             "validate_time", "import_time", "linker_node_make_thunks", "nb_nodes"):
                    setattr(cum, attr, getattr(cum, attr) + getattr(ps, attr))
                cum._vm_call_time += ps.vm_call_time
                cum._apply_time.update(ps.apply_time)
                cum._apply_callcount.update(ps.apply_callcount)
                cum.apply_cimpl.update(ps.apply_cimpl)
                cum.variable_shape.update(ps.variable_shape)
                cum.variable_strides.update(ps.variable_strides)
                cum._node_index.update(ps._node_index)
            cum.summary(file=destination_file, n_ops_to_print=config.profiling.n_ops,
                        n_apply_to_print=config.profiling.n_apply)
        destination_file.flush()
    finally:
        if close:
            destination_file.close()


def print_global_stats():
    """Time since import, in Theano functions and compiling them."""
    destination_file, close = _destination()
    print("=" * 50, file=destination_file)
    print("Global stats: ",
          "Time elasped since Theano import = %6.3fs, "
          "Time spent in Theano functions = %6.3fs, "
          "Time spent compiling Theano functions: "
          " optimzation = %6.3fs, linker = %6.3fs " %
          (time.time() - theano_imported_time, total_fct_exec_time, total_graph_opt_time, total_time_linker),
          file=destination_file)
    print("=" * 50, file=destination_file)
    if close:
        destination_file.close()


_profiler_printers = []


def register_profiler_printer(fct):
    _profiler_printers.append(fct)
    return fct


def _function_name_from_stack():
    """Theano names an unnamed function after the user's line that compiled it ('script.py:12')."""
    import traceback
    for filename, lineno, _, _ in reversed(traceback.extract_stack()[:-1]):
        if "/theano/" not in filename.replace("\\", "/") and not filename.startswith("<frozen"):
            return "%s:%d" % (filename, lineno)
    return None


def _sum_by(node_values, key):
    """{key(node): sum of its values} over (apply node, value) pairs: the per-class and per-op tables."""
    rval = {}
    for node, value in node_values:
        k = key(node)
        rval[k] = rval.get(k, 0) + value
    return rval


class ProfileStats(object):
    """Runtime and memory profile of compiled functions: compilation, optimization, execution.

    atexit_print: print summary() at exit. Other keyword arguments set attributes (message=...).
    """

    compile_time = 0.0          # total time spent compiling the function
    fct_call_time = 0.0         # total time in Function.__call__
    fct_callcount = 0           # number of calls to Function.__call__
    message = None              # printed at the top of the summary
    optimizer_time = 0.0        # time spent optimizing the graph
    validate_time = 0.0
    linker_time = 0.0           # time spent making the executors
    import_time = 0.0
    linker_node_make_thunks = 0.0
    nb_nodes = -1               # apply nodes in the compiled graph
    optimizer_profile = None
    line_width = 140

    def __init__(self, atexit_print=True, flag_time_thunks=None, gpu_checks=True, **kwargs):
        self._apply_time = {}
        self._apply_callcount = {}
        self._vm_call_time = 0.0
        self.apply_cimpl = {}
        self.output_size = {}
        self.variable_shape = {}
        self.variable_strides = {}
        self.variable_offset = {}
        self.linker_make_thunk_time = {}
        self._node_index = {}     # Apply -> its toposort index
        self._sources = []        # (engine ProfilingExecutor, [Apply in toposort order])
        self.line_width = config.profiling.output_line_width
        self.flag_time_thunks = config.profiling.time_thunks if flag_time_thunks is None else flag_time_thunks
        self.ignore_first_call = config.profiling.ignore_first_call
        self.__dict__.update(kwargs)
        if atexit_print:
            global _atexit_registered
            _atexit_print_list.append(self)
            if not _atexit_registered:
                atexit.register(_atexit_print_fn)
                _atexit_registered = True

    # ---- engine side ---------------------------------------------------------------------------
    def _attach(self, jfn):
        """Read node times from a compiled engine Function whose executor is a ProfilingExecutor."""
        from theano.gof.graph import Apply
        jexec = jfn.executor()
        if not hasattr(jexec, "applyTimes"):
            return
        nodes = [Apply._wrap(a) for a in jexec.order()]
        compiled = str(jexec.name()) != "reference"
        for i, node in enumerate(nodes):
            self._node_index[node] = i
            is_python = type(node.op).__module__.split(".")[0] != "theano"
            self.apply_cimpl[node] = compiled and not is_python
        self._sources.append((jexec, nodes))
        self.nb_nodes = len(nodes) if self.nb_nodes < 0 else self.nb_nodes + len(nodes)
        self.linker_time += float(jexec.linkerTime())

    def _sync(self):
        for jexec, nodes in self._sources:
            times = list(jexec.applyTimes())
            counts = list(jexec.applyCallCounts())
            for i, node in enumerate(nodes):
                self._apply_time[node] = float(times[i])
                self._apply_callcount[node] = int(counts[i])
            if config.profile_memory:
                for i, node in enumerate(nodes):
                    shapes = jexec.lastShapes(i)
                    if shapes is None:
                        continue
                    strides = jexec.lastStrides(i)
                    for k, var in enumerate(list(node.inputs) + list(node.outputs)):
                        self.variable_shape[var] = tuple(int(d) for d in shapes[k])
                        self.variable_strides[var] = tuple(int(d) for d in strides[k])

    def _vm_time_now(self):
        return sum(float(j.callTime()) for j, _ in self._sources)

    def _times_by_index(self):
        if not self._sources:
            return None
        return [float(t) for t in self._sources[0][0].applyTimes()]

    def _call(self, run, args, kwargs):
        """Function.__call__ of a profiled function: time the whole call."""
        global total_fct_exec_time
        # durations on perf_counter: GraalPy's time.time() ticks in whole milliseconds, so a call
        # faster than that measured 0 s
        t0 = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            dt = time.perf_counter() - t0
            self.fct_call_time += dt
            self.fct_callcount += 1
            total_fct_exec_time += dt
            if self.ignore_first_call and self.fct_callcount == 1:
                self.reset()
                self.ignore_first_call = False

    # ---- Theano's fields, kept current from the engine -------------------------------------------
    @property
    def apply_time(self):
        """dict Apply -> seconds spent in that node."""
        self._sync()
        return self._apply_time

    @apply_time.setter
    def apply_time(self, value):
        self._apply_time = value

    @property
    def apply_callcount(self):
        """dict Apply -> number of times it ran."""
        self._sync()
        return self._apply_callcount

    @apply_callcount.setter
    def apply_callcount(self, value):
        self._apply_callcount = value

    @property
    def vm_call_time(self):
        """Seconds in the executor (Theano's Function.fn.__call__)."""
        return self._vm_call_time + self._vm_time_now()

    @vm_call_time.setter
    def vm_call_time(self, value):
        self._vm_call_time = value - self._vm_time_now()

    def reset(self):
        """Forget the calls so far (compile times are kept)."""
        self.fct_call_time = 0.
        self.fct_callcount = 0
        for jexec, _ in self._sources:
            jexec.reset()
        self._vm_call_time = 0.
        self._apply_time = {}
        self._apply_callcount = {}

    # ---- aggregation --------------------------------------------------------------------------------
    def class_time(self):
        """dict op class -> total time on thunks"""
        return _sum_by(self.apply_time.items(), lambda node: type(node.op))

    def class_callcount(self):
        return _sum_by(self.apply_callcount.items(), lambda node: type(node.op))

    def class_nodes(self):
        return _sum_by(((node, 1) for node in self.apply_callcount), lambda node: type(node.op))

    def class_impl(self):
        rval = {}
        for node in self.apply_callcount:
            typ = type(node.op)
            impl = "C " if self.apply_cimpl.get(node) else "Py"
            rval.setdefault(typ, impl)
            if rval[typ] != impl and len(rval[typ]) == 2:
                rval[typ] += impl
        return rval

    def op_time(self):
        return _sum_by(self.apply_time.items(), lambda node: node.op)

    def op_callcount(self):
        return _sum_by(self.apply_callcount.items(), lambda node: node.op)

    def op_nodes(self):
        return _sum_by(((node, 1) for node in self.apply_callcount), lambda node: node.op)

    def op_impl(self):
        return {node.op: ("C " if self.apply_cimpl.get(node) else "Py") for node in self.apply_callcount}

    def fill_node_total_time(self, node, total_times):
        """Time of node plus the total time of its parents."""
        apply_time = self._apply_time  # synced by compute_total_times
        total = apply_time[node]
        for parent in node.get_parents():
            if parent.owner is not None and parent.owner in apply_time:
                if parent.owner not in total_times:
                    self.fill_node_total_time(parent.owner, total_times)
                total += total_times[parent.owner]
        total_times[node] = total

    def compute_total_times(self):
        rval = {}
        for node in list(self.apply_time):
            if node not in rval:
                self.fill_node_total_time(node, rval)
        return rval

    # ---- the report -------------------------------------------------------------------------------
    @staticmethod
    def _table_formats(headers_formats, last_header, line_width):
        hs = [h for h, _ in headers_formats]
        es = [e for _, e in headers_formats]
        upto_length = int(np.sum([len(x) for x in hs]) + len(hs))
        maxlen = max(line_width - upto_length, 0)
        hs.append(last_header)
        es.append("%s")
        return " ".join(hs), " ".join(es), maxlen

    _TIME_COLUMNS = [("<% time>", "  %4.1f%% "), ("<sum %>", " %5.1f%% "), ("<apply time>", "   %7.3fs "),
                     ("<time per call>", "     %8.2es ")]

    def summary_class(self, file=sys.stderr, N=None):
        local_time = sum(self.apply_time.values()) if self.apply_time else 0
        if local_time == 0:
            print("ProfileStats.summary_class: total time 0 (did you forget to enable counters?)", file=file)
            return
        class_time = self.class_time()
        class_call = self.class_callcount()
        class_apply = self.class_nodes()
        class_impl = self.class_impl()
        if N is None:
            N = len(class_time)
        otimes = [(t * 100 / local_time, t, clas, class_impl.get(clas, "  "), class_call.get(clas, 0),
                   class_apply.get(clas, 0)) for clas, t in class_time.items()]
        otimes.sort(key=lambda t: (t[1], t[4], t[5]), reverse=True)
        print("Class", file=file)
        print("---", file=file)
        header_str, format_str, maxlen = self._table_formats(
            self._TIME_COLUMNS + [("<type>", "   %2s "), ("<#call>", "%6d  "), ("<#apply>", " %4d  ")],
            "<Class name>", self.line_width)
        print(header_str, file=file)
        tot = 0
        for f, t, a, impl, nb_call, nb_apply in otimes[:N]:
            if nb_call == 0:
                continue
            tot += t
            ftot = tot * 100 / local_time
            class_name = ("%s.%s" % (a.__module__, a.__name__))[:maxlen]
            print(format_str % (f, ftot, t, t / nb_call, impl, nb_call, nb_apply, class_name), file=file)
        print("   ... (remaining %i Classes account for %6.2f%%(%.2fs) of the runtime)" %
              (max(0, len(otimes) - N), sum(o[0] for o in otimes[N:]), sum(o[1] for o in otimes[N:])), file=file)
        print("", file=file)

    def summary_ops(self, file=sys.stderr, N=None):
        local_time = sum(self.apply_time.values()) if self.apply_time else 0
        if local_time == 0:
            print("ProfileStats.summary_ops: total time 0 (did you forget to enable counters?)", file=file)
            return
        op_time = self.op_time()
        op_call = self.op_callcount()
        op_apply = self.op_nodes()
        op_impl = self.op_impl()
        if N is None:
            N = len(op_time)
        otimes = [(t * 100 / local_time, t, op, op_impl.get(op, "  "), op_call.get(op, 0), op_apply.get(op, 0))
                  for op, t in op_time.items()]
        otimes.sort(key=lambda t: (t[1], t[4], t[5]), reverse=True)
        print("Ops", file=file)
        print("---", file=file)
        header_str, format_str, maxlen = self._table_formats(
            self._TIME_COLUMNS + [("<type>", "   %2s "), ("<#call>", "  %4d  "), ("<#apply>", "  %4d  ")],
            "<Op name>", self.line_width)
        print(header_str, file=file)
        tot = 0
        for f, t, a, impl, nb_call, nb_apply in otimes[:N]:
            if nb_call == 0:
                continue
            tot += t
            ftot = tot * 100 / local_time
            print(format_str % (f, ftot, t, t / nb_call, impl, nb_call, nb_apply, str(a)[:maxlen]), file=file)
        print("   ... (remaining %i Ops account for %6.2f%%(%.2fs) of the runtime)" %
              (max(0, len(otimes) - N), sum(o[0] for o in otimes[N:]), sum(o[1] for o in otimes[N:])), file=file)
        print("", file=file)

    def summary_nodes(self, file=sys.stderr, N=None):
        local_time = sum(self.apply_time.values()) if self.apply_time else 0
        if local_time == 0:
            print("ProfileStats.summary_nodes: total time 0 (did you forget to enable counters?)", file=file)
            return
        print("Apply", file=file)
        print("------", file=file)
        header_str, format_str, maxlen = self._table_formats(
            self._TIME_COLUMNS + [("<#call>", " %4d  "), ("<id>", "%3d")], "<Apply name>", self.line_width)
        format_str = format_str.replace("%3d %s", "%3d %s %s %s")  # Theano's (empty) flops columns
        print(header_str, file=file)
        callcount = self.apply_callcount
        atimes = [(t * 100 / local_time, t, a, self._node_index.get(a, -1), callcount[a])
                  for a, t in self.apply_time.items()]
        atimes.sort(reverse=True, key=lambda t: (t[1], t[3]))
        if N is None:
            N = len(atimes)
        tot = 0
        for f, t, a, nd_id, nb_call in atimes[:N]:
            tot += t
            ftot = tot * 100 / local_time
            if nb_call == 0:
                continue
            print(format_str % (f, ftot, t, t / nb_call, nb_call, nd_id, "", "", str(a)[:maxlen]), file=file)
            if not config.profile_memory:
                continue
            for kind, vars_ in (("input", a.inputs), ("output", a.outputs)):
                for idx, var in enumerate(vars_):
                    sh = self.variable_shape.get(var, "no shape")
                    st = self.variable_strides.get(var, "no strides")
                    dtype = getattr(var, "dtype", "no dtype")
                    print("    %s %d: dtype=%s, shape=%s, strides=%s" % (kind, idx, dtype, sh, st), file=file)
        print("   ... (remaining %i Apply instances account for %.2f%%(%.2fs) of the runtime)" %
              (max(0, len(atimes) - N), sum(o[0] for o in atimes[N:]), sum(o[1] for o in atimes[N:])), file=file)
        print("", file=file)

    def summary_function(self, file):
        print("Function profiling", file=file)
        print("==================", file=file)
        print("  Message: %s" % self.message, file=file)
        print("  Time in %i calls to Function.__call__: %es" % (self.fct_callcount, self.fct_call_time), file=file)
        if self.fct_call_time > 0:
            print("  Time in Function.fn.__call__: %es (%.3f%%)" %
                  (self.vm_call_time, 100 * self.vm_call_time / self.fct_call_time), file=file)
            local_time = sum(self.apply_time.values())
            if local_time > 0:
                print("  Time in thunks: %es (%.3f%%)" % (local_time, 100 * local_time / self.fct_call_time), file=file)
        print("  Total compile time: %es" % self.compile_time, file=file)
        print("    Number of Apply nodes: %d" % self.nb_nodes, file=file)
        print("    Theano Optimizer time: %es" % self.optimizer_time, file=file)
        print("       Theano validate time: %es" % self.validate_time, file=file)
        print("    Theano Linker time (includes C, CUDA code generation/compiling): %es" % self.linker_time, file=file)
        print("       Import time %es" % self.import_time, file=file)
        print("       Node make_thunk time %es" % self.linker_node_make_thunks, file=file)
        print("", file=file)

    def summary_globals(self, file):
        grad_time = getattr(theano.gradient, "grad_time", 0.0)
        print("Time in all call to theano.grad() %es" % grad_time, file=file)
        print("Time since theano import %.3fs" % (time.time() - theano_imported_time), file=file)

    def _node_output_bytes(self, node):
        total = 0
        for var in node.outputs:
            sh = self.variable_shape.get(var)
            if sh is None:
                continue
            total += int(np.prod(sh, dtype=np.int64)) * np.dtype(var.dtype).itemsize
        return total

    def summary_memory(self, file, N=None):
        """Output sizes of the nodes at their last call and the peak memory of the execution order, intermediates
        freed after their last use (allow_gc=True) or all kept (allow_gc=False). Views are counted as new memory:
        the engine's ops declare no view_map."""
        nodes = sorted(self.apply_callcount, key=lambda n: self._node_index.get(n, 0))
        node_mem = {n: self._node_output_bytes(n) for n in nodes}
        last_use = {}
        for i, n in enumerate(nodes):
            for var in n.inputs:
                last_use[var] = i
        running = peak = 0
        live = {}
        for i, n in enumerate(nodes):
            for var in n.outputs:
                sh = self.variable_shape.get(var)
                if sh is not None:
                    live[var] = int(np.prod(sh, dtype=np.int64)) * np.dtype(var.dtype).itemsize
                    running += live[var]
            peak = max(peak, running)
            for var in n.inputs:
                if last_use.get(var) == i and var in live:
                    running -= live.pop(var)
        no_gc = sum(node_mem.values())
        print("Memory Profile", file=file)
        print("(Sparse variables are ignored)", file=file)
        print("(For values in brackets, it's for linker = c|py", file=file)
        print("---", file=file)
        print("    Max peak memory with current setting", file=file)
        print("        CPU: %dKB (%dKB)" % (int(round(peak / 1024.)), int(round(peak / 1024.))), file=file)
        print("        GPU: 0KB (0KB)", file=file)
        print("        CPU + GPU: %dKB (%dKB)" % (int(round(peak / 1024.)), int(round(peak / 1024.))), file=file)
        print("    Max peak memory if allow_gc=False (linker don't make a difference)", file=file)
        print("        CPU: %dKB" % int(round(no_gc / 1024.)), file=file)
        print("        GPU: 0KB", file=file)
        print("        CPU + GPU: %dKB" % int(round(no_gc / 1024.)), file=file)
        print("---", file=file)
        print("", file=file)
        print("    <Sum apply outputs (bytes)> <Apply outputs shape> <created/inplace/view> <Apply node>", file=file)
        print("", file=file)
        items = sorted(node_mem.items(), key=lambda a: a[1], reverse=True)
        if N is None:
            N = len(items)
        shown = 0
        for node, size in items[:N]:
            if size < config.profiling.min_memory_size:
                break
            shapes = str([self.variable_shape.get(o, "no shape") for o in node.outputs])
            print("     %9dB  %s %s %s" % (size, shapes, " ".join(["c"] * len(node.outputs)), node), file=file)
            shown += 1
        rest = sum(size for _, size in items[shown:])
        total = sum(node_mem.values())
        p = "0%" if total == 0 else "(%.2f%%)" % (float(rest) / total * 100)
        print("   ... (remaining %i Apply account for %4dB/%dB (%s) of the Apply with dense outputs sizes)" %
              (max(0, len(node_mem) - shown), rest, total, p), file=file)
        print("", file=file)
        if shown == 0:
            print("    All Apply nodes have output sizes that take less than %dB." % config.profiling.min_memory_size,
                  file=file)
        print("    <created/inplace/view> is taken from the Op's declaration.", file=file)
        print("    Apply nodes marked 'inplace' or 'view' may actually allocate memory, this is not reported here. "
              "If you use DebugMode, warnings will be emitted in those cases.", file=file)
        print("", file=file)

    def summary(self, file=sys.stderr, n_ops_to_print=20, n_apply_to_print=20):
        self.summary_function(file)
        self.summary_globals(file)
        local_time = sum(self.apply_time.values())
        if local_time > 0:
            self.summary_class(file, n_ops_to_print)
            self.summary_ops(file, n_ops_to_print)
            self.summary_nodes(file, n_apply_to_print)
        elif self.fct_callcount > 0:
            print("  No execution time accumulated (hint: try config profiling.time_thunks=1)", file=file)
        if config.profiling.debugprint and self._sources:
            from theano.printing import debugprint
            debugprint([v for _, nodes in self._sources for v in nodes[-1:]], print_type=True, file=file)
        if config.profile_memory and self.variable_shape:
            self.summary_memory(file, n_apply_to_print)
        self.print_extra(file)
        self.print_tips(file)

    def print_tips(self, file):
        print("Here are tips to potentially make your code run faster\n"
              "                 (if you think of new ones, suggest them on the mailing list).\n"
              "                 Test them first, as they are not guaranteed to always provide a speedup.", file=file)
        printed_tip = False
        if config.floatX == "float64":
            print("  - Try the Theano flag floatX=float32", file=file)
            printed_tip = True
        for node in self.apply_time:
            op_name = type(node.op).__name__
            if op_name == "Dot" and all(len(i.type.broadcastable) == 2 for i in node.inputs):
                print("  - You have a dot operation that was not optimized to dot22 (which is faster). Make sure the "
                      "inputs are float32 or float64, and are the same for both inputs. Currently they are: %s" %
                      [i.type for i in node.inputs], file=file)
                printed_tip = True
            if op_name == "Dot" and len(set(i.dtype for i in node.inputs)) != 1:
                print("  - You have a dot operation that has different dtype  for inputs (%s). Make sure that the "
                      "inputs have same  dtype." % [i.type for i in node.inputs], file=file)
                printed_tip = True
        if not printed_tip:
            print("  Sorry, no tip for today.", file=file)

    def print_extra(self, file):
        params = [self.message, self.compile_time, self.fct_call_time, self.apply_time, self.apply_cimpl,
                  self.output_size]
        for f in _profiler_printers:
            f(*params, file=file)


def _resolve(profile, name):
    """theano.function's profile argument as a ProfileStats or None (True/None+flag -> new one, str -> message)."""
    if profile is None:
        profile = config.profile or config.print_global_stats
        if profile is False:
            profile = None
    if profile is True:
        profile = ProfileStats(message=name if name is not None else _function_name_from_stack())
    elif isinstance(profile, str):
        profile = ProfileStats(message=profile)
    return profile or None


class _Compiling(object):
    """Around one engine compilation: profiled executors on, compile time measured."""

    def __init__(self, profile):
        self.profile = profile

    def __enter__(self):
        from theano import _engine as E
        self._executors = E.jtype("function.Executors")
        self._executors.setProfiling(True)
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._executors.setProfiling(False)
        return False

    def attach(self, jfn):
        """After a successful compile: record its times and start reading node times from its executor."""
        global total_graph_opt_time, total_time_linker
        p = self.profile
        dt = time.perf_counter() - self._t0
        before = p.linker_time
        p._attach(jfn)
        linker = p.linker_time - before
        p.compile_time += dt
        # the engine's compile is the graph rewrites plus making the executors: the rest is the optimizer's
        p.optimizer_time += max(dt - linker, 0.0)
        total_graph_opt_time += max(dt - linker, 0.0)
        total_time_linker += linker


def compiling(profile):
    return _Compiling(profile)
