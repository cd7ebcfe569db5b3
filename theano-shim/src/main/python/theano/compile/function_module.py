"""theano.compile.function_module: compiled functions (Function) and the errors of compilation.

A Function holds an engine Function (org.theanojvm.engine.function.Function). A call converts each
argument once (positional NumPy arrays by one copy into the function's reusable native buffers,
marshal.ArgumentStaging; other arrays by one block copy; other values through numpy.asarray into a Literal so
the engine applies Theano's filter rules and messages), runs the engine, and converts outputs back to
NumPy arrays (0-d arrays for scalars). The engine computes every output and update before storing
any update, so a failing call changes no shared variable.
"""
import collections
import copy
import warnings

import numpy

from theano import _engine as E
from theano.gof.graph import Variable

JFunction = E.jtype("function.Function")
JIn = E.jtype("function.In")
JExecutors = E.jtype("function.Executors")


class UnusedInputError(Exception):
    """A symbolic input passed to function is not needed."""


class AliasedMemoryError(Exception):
    """Memory is aliased that should not be."""


class Function(object):
    """A compiled Theano function: call it with values for its inputs (positional or by input name)."""

    def __init__(self, jfn, output_kind, output_keys, inputs, outputs, name):
        self._f = jfn
        self._output_kind = output_kind   # "single", "list" or "dict"
        self._output_keys = output_keys
        self.name = name
        self.trust_input = False
        self.maker = _Maker(inputs, outputs, jfn)
        self.input_storage = None
        self.profile = None
        self._staging = E.marshal.ArgumentStaging()

    def _argument_value(self, i, a):
        """A positional argument that is not an ndarray, converted in Python (text, lists): a failure
        gets Theano's "Bad input argument ... at index i" lead-in as the engine's own filter errors do."""
        try:
            target = self.maker.inputs[i] if i < len(self.maker.inputs) else None
            return E.to_call_value(a, getattr(getattr(target, "variable", target), "dtype", None))
        except (TypeError, ValueError) as e:
            if len(e.args) == 1:
                e.args = (str(self._f.badInputPrefix(i)) + str(e.args[0]),)
            raise

    def __call__(self, *args, **kwargs):
        if self.profile is not None:  # profile=True: theano.compile.profiling times the whole call
            return self.profile._call(self._run, args, kwargs)
        return self._run(*args, **kwargs)

    def _run(self, *args, **kwargs):
        output_subset = kwargs.pop("output_subset", None)
        if self._shared_backed:
            args, kwargs = self._store_shared_backed(args, kwargs)
        staging = self._staging
        if staging.busy:
            staging = None  # a call from inside this function's own call: no shared buffers
        else:
            staging.busy = True
        try:
            with E.errors():  # the engine's errors, converting arguments included, as Python exceptions
                jargs = E.ArrayList()
                for i, a in enumerate(args):
                    # positional ndarrays go through the function's reusable buffers (marshal.ArgumentStaging)
                    if staging is not None and type(a) is numpy.ndarray:
                        jargs.add(staging.to_ndarray(i, a))
                    else:
                        jargs.add(self._argument_value(i, a))
                jkw = E.HashMap()
                for k, v in kwargs.items():
                    jkw.put(k, E.to_call_value(v))
                # callTransient: the results may be the executor's own buffers, valid until the next call;
                # to_numpy copies each into a new NumPy array at once, so the engine need not copy them first
                results = self._f.callTransient(jargs, jkw)
            outs = [E.to_numpy(r) for r in results]
        finally:
            if staging is not None:
                staging.busy = False
        if output_subset is not None:
            outs = [outs[i] for i in output_subset]
        if self._output_kind == "single":
            return outs[0]
        if self._output_kind == "dict":
            return dict(zip(self._output_keys, outs))
        return outs

    _shared_backed = ()

    def _store_shared_backed(self, args, kwargs):
        """Arguments given for In(..., value=<shared>) inputs go into their shared variables (the
        storage those inputs share, as in Theano); the engine call then takes the others."""
        args = list(args)
        for position, name, shared_var in reversed(self._shared_backed):
            if position < len(args):
                shared_var.set_value(args.pop(position))
            elif name is not None and name in kwargs:
                shared_var.set_value(kwargs.pop(name))
        return args, kwargs

    def free(self):
        """Theano frees intermediate storage here; the engine keeps none between calls."""

    def copy(self, share_memory=False, swap=None, delete_updates=False, name=None, profile=None):
        """A new function compiled from the same graph (Theano's Function.copy).

        swap maps shared variables of this function to others of the same type that the copy reads and
        updates instead; delete_updates drops the updates (default updates included). share_memory is
        accepted for compatibility: the engine keeps no intermediate storage between calls to share.
        """
        spec = self._spec_now()
        if swap:
            for old, new in swap.items():
                if old.type != new.type:
                    raise TypeError("Function.copy: cannot swap %s (%s) for %s (%s): the types differ"
                                    % (old, old.type, new, new.type))
            spec["givens"] = list(spec["givens"]) + list(swap.items())
            spec["updates"] = [(swap.get(k, k), v) for k, v in spec["updates"]]
        if delete_updates:
            spec["updates"] = []
            spec["no_default_updates"] = True
            spec["on_unused_input"] = "ignore"  # an input read only by the updates stays an input
        if name is not None:
            spec["name"] = name
        spec["profile"] = profile
        return function_impl(**spec)

    def __copy__(self):
        return self.copy()

    def _spec_now(self):
        """The arguments this function was compiled from, with the inputs' current default values."""
        spec = dict(self._spec)
        inputs = []
        from theano.compile.io import In
        for k, i in enumerate(spec["inputs"]):
            if isinstance(i, In) and i.value is not None and not isinstance(i.value, Variable):
                with E.errors():
                    state = self._f.inputState(k)
                if state is not None:
                    i = copy.copy(i)
                    i.value = E.to_numpy(state)
            inputs.append(i)
        spec["inputs"] = inputs
        return spec

    def __reduce__(self):
        """Pickled as Theano pickles functions: the graph and how it was compiled, compiled again on load
        (shared variables come back with their values; pickled with the model, they stay shared)."""
        spec = self._spec_now()
        spec["profile"] = None
        return (_function_from_spec, (spec,))

    def _input_slot(self, item):
        """Where f[item] lives: ('engine', index) for an input of the engine function, ('shared', var)
        for an In(..., value=<shared>) input; item is an input's name, its variable or its position
        in the inputs as given to theano.function."""
        from theano.compile.io import SymbolicInput
        backed = {position: shared_var for position, _, shared_var in self._shared_backed}
        engine_index = 0
        for position, i in enumerate(self._spec["inputs"]):
            var = i.variable if isinstance(i, SymbolicInput) else i
            name = i.name if isinstance(i, SymbolicInput) else var.name
            if (isinstance(item, str) and item == name) or item is var or (type(item) is int and item == position):
                return ("shared", backed[position]) if position in backed else ("engine", engine_index)
            if position not in backed:
                engine_index += 1
        raise TypeError("Unknown input or state: %s" % (item,))

    def __getitem__(self, item):
        """The current value of an input's default or state (Theano's f[name]); None when it has none."""
        kind, where = self._input_slot(item)
        if kind == "shared":
            return where.get_value()
        with E.errors():
            state = self._f.inputState(where)
        return None if state is None else E.to_numpy(state)

    def __setitem__(self, item, value):
        """Replaces an input's default or state (Theano's f[name] = value), with the input's type rules."""
        kind, where = self._input_slot(item)
        if kind == "shared":
            where.set_value(value)
            return
        with E.errors():
            self._f.setInputState(where, E.to_call_value(value))

    def __contains__(self, item):
        try:
            self._input_slot(item)
            return True
        except TypeError:
            return False


