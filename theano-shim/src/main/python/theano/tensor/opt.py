"""theano.tensor.opt: registering user local optimizers in the standard phases (Theano 1.0's
register_canonicalize and friends). See theano.gof.opt for how they reach the engine."""
from theano.gof.opt import register_local


def _registrar(phase):
    def register(lopt, *tags, **kwargs):
        if isinstance(lopt, str):  # used as @register_xxx('tag', name=...)
            def decorator(inner):
                return register(inner, lopt, *tags, **kwargs)
            return decorator
        name = kwargs.pop("name", None) or getattr(lopt, "__name__", None)
        return register_local(lopt, phase, name=name, tags=tags)
    register.__name__ = "register_" + phase
    register.__doc__ = "Adds a local optimizer to the %s phase (tagged fast_run + tags); returns it." % phase
    return register


register_canonicalize = _registrar("canonicalize")
register_stabilize = _registrar("stabilize")
register_specialize = _registrar("specialize")
register_useless = _registrar("canonicalize")  # Theano runs 'useless' inside canonicalize
register_uncanonicalize = _registrar("specialize")
register_specialize_device = _registrar("specialize")
