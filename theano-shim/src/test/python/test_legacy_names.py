"""Names Python 3.10 removed that Theano-era code imports (theano_jvm.legacy_names, applied at start-up
by the venv's .pth): `from collections import Iterable` as Keras 2.3.1 does, with Python 3.9's warning."""
import collections
import collections.abc
import subprocess
import sys
import warnings

import pytest


@pytest.mark.parametrize("name", sorted(collections.abc.__all__))
def test_every_collections_abc_name_resolves_to_the_abc_itself_with_python39s_warning(name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = getattr(collections, name)
    assert value is getattr(collections.abc, name)
    assert [w.category for w in caught] == [DeprecationWarning]
    assert "from 'collections.abc' is deprecated" in str(caught[0].message)


def test_other_names_stay_missing():
    assert not hasattr(collections, "NoSuchName")
    with pytest.raises(ImportError, match="cannot import name 'NoSuchName'"):
        exec("from collections import NoSuchName", {})
    assert "Iterable" not in dir(collections)


def test_a_fresh_script_gets_them_without_importing_theano():
    # the .pth applies them before any user code, so import order in the user's program does not matter
    out = subprocess.run([sys.executable, "-c", "from collections import Iterable, Mapping; "
                          "print(isinstance({}, Mapping) and isinstance([], Iterable))"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