class _Maker(object):
    """What Theano keeps in Function.maker: the inputs and outputs it was compiled from."""

    def __init__(self, inputs, outputs, jfn):
        self.inputs = inputs
        self.outputs = outputs
        self._jfn = jfn

    @property
    def fgraph(self):
        return _FunctionGraphView(self._jfn.fgraph())


class _FunctionGraphView(object):
    """Read-only view of the compiled graph (inputs, outputs, toposort) for printing and inspection."""

    def __init__(self, jfg):
        self._fg = jfg

    @property
    def inputs(self):
        return E.wrap_list(self._fg.inputs())

    @property
    def outputs(self):
        return E.wrap_list(self._fg.outputs())

    def toposort(self):
        from theano.gof.graph import Apply
        return [Apply._wrap(a) for a in self._fg.toposort()]

    @property
    def apply_nodes(self):
        return set(self.toposort())


def _pairs(spec, what):
    """updates/givens as a list of pairs: from a dict or OrderedDict, or any iterable of pairs as Theano
    1.0 takes them (a list, `zip(params, new_values)`, a generator, `some_dict.items()` as Keras
    passes), or one (variable, value) pair."""
    if spec is None:
        return []
    if isinstance(spec, dict):
        return list(spec.items())
    if isinstance(spec, Variable):
        raise TypeError("%s must be a dict or a list of pairs, got %r" % (what, spec))
    try:
        items = list(spec)
    except TypeError:
        raise TypeError("%s must be a dict or a list of pairs, got %r" % (what, spec))
    if len(items) == 2 and isinstance(items[0], Variable):
        return [tuple(items)]  # a single (variable, value) pair
    return [tuple(p) for p in items]


