"""theano.scan_module.scan_utils: helpers of scan that users import (until; clone is theano.clone)."""
from theano.tensor.basic import as_tensor_variable


class until(object):
    """Returned by a scan step (after its outputs and updates) to stop the loop after the first step
    whose condition is true: scan becomes a do-while loop."""

    def __init__(self, condition):
        self.condition = as_tensor_variable(condition)
        assert self.condition.ndim == 0


def clone(output, replace=None, strict=True, share_inputs=True, copy_inputs=None):
    import theano
    return theano.clone(output, replace=replace, strict=strict, share_inputs=share_inputs, copy_inputs=copy_inputs)
