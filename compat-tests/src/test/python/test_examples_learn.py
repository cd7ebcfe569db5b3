"""The example models whose training draws random numbers inside the graph (MRG or RandomStreams
corruption, Gibbs sampling in a scan) or runs long recurrences have no stored .expected: they must
learn. Each runs in this process on the default executor and prints one cost per epoch; the cost must
fall well below where it started, and the same program under mode=FAST_COMPILE (the reference
executor, no rewrites) must print the same costs, since both executors draw the same random numbers.
"""
import functools
import math
import os
import re

import pytest

from test_tutorials import TUTORIALS, run_in_process

COST = re.compile(r"cost (-?[0-9.]+|nan|inf)")

# program -> the largest allowed ratio last epoch's cost / first epoch's cost
LEARNS = {
    "denoising_autoencoder.py": 0.75,
    "rbm.py": 0.85,
    "gru.py": 0.6,
    "lstm.py": 0.7,
}


@functools.lru_cache(maxsize=None)  # each program runs once per executor
def costs_printed_by(program, mode=None):
    import theano
    script = os.path.join(TUTORIALS, "examples", program)
    if mode is None:
        out = run_in_process(script)
    else:
        with theano.config.change_flags(mode=mode):
            out = run_in_process(script)
    costs = [float(c) for c in COST.findall(out)]
    assert costs, "no cost printed:\n" + out
    return costs, out


@pytest.mark.parametrize("program", sorted(LEARNS))
def test_example_cost_falls(program):
    costs, out = costs_printed_by(program)
    assert all(math.isfinite(c) for c in costs), out
    assert costs[-1] < LEARNS[program] * costs[0], out


@pytest.mark.parametrize("program", sorted(LEARNS))
def test_example_agrees_with_the_reference_executor(program):
    fast, _ = costs_printed_by(program)
    reference, _ = costs_printed_by(program, mode="FAST_COMPILE")
    # float64 throughout; rewrites reorder sums, so allow rounding in the printed 4th decimal
    assert len(fast) == len(reference)
    for a, b in zip(fast, reference):
        assert abs(a - b) <= 2e-4 + 1e-3 * abs(b), (fast, reference)
