"""bin/theano-jvm runs Python 2 programs unchanged (end to end, each test one launcher process).

The semantics of each construct are checked in-process by test_py2_semantics.py; here: the
launcher's routing, a program of several Python 2 modules, tracebacks into the original files,
--py2, and seed 001's notebook in its original Python 2 form.
"""
import glob
import os
import shutil

import pytest

from conftest import ROOT
from output_compare import first_difference

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "py2_programs")
NOTEBOOK_DIR = os.path.join(ROOT, "tutorials", "seed001_theano_basics", "py2")


def test_python2_program_of_several_modules(theano_jvm, tmp_path):
    program = os.path.join(PROGRAMS, "multi_module")
    main, stats = os.path.join(program, "main.py"), os.path.join(program, "stats.py")
    cache_dir = tmp_path / "cache"
    run = theano_jvm(main, "one", "two", cwd=str(tmp_path), env={"THEANO_JVM_PY2_CACHE": str(cache_dir)})

    assert run.stdout.splitlines() == [
        "argv ['one', 'two']",
        "path0 " + os.path.realpath(program),
        "mean 2",          # 7 / 3 in stats.py, a Python 2 module
        "median 3",        # (2 + 4) / 2
        "area 14 m2 3",    # shapes/area.py: implicit relative `import units`; 7 / 2
        "plain 3",         # plain.py parses as Python 3 too, but is part of a Python 2 program
        "names ['a', 'b']",  # d.keys() is a list with .sort()
    ], run
    # An uncaught exception: Python's traceback, original files and lines, no runner frames.
    assert run.returncode == 1, run
    assert run.stderr.startswith("to stderr\nTraceback (most recent call last):\n"), run
    assert ('File "%s", line 15, in <module>\n    stats.check_positive(-1)\n' % main) in run.stderr
    assert ('File "%s", line 24, in check_positive\n    raise ValueError, "not positive: %%d" %% x\n'
            % stats) in run.stderr
    assert run.stderr.endswith("ValueError: not positive: -1\n"), run
    assert "theano_jvm" not in run.stderr and "<string>" not in run.stderr, run
    # Each module was translated once, into the cache, not next to the sources.
    translations = [name for name in os.listdir(cache_dir) if name.endswith(".py")]
    # main, stats, plain, shapes/__init__, shapes/area, shapes/units
    assert len(translations) == 6, sorted(os.listdir(cache_dir))
    assert not glob.glob(os.path.join(program, "**", "*.code"), recursive=True)


def test_py2_flag_argv_and_exit_status(theano_jvm, tmp_path):
    # Valid Python 3 with a Python 2 meaning: only --py2 says which. Options before it still work.
    script = tmp_path / "divide.py"
    script.write_text("import sys\nprint(7 / 2)\nprint(sys.argv)\nprint(sys.orig_argv[1:])\n"
                      "print(__name__, __file__)\nsys.exit(int(sys.argv[1]))\n")
    run = theano_jvm("-u", "--py2", str(script), "4", env={"THEANO_JVM_PY2_CACHE": str(tmp_path / "c")})
    assert run.returncode == 4, run
    assert run.stdout.splitlines() == [
        "3",
        "['%s', '4']" % script,
        "['-u', '%s', '4']" % script,  # as typed, without the launcher's runner
        "('__main__', '%s')" % script,  # Python 2: print(a, b) prints a tuple
    ], run
    assert run.stderr == "", run


@pytest.mark.skipif(not glob.glob(os.path.join(NOTEBOOK_DIR, "notebook_py2.py*")),
                    reason="tutorials/seed001_theano_basics/py2 is not there")
def test_seed001_notebook_in_its_python2_form(theano_jvm, tmp_path):
    """Seed 001's notebook code, `print foo` and all, prints the values its document shows."""
    pytest.importorskip("numpy")
    pytest.importorskip("theano")
    source = sorted(glob.glob(os.path.join(NOTEBOOK_DIR, "notebook_py2.py*")))[0]
    script = tmp_path / "notebook_py2.py"  # the file as it is, under a name python would run
    shutil.copyfile(source, str(script))
    with open(os.path.join(NOTEBOOK_DIR, "notebook_py2.flags")) as f:
        flags = f.read().strip()
    with open(os.path.join(NOTEBOOK_DIR, "notebook_py2.expected")) as f:
        expected = f.read()
    run = theano_jvm(str(script), cwd=str(tmp_path),
                     env={"THEANO_FLAGS": flags, "THEANO_JVM_PY2_CACHE": str(tmp_path / "cache")})
    assert run.returncode == 0, run
    difference = first_difference(run.stdout, expected)
    assert difference is None, "%s\n--- actual output:\n%s\n--- stderr:\n%s" % (
        difference, run.stdout, run.stderr)
