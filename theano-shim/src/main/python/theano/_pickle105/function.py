"""Compiled functions pickled by Theano 1.0.5: recompiled from what they were made of.

Theano pickles a Function as _constructor_Function(maker, input_storage, inputs_data, trust_input)
(theano.compile.function_module's copyreg entry); the FunctionMaker holds the function's inputs (In
specs: variable, default value, update; shared variables are implicit inputs carrying their updates),
its outputs (SymbolicOutput) and how results are returned, next to the optimized graph, linker and
features that only Theano's own linker can use. Here the function is compiled again, by theano.function,
from the inputs, outputs and updates (graph.py has rebuilt their graph), with the current default
values of the inputs (inputs_data). The mode is the current default: Theano's pickled mode names its
optimizer by a Query object of its own optimizer database. config.unpickle_function=False gives None
for each function, as in Theano.
"""


def constructor_function(maker, input_storage, inputs_data, trust_input=False):
    import theano
    from theano.compile.io import In
    if not theano.config.unpickle_function:
        return None
    m = maker.__dict__
    inputs, updates = [], []
    for spec, data in zip(m["inputs"], inputs_data):
        if spec.implicit:  # a shared variable: theano.function finds it again in the graph; its update goes back
            if spec.update is not None:
                updates.append((spec.variable, spec.update))
            continue
        inputs.append(In(spec.variable, name=spec.name, value=None if spec.value is None else data,
                         update=spec.update, mutable=spec.mutable, strict=spec.strict,
                         allow_downcast=spec.allow_downcast, borrow=spec.borrow))
    outs = [o.variable for o in m["outputs"]]
    if m.get("output_keys"):
        outputs = dict(zip(m["output_keys"], outs))
    elif m.get("unpack_single") and len(outs) == 1:
        outputs = outs[0]
    else:
        outputs = outs
    # on_unused_input: the original compiled, so an unused input was accepted then (possibly by config)
    f = theano.function(inputs, outputs, updates=updates, name=m.get("name"),
                        on_unused_input=m.get("on_unused_input") or "ignore")
    f.trust_input = trust_input
    return f
