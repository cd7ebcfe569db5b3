"""theano.compile.function: theano.function."""
from theano.compile.function_module import function_impl


def function(inputs, outputs=None, mode=None, updates=None, givens=None, no_default_updates=False,
             accept_inplace=False, name=None, rebuild_strict=True, allow_input_downcast=None, profile=None,
             on_unused_input=None):
    """Compiles a callable computing `outputs` from `inputs`.

    inputs: list of Variables or theano.In; outputs: a Variable, a list, or a dict of Variables;
    updates: (shared, new value) pairs as a list, dict or OrderedDict; givens: (variable, replacement)
    pairs; allow_input_downcast and on_unused_input as in Theano. The result returns NumPy arrays.
    """
    return function_impl(inputs, outputs, mode=mode, updates=updates, givens=givens,
                         no_default_updates=no_default_updates, accept_inplace=accept_inplace, name=name,
                         rebuild_strict=rebuild_strict, allow_input_downcast=allow_input_downcast,
                         profile=profile, on_unused_input=on_unused_input)
