"""theano.scan: Theano 1.0's calling convention over the engine's ScanBuilder.

The work is split as the engine's builder wants it:
  1. normalise sequences / outputs_info / non_sequences as Theano does (dicts with taps, None for an
     output that is not fed back) and declare them on an org.theanojvm.engine.scan.ScanBuilder;
  2. call the user's step function once, on the builder's placeholders, in Theano's argument order
     (sequence slices tap by tap, previous outputs tap by tap, then the non-sequences themselves);
  3. parse what it returned (outputs, updates, until, in Theano's accepted orders), add the default
     updates of shared variables the step uses (random streams inside a step advance per step, as
     Theano's scan collects them through its dummy function), and build the Scan node.
Free variables of the step (closures), shared variables it reads and the updates it returns are
turned into inner inputs and recurrent states by the engine.
"""
import logging
from collections import OrderedDict

import numpy

from theano import _engine as E
from theano.gof.graph import Variable
from theano.updates import OrderedUpdates

_logger = logging.getLogger("theano.scan_module.scan")

ScanBuilder = E.jtype("scan.ScanBuilder")


def wrap_into_list(x):
    """None -> [], a tuple -> a list, anything else that is not a list -> [x]."""
    if x is None:
        return []
    if isinstance(x, tuple):
        return list(x)
    if not isinstance(x, list):
        return [x]
    return x


def _as_tensor(x):
    from theano.tensor.basic import as_tensor_variable
    return x if isinstance(x, Variable) else as_tensor_variable(x)


def _is_nan_inf_or_none(x):
    """Theano's isNaN_or_Inf_or_None: n_steps values that mean "not given"."""
    if x is None:
        return True
    if isinstance(x, Variable):
        from theano.tensor.basic import NotScalarConstantError, get_scalar_constant_value
        try:
            val = get_scalar_constant_value(x)
        except (NotScalarConstantError, TypeError, ValueError):
            return False
    else:
        val = x
    try:
        return bool(numpy.isnan(val) or numpy.isinf(val))
    except TypeError:
        return isinstance(x, str)


def _normalise_sequences(sequences):
    seqs = []
    for s in wrap_into_list(sequences):
        if not isinstance(s, dict):
            seqs.append(OrderedDict([("input", s), ("taps", [0])]))
        else:
            s = OrderedDict(s)
            s["taps"] = [0] if s.get("taps", None) is None else wrap_into_list(s["taps"])
            seqs.append(s)
    return seqs


def _normalise_outputs_info(outputs_info):
    outs = []
    for i, o in enumerate(wrap_into_list(outputs_info)):
        if o is None:
            outs.append(OrderedDict())
            continue
        if isinstance(o, dict) and o.get("return_steps", None) is not None:
            raise ValueError("Using `return_steps` has been deprecated. Simply select the entries you need using a "
                             "subtensor. Scan will optimize memory consumption, so do not worry about that.")
        if not isinstance(o, dict):
            outs.append(OrderedDict([("initial", o), ("taps", [-1])]))
            continue
        o = OrderedDict(o)
        if o.get("initial", None) is None and o.get("taps", None) is not None:
            raise ValueError("If you are using slices of an output you need to provide a initial state for it", o)
        if o.get("initial", None) is not None and o.get("taps", None) is None:
            if "taps" in o:
                _logger.warning("Output %s ( index %d) has a initial state but taps is explicitly set to None ",
                                getattr(o["initial"], "name", "None"), i)
            o["taps"] = [-1]
        elif o.get("taps", None) is not None:
            taps = wrap_into_list(o["taps"])
            if len(taps) > len(set(taps)):
                raise ValueError("All the taps must be different in `outputs_info`", o)
            for t in taps:
                if t >= 0:
                    raise ValueError("All the tap values must be smaller than 0.", o)
            o["taps"] = taps
        outs.append(o)
    return outs


