"""theano.scan_checkpoints: a scan that keeps only every save_every_N-th state for the gradient.

It is a scan of scans, as Theano 1.0 builds it: the sequences are cut into blocks of save_every_N
steps (the last block shorter, or padded with zeros when padding=True), an outer scan runs one inner
scan per block and keeps only the inner scan's last state. Backpropagation then stores the states at
block boundaries and recomputes each block's steps, trading time for memory.

Theano's restrictions hold: every sequence has n_steps entries, outputs are singly recurrent (taps
[-1]) or not recurrent, and the result holds the state at the end of each block: use result[-1].
"""
from theano import tensor
from theano.scan_module.scan import scan


def scan_checkpoints(fn, sequences=[], outputs_info=None, non_sequences=[], name="checkpointscan_fn",
                     n_steps=None, save_every_N=10, padding=True):
    if not isinstance(sequences, (list, tuple)):
        sequences = [sequences]
    if not isinstance(non_sequences, (list, tuple)):
        non_sequences = [non_sequences]
    if outputs_info is None:
        outputs_info = []
    elif not isinstance(outputs_info, (list, tuple)):
        outputs_info = [outputs_info]
    sequences = [tensor.as_tensor_variable(s) for s in sequences]
    if n_steps is None:
        if not sequences:
            raise ValueError("scan_checkpoints needs sequences or n_steps")
        n_steps = sequences[0].shape[0]
    n_steps = tensor.as_tensor_variable(n_steps)
    n_blocks = (n_steps + save_every_N - 1) // save_every_N
    # steps per block: save_every_N, except the last block, which takes what is left
    block_steps = tensor.switch(tensor.eq(tensor.arange(n_blocks), n_blocks - 1),
                                n_steps - save_every_N * (n_blocks - 1), save_every_N)
    blocked = []
    for s in sequences:
        rest = [s.shape[k] for k in range(1, s.ndim)]
        if padding:
            extra = n_blocks * save_every_N - n_steps
            s = tensor.join(0, s, tensor.alloc(tensor.constant(0, dtype=s.dtype), extra, *rest))
        blocked.append(s.reshape([n_blocks, save_every_N] + rest, ndim=s.ndim + 1))

    n_seqs, n_outs = len(blocked), len(outputs_info)

    def outer_step(*args):
        block_sequences = list(args[:n_seqs])
        steps = args[n_seqs]
        previous = list(args[n_seqs + 1:n_seqs + 1 + sum(o is not None for o in outputs_info)])
        inner_non_sequences = list(args[n_seqs + 1 + len(previous):])
        inner_outputs_info, it = [], iter(previous)
        for o in outputs_info:
            inner_outputs_info.append(None if o is None else next(it))
        results, updates = scan(fn=fn, sequences=block_sequences, outputs_info=inner_outputs_info,
                                non_sequences=inner_non_sequences, n_steps=steps, name=name + "_inner",
                                return_list=True)
        if updates:
            raise ValueError("scan_checkpoints does not support updates of shared variables in fn")
        return [r[-1] for r in results]

    results, updates = scan(fn=outer_step, sequences=blocked + [block_steps], outputs_info=list(outputs_info),
                            non_sequences=list(non_sequences), name=name + "_outer", n_steps=n_blocks,
                            return_list=True)
    if n_outs == 1 or len(results) == 1:
        results = results[0]
    return results, updates
