"""MRG_RandomStreams draws exactly what Theano 1.0.5 draws: samples produced by Theano 1.0.5 itself
(theano-shim/src/test/fixtures/make_theano105_mrg_samples.py wrote the fixture), compared bit for bit."""
import json
import os

import numpy as np
import pytest

import theano
from theano.sandbox.rng_mrg import MRG_RandomStreams

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "mrg_samples_theano105.json")

with open(FIXTURE) as f:
    SAMPLES = json.load(f)


def test_the_fixture_comes_from_theano_1_0_5():
    assert SAMPLES["theano"] == "1.0.5" and len(SAMPLES["cases"]) >= 10


@pytest.mark.parametrize("case", SAMPLES["cases"], ids=[c["name"] for c in SAMPLES["cases"]])
def test_same_samples_bit_for_bit_as_theano_1_0_5(case):
    rng = MRG_RandomStreams(seed=case["seed"])
    kwargs = dict(case["kwargs"])
    if "size" in kwargs:
        kwargs["size"] = tuple(kwargs["size"])
    if "pvals" in kwargs:
        kwargs["pvals"] = np.asarray(kwargs["pvals"], dtype="float64")
    f = theano.function([], getattr(rng, case["method"])(**kwargs))
    for k, expected in enumerate(case["draws"]):
        got = f()
        assert str(got.dtype) == case["dtype"] and list(got.shape) == case["shape"]
        want = np.asarray(expected, dtype=case["dtype"]).reshape(case["shape"])
        if case["ulps"]:  # see ULPS in the fixture's script: Theano's C compiler decides the last bit
            scale = np.abs(want).max()
            np.testing.assert_allclose(got, want, rtol=0, atol=case["ulps"] * np.spacing(scale))
        else:  # bit for bit: the same float32/float64 values, not merely close ones
            assert got.tobytes() == want.tobytes(), "draw %d\n%r\n%r" % (k, got, want)