def get_updates_and_outputs(ls):
    """(condition, outputs, updates) from a step's return value, in the forms Theano accepts:
    outputs; updates; (outputs, updates); (outputs, until); (updates, until); (outputs, updates, until)."""
    from theano.scan_module.scan_utils import until

    def is_outputs(elem):
        if isinstance(elem, (list, tuple)) and all(isinstance(x, Variable) for x in elem):
            return True
        return isinstance(elem, Variable)

    def is_updates(elem):
        if isinstance(elem, dict):
            return True
        return isinstance(elem, (list, tuple)) and all(isinstance(x, (list, tuple)) and len(x) == 2 for x in elem)

    def is_condition(elem):
        return isinstance(elem, until)

    def _list(x):
        return list(x) if isinstance(x, (list, tuple)) else [x]

    def _filter(x):
        if isinstance(x, (list, tuple)):
            return all(_filter(y) for y in x)
        if isinstance(x, dict):
            return all(_filter(y) for y in x.items())
        return isinstance(x, (Variable, until))

    if not _filter(ls):
        raise ValueError("The return value of your scan lambda expression may only be made of lists, tuples, or "
                         "dictionaries containing Theano variables (or `theano.scan_module.until` objects for "
                         "conditions). In particular if you need to use constant values, you can use "
                         "`tensor.constant` to turn them into Theano variables.")
    if is_outputs(ls):
        return None, _list(ls), OrderedDict()
    if is_updates(ls):
        return None, [], OrderedDict(ls)
    error_msg = "Scan cannot parse the return value of your lambda expression, which is: %s" % (ls,)
    if not isinstance(ls, (list, tuple)):
        raise ValueError(error_msg)
    ls = list(ls)
    deprecation_msg = ("The return value of the lambda function has been restricted. you have to always return first "
                       "the outputs (if any), afterwards the updates (if any) and at the end the conclusion")
    if len(ls) == 2:
        if is_outputs(ls[0]):
            if is_updates(ls[1]):
                return None, _list(ls[0]), OrderedDict(ls[1])
            if is_condition(ls[1]):
                return ls[1].condition, _list(ls[0]), OrderedDict()
            raise ValueError(error_msg)
        if is_updates(ls[0]):
            if is_outputs(ls[1]):
                raise ValueError(deprecation_msg)
            if is_condition(ls[1]):
                return ls[1].condition, [], OrderedDict(ls[0])
        raise ValueError(error_msg)
    if len(ls) == 3 and is_outputs(ls[0]) and is_updates(ls[1]) and is_condition(ls[2]):
        return ls[2].condition, _list(ls[0]), OrderedDict(ls[1])
    raise ValueError(error_msg)


def _default_updates(variables, explicit):
    """(shared, default_update) for the shared variables the step's graph reads that have a default
    update and no explicit one (Theano's scan finds them through the default updates of its dummy
    function): e.g. random streams used inside the step."""
    from theano.compile.sharedvalue import SharedVariable
    from theano.gof.graph import inputs as graph_inputs
    found = []
    seen = set(id(k) for k in explicit)
    frontier = list(variables)
    while frontier:
        added = []
        for leaf in graph_inputs(frontier):
            if isinstance(leaf, SharedVariable) and id(leaf) not in seen:
                seen.add(id(leaf))
                upd = leaf.default_update
                if upd is not None:
                    found.append((leaf, upd))
                    added.append(upd)
        frontier = added  # a default update may itself read shared variables with default updates
    return found


def scan(fn, sequences=None, outputs_info=None, non_sequences=None, n_steps=None, truncate_gradient=-1,
         go_backwards=False, mode=None, name=None, profile=False, allow_gc=None, strict=False, return_list=False):
    """Loops fn over the sequences (Theano 1.0's theano.scan). Returns (outputs, updates): the outputs
    stacked along a leading time axis (a single output is not wrapped in a list unless
    return_list=True; None when there is none) and an OrderedUpdates holding the final value of every
    shared variable the step updates."""
    seqs = _normalise_sequences(sequences)
    outs_info = _normalise_outputs_info(outputs_info)
    non_seqs = [_as_tensor(x) for x in wrap_into_list(non_sequences)]

    if hasattr(n_steps, "dtype") and str(n_steps.dtype)[:3] not in ("uin", "int"):
        raise ValueError(" n_steps must be an int. dtype provided is %s" % n_steps.dtype)
    if _is_nan_inf_or_none(n_steps):
        n_steps = None

    b = ScanBuilder(name)
    b.setGoBackwards(bool(go_backwards))
    b.setTruncateGradient(int(truncate_gradient))
    b.setStrict(bool(strict))
    with E.errors():
        for s in seqs:
            b.addSequence(_as_tensor(s["input"])._v, E.jint_array(s["taps"]))
        for o in outs_info:
            taps = o.get("taps", None)
            if o.get("initial", None) is None or not taps:
                b.addMapOutput()
            else:
                b.addOutput(_as_tensor(o["initial"])._v, E.jint_array(taps))
        for v in non_seqs:
            b.addNonSequence(v._v)
        if n_steps is not None:
            b.setNSteps(E.to_engine(n_steps))
        args = E.wrap_list(b.stepArguments())

    condition, outputs, updates = get_updates_and_outputs(fn(*args))

    from theano.compile.sharedvalue import SharedVariable
    pairs = []
    for k, v in updates.items():
        if not isinstance(k, SharedVariable):
            raise TypeError("scan: the updates of the step function must have shared variables as keys, got %s" % (k,))
        pairs.append((k, _as_tensor(v)))
    inner = list(outputs) + ([condition] if condition is not None else []) + [v for _, v in pairs]
    pairs += _default_updates(inner, [k for k, _ in pairs])

    with E.errors():
        jpairs = E.jlist([E.jvariable_pair(k._v, v._v) for k, v in pairs])
        result = b.build(E.jlist([o._v for o in outputs]), None if condition is None else condition._v, jpairs)
        scan_outs = E.wrap_list(result.outputs())
        update_map = OrderedUpdates()
        for pair in result.updates():
            update_map[E.wrap(pair[0])] = E.wrap(pair[1])

    if not return_list and len(scan_outs) == 1:
        return scan_outs[0], update_map
    if len(scan_outs) == 0:
        return None, update_map
    return scan_outs, update_map