def _engine_input(i):
    from theano.compile.io import In, SymbolicInput
    if isinstance(i, SymbolicInput):
        if not isinstance(i.variable, Variable):
            raise TypeError("Unknown parameter type: %s" % type(i.variable))
        jin = JIn.of(i.variable._v).withName(i.name)
        value = getattr(i, "value", None)
        if value is not None:
            jin = jin.withValue(E.to_call_value(value))
        if i.update is not None:
            jin = jin.withUpdate(i.update._v)
        jin = jin.withStrict(bool(i.strict)).withAllowDowncast(i.allow_downcast).withBorrow(bool(getattr(i, "borrow", False)))
        return jin, i.variable
    if isinstance(i, Variable):
        return JIn.of(i._v), i
    raise TypeError("Unknown parameter type: %s" % type(i))


def _split_shared_backed(inputs):
    """The inputs without the In(..., value=<shared variable>) ones, and what replaces those: their
    (original position, name, shared variable), givens and updates."""
    from theano.compile.io import SymbolicInput
    from theano.compile.sharedvalue import SharedVariable
    kept, backed, givens, updates = [], [], [], []
    for position, i in enumerate(inputs):
        value = getattr(i, "value", None) if isinstance(i, SymbolicInput) else None
        if isinstance(value, SharedVariable):
            if i.variable.type != value.type:
                raise TypeError("In(%s, value=%s): the shared variable's type %s is not the input's %s"
                                % (i.variable, value, value.type, i.variable.type))
            backed.append((position, i.name, value))
            givens.append((i.variable, value))
            if i.update is not None:
                updates.append((value, i.update))
        else:
            kept.append(i)
    return kept, backed, givens, updates


def _constructor_Function(maker, input_storage, inputs_data, trust_input=False):
    """What Theano 1.0.5's pickles of compiled functions call: the function recompiled (theano._pickle105)."""
    from theano._pickle105.function import constructor_function
    return constructor_function(maker, input_storage, inputs_data, trust_input)


def orig_function(inputs, outputs, mode=None, accept_inplace=False, name=None, profile=None,
                  on_unused_input=None, output_keys=None):
    return function_impl(inputs, outputs, mode=mode, name=name, on_unused_input=on_unused_input)


