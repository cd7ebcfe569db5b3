"""theano.scan_module.scan_views: map, reduce, foldl and foldr, the common loops written as scans."""
from theano.scan_module.scan import scan as _scan


def map(fn, sequences, non_sequences=None, truncate_gradient=-1, go_backwards=False, mode=None, name=None):
    """fn applied to every step of the sequences; no output is fed back (outputs_info=[])."""
    return _scan(fn=fn, sequences=sequences, outputs_info=[], non_sequences=non_sequences,
                             truncate_gradient=truncate_gradient, go_backwards=go_backwards, mode=mode, name=name)


def reduce(fn, sequences, outputs_info, non_sequences=None, go_backwards=False, mode=None, name=None):
    """A scan of which only the last step of each output is returned (with the scan's updates)."""
    rval = _scan(fn=fn, sequences=sequences, outputs_info=outputs_info, non_sequences=non_sequences,
                             go_backwards=go_backwards, truncate_gradient=-1, mode=mode, name=name)
    if isinstance(rval[0], (list, tuple)):
        return [x[-1] for x in rval[0]], rval[1]
    return rval[0][-1], rval[1]


def foldl(fn, sequences, outputs_info, non_sequences=None, mode=None, name=None):
    """reduce from the first step to the last."""
    return reduce(fn=fn, sequences=sequences, outputs_info=outputs_info, non_sequences=non_sequences,
                  go_backwards=False, mode=mode, name=name)


def foldr(fn, sequences, outputs_info, non_sequences=None, mode=None, name=None):
    """reduce from the last step to the first."""
    return reduce(fn=fn, sequences=sequences, outputs_info=outputs_info, non_sequences=non_sequences,
                  go_backwards=True, mode=mode, name=name)
