"""Every flag Theano 1.0.5 defines exists in theano.config with Theano's default, and is assignable
with each value Theano allows (theano-shim/src/test/fixtures/config_flags_theano105.json, written by
Theano 1.0.5 itself with make_theano105_config_flags.py)."""
import json
import os

import pytest

import theano

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "config_flags_theano105.json")
with open(FIXTURE) as f:
    FLAGS = json.load(f)["flags"]

# Defaults that depend on the machine or on what Theano 1.0.5 found installed, with why they differ.
MACHINE_DEPENDENT = {
    "base_compiledir": "a path under the user's home (the fixture's run set it)",
    "compiledir": "derived from base_compiledir and the platform",
    "gpuarray.cache_path": "derived from compiledir",
    "cxx": "theano-jvm compiles no C++: '' is Theano's own value for 'no compiler'",
    "optimizer": "Theano 1.0.5 renamed its default 'o4', an alias of 1.0's 'fast_run', which theano-jvm keeps",
}


def lookup(name):
    obj = theano.config
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def test_the_fixture_is_theano_1_0_5_s_whole_list():
    assert len(FLAGS) >= 140


@pytest.mark.parametrize("flag", FLAGS, ids=[f["name"] for f in FLAGS])
def test_flag_exists_with_theano_s_default(flag):
    value = lookup(flag["name"])
    if flag["name"] in MACHINE_DEPENDENT:
        return
    assert str(value) == str(flag["default"]), flag


@pytest.mark.parametrize("flag", [f for f in FLAGS if f["allow_override"] and f["name"] not in ("device", "init_gpu_device")],
                         ids=[f["name"] for f in FLAGS if f["allow_override"] and f["name"] not in ("device", "init_gpu_device")])
def test_flag_is_assignable_with_every_value_theano_allows(flag):
    name = flag["name"]
    section, _, attr = name.rpartition(".")
    holder = lookup(section) if section else theano.config
    old = getattr(holder, attr)
    candidates = flag.get("choices") or [old]
    try:
        for value in candidates:
            if name == "optimizer" and value in ("o1", "o2", "o3", "o4", "unsafe"):
                continue  # Theano 1.0.5 additions, see MACHINE_DEPENDENT
            setattr(holder, attr, value)
            assert str(getattr(holder, attr)) == str(value)
    finally:
        setattr(holder, attr, old)
    assert str(getattr(holder, attr)) == str(old)


def test_flags_fixed_after_import_refuse_assignment():
    with pytest.raises(Exception):
        theano.config.compile.timeout = 5
    with pytest.raises(Exception):
        theano.config.numpy.seterr_divide = "raise"


def test_unknown_flags_raise_attribute_error():
    with pytest.raises(AttributeError):
        theano.config.no_such_flag
    with pytest.raises(AttributeError):
        theano.config.dnn.no_such_flag
    assert getattr(theano.config.gpuarray, "no_such_flag", "default") == "default"


def test_numpy_error_handling_follows_seterr_all_as_theano_sets_it_on_import():
    import numpy
    assert theano.config.numpy.seterr_all == "ignore"
    assert numpy.geterr() == {"divide": "ignore", "over": "ignore", "under": "ignore", "invalid": "ignore"}
