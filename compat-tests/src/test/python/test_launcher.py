"""bin/theano-jvm behaves like `python`: argv, -c, -m, stdin, exit codes, tracebacks, --version.

Every test starts a real launcher process (several seconds each), so each one checks several facts.
"""
import os
import re
import sys
import textwrap


def test_runs_inside_graalpy_with_numpy_and_theano():
    # This test process itself was started by the launcher (Maven runs pytest through it).
    import numpy
    import theano
    assert sys.implementation.name == "graalpy"
    assert sys.version_info[:2] == (3, 12)
    assert re.fullmatch(r"2\.2\.\d+", numpy.__version__)
    # Real NumPy: a C extension solving a system (3x + y = 9, x + 2y = 8 -> x = 2, y = 3).
    solution = numpy.linalg.solve(numpy.array([[3.0, 1.0], [1.0, 2.0]]), numpy.array([9.0, 8.0]))
    assert solution.tolist() == [2.0, 3.0]
    assert theano.__file__.endswith(os.path.join("theano-shim", "src", "main", "python", "theano", "__init__.py"))


def test_jit_is_on_in_this_process():
    import java
    runtime = java.type("com.oracle.truffle.api.Truffle").getRuntime().getName()
    assert runtime == "GraalVM CE", "the optimizing Truffle runtime is off: " + runtime


def test_script_argv_path_cwd_and_exit_status(theano_jvm, tmp_path):
    helper_dir = tmp_path / "project"
    helper_dir.mkdir()
    (helper_dir / "helper_module.py").write_text("VALUE = 42\n")
    (tmp_path / "data.txt").write_text("from the caller's cwd\n")
    script = helper_dir / "script.py"
    script.write_text(textwrap.dedent("""
        import sys
        import helper_module                      # the script's folder is on sys.path
        print("argv", sys.argv)
        print("value", helper_module.VALUE)
        print("data", open("data.txt").read().strip())  # relative to the caller's cwd
        sys.exit(int(sys.argv[2]))
    """))
    run = theano_jvm(str(script), "first arg", "7", cwd=str(tmp_path))
    assert run.returncode == 7, run
    assert "argv ['%s', 'first arg', '7']" % script in run.stdout, run
    assert "value 42" in run.stdout
    assert "data from the caller's cwd" in run.stdout


def test_uncaught_exception_gives_python_traceback_and_exit_1(theano_jvm, tmp_path):
    script = tmp_path / "fails.py"
    script.write_text("def inner():\n    raise ValueError('bad value here')\n\ninner()\n")
    run = theano_jvm(str(script))
    assert run.returncode == 1, run
    assert "Traceback (most recent call last)" in run.stderr
    assert 'fails.py", line 2, in inner' in run.stderr
    assert "ValueError: bad value here" in run.stderr
    assert "at java." not in run.stderr and "at org.graalvm" not in run.stderr, "Java stack trace leaked"


def test_uncaught_java_exception_gives_its_class_and_message_and_exit_1(theano_jvm, tmp_path):
    # a polyglot.ForeignException is not a Python Exception and has no Python traceback
    script = tmp_path / "java_fails.py"
    script.write_text("import java\nprint('before')\njava.type('java.util.ArrayList')().get(5)\n")
    run = theano_jvm(str(script))
    assert run.returncode == 1, run
    assert run.stdout == "before\n", run
    assert "java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 0" in run.stderr, run
    assert "AttributeError" not in run.stderr and "\tat " not in run.stderr, run


def test_dash_c_dash_m_and_stdin(theano_jvm, tmp_path):
    code = "import sys; print(sys.argv[1:]); print(input().upper()); sys.exit(3)"
    run = theano_jvm("-c", code, "a", "b", stdin="hello stdin\n")
    assert run.returncode == 3, run
    assert run.stdout.splitlines() == ["['a', 'b']", "HELLO STDIN"]

    (tmp_path / "mymod.py").write_text("import sys\nif __name__ == '__main__':\n    print('module main', sys.argv[1:])\n")
    run = theano_jvm("-m", "mymod", "x", cwd=str(tmp_path))
    assert run.returncode == 0, run
    assert run.stdout.strip() == "module main ['x']"

    # A script on standard input, as `python < script.py` and `python -`.
    run = theano_jvm(stdin="import numpy\nprint(numpy.arange(4).sum())\n")
    assert run.returncode == 0, run
    assert run.stdout.strip() == "6"


def test_unbuffered_flag_interleaves_stdout_and_stderr(theano_jvm):
    # With -u both streams are unbuffered: the order written is the order seen on a shared pipe.
    import subprocess
    from conftest import LAUNCHER
    code = "import sys\nfor i in range(3):\n    print('out', i)\n    print('err', i, file=sys.stderr)\n"
    completed = subprocess.run([LAUNCHER, "-u", "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=300)
    assert completed.returncode == 0
    lines = [line for line in completed.stdout.splitlines() if line.startswith(("out", "err"))]
    assert lines == ["out 0", "err 0", "out 1", "err 1", "out 2", "err 2"]


def test_version_reports_components_and_jit(theano_jvm):
    run = theano_jvm("--version")
    assert run.returncode == 0, run
    lines = run.stdout.splitlines()
    assert re.fullmatch(r"theano-jvm \S+", lines[0]), lines
    assert re.match(r"GraalPy 25\.0\.\d+ \(Python 3\.12\.\d+, graalpy\)", lines[1]), lines
    assert re.fullmatch(r"NumPy 2\.2\.\d+", lines[2]), lines
    assert re.match(r"JDK 25", lines[3]), lines
    assert lines[4] == "Truffle runtime: GraalVM CE (JIT on)", lines
    assert "without the JIT" not in run.stderr


def test_jit_off_is_reported_once_with_the_reason(theano_jvm):
    run = theano_jvm("--version", env={"THEANO_JVM_NO_JIT": "1"})
    assert run.returncode == 0, run
    assert "Truffle runtime: Interpreted (JIT off)" in run.stdout, run
    assert run.stderr.count("running without the JIT") == 1, run
    assert "THEANO_JVM_NO_JIT is set" in run.stderr
