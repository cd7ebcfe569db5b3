"""theano.compile.pfunc: the old Param input specification (deprecated in favour of theano.In)."""
import warnings

from theano.compile.io import In


class Param(In):
    """Param(variable, default=None, name=None, ...): the pre-1.0 spelling of In(variable, value=default)."""

    def __init__(self, variable, default=None, name=None, mutable=False, strict=False, allow_downcast=None,
                 implicit=False, borrow=None):
        warnings.warn("The Param class is deprecated. Replace Param(default=N) by theano.In(value=N)",
                      DeprecationWarning, stacklevel=2)
        super(Param, self).__init__(variable, name=name, value=default, mutable=mutable, strict=strict,
                                    allow_downcast=allow_downcast, implicit=implicit, borrow=borrow)
        self.default = default


def pfunc(params, outputs=None, mode=None, updates=None, givens=None, no_default_updates=False,
          accept_inplace=False, name=None, rebuild_strict=True, allow_input_downcast=None, profile=None,
          output_keys=None):
    from theano.compile.function import function
    return function(params, outputs, mode=mode, updates=updates, givens=givens,
                    no_default_updates=no_default_updates, accept_inplace=accept_inplace, name=name,
                    rebuild_strict=rebuild_strict, allow_input_downcast=allow_input_downcast, profile=profile)
