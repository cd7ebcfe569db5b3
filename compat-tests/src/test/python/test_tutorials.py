"""Every tutorial program in tutorials/ runs unchanged and prints what its document shows.

A program runs inside this GraalPy process (runpy, with its own argv, folder on sys.path and cwd),
which costs milliseconds instead of a launcher start. A program with a NAME.flags file beside it
(its THEANO_FLAGS) runs under theano.config.change_flags when those flags can change at run time; a Python 2 program or
one with other flags runs as its own launcher process.
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
# Flags a running process can change (theano.config.change_flags) with the same effect as THEANO_FLAGS:
# programs with only these run in this process; any other flag (profile=True reports at exit) needs a
# launcher process of its own. test_floatx.py checks THEANO_FLAGS=floatX=float32 itself in a new process.
RUNTIME_FLAGS = {"floatX"}


def tutorial_programs():
    found = []
    for folder, _, files in sorted(os.walk(TUTORIALS)):
        for name in sorted(files):
            if name.endswith(".py") and os.path.exists(os.path.join(folder, name[:-3] + ".expected")):
                found.append(os.path.relpath(os.path.join(folder, name), TUTORIALS))
    return found


def compiles_as_python3(script):
    """False for a Python 2 program: only the launcher translates those (theano_jvm.run)."""
    with open(script, "rb") as f:
        try:
            compile(f.read(), script, "exec")
        except SyntaxError:
            return False
    return True


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
    flags = ""
    if os.path.exists(flags_file):
        with open(flags_file) as f:
            flags = f.read().strip()
    overrides = dict(f.split("=", 1) for f in flags.split(",") if f)
    if set(overrides) <= RUNTIME_FLAGS and compiles_as_python3(script):
        import theano
        with theano.config.change_flags(**overrides):
            actual = run_in_process(script)
    else:
        run = theano_jvm(script, cwd=os.path.dirname(script), env={"THEANO_FLAGS": flags})
        assert run.returncode == 0, run
        actual = run.stdout
    difference = first_difference(actual, expected)
    assert difference is None, "%s\n--- actual output:\n%s" % (difference, actual)


def test_every_seed_has_tutorials():
    programs = tutorial_programs()
    assert programs, "no tutorial programs found under " + TUTORIALS
