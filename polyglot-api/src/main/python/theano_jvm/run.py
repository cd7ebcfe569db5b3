"""How bin/theano-jvm runs a script file: as `python script.py` does, Python 2 scripts included.

The launcher starts GraalPy with `-c "__import__('theano_jvm.run').run.main(PY2)" SCRIPT ARGS...`
instead of `SCRIPT ARGS...` (PY2: True for `--py2`). main() then does what the interpreter does
for a script -- sys.argv, sys.path[0] (the script's real folder), `__file__`, the code run in the
existing `__main__` -- except that the code comes from theano_jvm.py2.compiler, which translates
a Python 2 file on load, and that modules beside the script get the same treatment (py2.importer).

A Python 3 script costs one compile, as before, plus this module and py2.compiler (no lib2to3).
An uncaught exception is printed by sys.excepthook without this module's frames and exits with 1,
so tracebacks and exit codes are those of a plain `python script.py`.
"""
import os
import sys

_LAUNCH_CODE_PREFIX = "__import__('theano_jvm.run')"


def _restore_orig_argv():
    """sys.orig_argv as the user typed it: without the launcher's `-c <this runner>`."""
    orig = getattr(sys, "orig_argv", None)
    if not orig:
        return
    for i in range(len(orig) - 1):
        if orig[i] == "-c" and orig[i + 1].startswith(_LAUNCH_CODE_PREFIX):
            sys.orig_argv = orig[:i] + orig[i + 2:]
            return


def _exit_uncaught(error, code):
    """Prints `error` as an uncaught exception of the script and exits 1 (as the interpreter)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code is not code:
        tb = tb.tb_next  # the runner's own frames: <string> (-c), main()
    try:
        error.__traceback__ = tb
    except AttributeError:
        _exit_uncaught_java(error, tb)
    sys.last_type, sys.last_value, sys.last_traceback = type(error), error, tb
    sys.last_exc = error
    sys.excepthook(type(error), error, tb)
    sys.exit(1)


def _exit_uncaught_java(error, tb):
    """A Java exception that reached the top (a polyglot.ForeignException: not a Python Exception, its
    traceback read-only): the script's frames as Python prints them, then the Java class and message
    in place of the Python exception line, instead of a Java stack trace. Exits 1."""
    import traceback
    if tb is not None:
        sys.stderr.write("Traceback (most recent call last):\n" + "".join(traceback.format_tb(tb)))
    else:  # GraalPy records no Python frames for an exception raised by Java code
        sys.stderr.write("Uncaught Java exception (GraalPy keeps no Python traceback for it):\n")
    try:
        line = "%s: %s" % (error.getClass().getName(), error.getMessage())
    except Exception:
        line = "%s: %s" % (type(error).__name__, error)
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
    sys.exit(1)


def main(py2=False):
    del sys.argv[0]  # '-c'
    script = sys.argv[0]
    _restore_orig_argv()
    root = os.path.dirname(os.path.realpath(script))
    if not sys.flags.safe_path:  # -P / -I: no script folder on sys.path, as with python
        if sys.path and sys.path[0] == "":  # what -c put there
            sys.path[0] = root
        else:
            sys.path.insert(0, root)
    try:
        with open(script, "rb") as f:
            data = f.read()
    except OSError as error:
        sys.stderr.write("%s: can't open file %r: [Errno %d] %s\n"
                         % (sys.executable, script, error.errno, error.strerror))
        sys.exit(2)

    from theano_jvm.py2 import compiler, importer
    try:
        code, translated = compiler.compile_file(data, script, py2=py2)
    except SyntaxError as error:
        _exit_uncaught(error, None)
    importer.install(root, py2_program=py2 or translated)

    globals_ = sys.modules["__main__"].__dict__
    globals_["__file__"] = script
    try:
        exec(code, globals_)
    except (SystemExit, KeyboardInterrupt):
        raise  # the interpreter's own handling: exit status, message, signal
    except BaseException as error:
        _exit_uncaught(error, code)