def function_impl(inputs, outputs=None, mode=None, updates=None, givens=None, no_default_updates=False,
                  accept_inplace=False, name=None, rebuild_strict=True, allow_input_downcast=None, profile=None,
                  on_unused_input=None):
    from theano.compile.io import SymbolicOutput
    from theano.compile.mode import get_mode
    from theano.compile.sharedvalue import SharedVariable, shared

    if not isinstance(inputs, (list, tuple)):
        raise Exception("Input variables of a Theano function should be contained in a list, even when there is "
                        "a single input.")
    mode = get_mode(mode)

    # ---- outputs: a variable, a list/tuple, or a dict (results come back in the same shape)
    output_keys = None
    if outputs is None:
        kind, outs = "list", []
    elif isinstance(outputs, dict):
        items = sorted(outputs.items())
        for k, _ in items:
            if not isinstance(k, str):
                raise AssertionError("The keys of a dict of outputs must be strings")
        output_keys = [k for k, _ in items]
        kind, outs = "dict", [v for _, v in items]
    elif isinstance(outputs, (list, tuple)):
        kind, outs = "list", list(outputs)
    else:
        kind, outs = "single", [outputs]
    out_vars = []
    for o in outs:
        if isinstance(o, SymbolicOutput):
            o = o.variable
        if not isinstance(o, Variable):
            from theano.tensor.basic import as_tensor_variable
            o = as_tensor_variable(o)
        out_vars.append(o)

    # ---- inputs; an In whose value is a shared variable shares that variable's storage, as in Theano
    # (its container): the input is compiled as the shared variable itself (a given), its update as
    # the shared variable's update, and a value passed for it at call time is stored there first
    engine_inputs, shared_backed, backed_givens, backed_updates = _split_shared_backed(inputs)
    jins = E.ArrayList()
    in_vars = []
    for i in engine_inputs:
        jin, var = _engine_input(i)
        jins.add(jin)
        in_vars.append(var)

    # ---- updates
    if updates is None:
        updates = []
    if isinstance(updates, dict) and not isinstance(updates, collections.OrderedDict) and len(updates) > 1:
        warnings.warn("The parameter 'updates' of theano.function() expects an OrderedDict, got " + str(type(updates)) +
                      ". Using a standard dictionary here results in non-deterministic behavior. You should use an "
                      "OrderedDict if you are using Python 2.7 (theano.compat.OrderedDict for older python), or use "
                      "a list of (shared, update) pairs. Do not just convert your dictionary to this type before the "
                      "call as the conversion will still be non-deterministic.", stacklevel=3)
    jupdates = E.ArrayList()
    for pair in _pairs(updates, "updates") + backed_updates:
        if len(pair) != 2:
            raise ValueError("updates must be (shared variable, new value) pairs, got %r" % (pair,))
        store_into, update_val = pair
        if not isinstance(store_into, Variable):
            raise TypeError("update target must be a SharedVariable", store_into)
        if not isinstance(update_val, Variable):
            update_val = store_into.type.filter_variable(update_val)
        jupdates.add(E.jvariable_pair(store_into._v, update_val._v))

    # ---- givens
    jgivens = E.ArrayList()
    for pair in _pairs(givens, "givens") + backed_givens:
        v_orig, v_repl = pair
        if not isinstance(v_orig, Variable):
            raise TypeError("given keys must be Variable", v_orig)
        if not isinstance(v_repl, Variable):
            v_repl = shared(v_repl)
        jgivens.add(E.jvariable_pair(v_orig._v, v_repl._v))

    # ---- no_default_updates: hide default updates of the shared variables concerned while compiling
    hidden = []
    if no_default_updates:
        from theano.gof.graph import inputs as graph_inputs
        candidates = graph_inputs(out_vars + [u for _, u in _pairs(updates, "updates") if isinstance(u, Variable)])
        if isinstance(no_default_updates, (list, tuple)):
            candidates = [c for c in candidates if any(c is n for n in no_default_updates)]
        for c in candidates:
            if isinstance(c, SharedVariable) and c._v.defaultUpdate() is not None:
                hidden.append((c, c._v.defaultUpdate()))
                c._v.setDefaultUpdate(None)
    from theano.compile import profiling
    profile = profiling._resolve(profile, name)
    observer = mode._node_observer()
    try:
        if observer is not None:
            JExecutors.setObserver(observer)
        with E.errors(), (profiling.compiling(profile) if profile is not None else _no_profiling) as compiling:
            jfn = JFunction.compile(jins, E.jlist([o._v for o in out_vars]), jupdates, jgivens,
                                    allow_input_downcast, on_unused_input, name,
                                    mode._rewrite_config(), mode._engine_linker())
    finally:
        if observer is not None:
            JExecutors.setObserver(None)
        for c, u in hidden:
            c._v.setDefaultUpdate(u)
    fn = Function(jfn, kind, output_keys, in_vars, out_vars, name)
    fn._shared_backed = shared_backed
    fn._spec = dict(inputs=list(inputs), outputs=outputs, mode=mode, updates=_pairs(updates, "updates"),
                    givens=_pairs(givens, "givens"), no_default_updates=no_default_updates, name=name,
                    allow_input_downcast=allow_input_downcast, on_unused_input=on_unused_input)
    if profile is not None:
        compiling.attach(jfn)
        fn.profile = profile
    return fn


def _function_from_spec(spec):
    """Unpickling a Function: compile it again (theano.function's arguments as pickled)."""
    return function_impl(**spec)


class _NoProfiling(object):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_no_profiling = _NoProfiling()
