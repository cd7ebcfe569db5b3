"""Every tutorial program in tutorials/ runs unchanged and prints what its document shows.

A program runs inside this GraalPy process (runpy, with its own argv, folder on sys.path and cwd),
which costs milliseconds instead of a launcher start. A program with a NAME.flags file beside it
(THEANO_FLAGS that must be set before `import theano`) runs as its own launcher process.
"""
import contextlib
import io
import os
import runpy
import sys

import pytest

from conftest import ROOT
from output_compare import first_difference

TUTORIALS = os.path.join(ROOT, "tutorials")


def tutorial_programs():
    found = []
    for folder, _, files in sorted(os.walk(TUTORIALS)):
        for name in sorted(files):
            if name.endswith(".py") and os.path.exists(os.path.join(folder, name[:-3] + ".expected")):
                found.append(os.path.relpath(os.path.join(folder, name), TUTORIALS))
    return found


def run_in_process(script):
    folder = os.path.dirname(script)
    saved = sys.argv[:], sys.path[:], os.getcwd()
    out = io.StringIO()
    try:
        sys.argv = [script]
        sys.path.insert(0, folder)
        os.chdir(folder)
        with contextlib.redirect_stdout(out):
            runpy.run_path(script, run_name="__main__")
    finally:
        sys.argv, sys.path[:], cwd = saved[0], saved[1], saved[2]
        os.chdir(cwd)
    return out.getvalue()


@pytest.mark.parametrize("program", tutorial_programs())
def test_tutorial_prints_documented_output(program, theano_jvm):
    script = os.path.join(TUTORIALS, program)
    with open(script[:-3] + ".expected") as f:
        expected = f.read()
    flags_file = script[:-3] + ".flags"
    if os.path.exists(flags_file):
        with open(flags_file) as f:
            flags = f.read().strip()
        run = theano_jvm(script, cwd=os.path.dirname(script), env={"THEANO_FLAGS": flags})
        assert run.returncode == 0, run
        actual = run.stdout
    else:
        actual = run_in_process(script)
    difference = first_difference(actual, expected)
    assert difference is None, "%s\n--- actual output:\n%s" % (difference, actual)


def test_every_seed_has_tutorials():
    programs = tutorial_programs()
    assert programs, "no tutorial programs found under " + TUTORIALS
