"""Shared fixtures of the compatibility suite (runs inside GraalPy, under bin/theano-jvm)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
LAUNCHER = os.path.join(ROOT, "bin", "theano-jvm")


class LauncherRun:
    """One run of bin/theano-jvm as a separate process, the way a user starts it."""

    def __init__(self, completed):
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def __repr__(self):
        return "exit %d\n--- stdout\n%s--- stderr\n%s" % (self.returncode, self.stdout, self.stderr)


@pytest.fixture
def theano_jvm():
    """Runs bin/theano-jvm with the given arguments; returns its exit code, stdout and stderr."""
    def run(*args, stdin=None, cwd=None, env=None, timeout=300):
        full_env = dict(os.environ)
        full_env.update(env or {})
        completed = subprocess.run([LAUNCHER, *args], input=stdin, capture_output=True, text=True,
                                   cwd=cwd, env=full_env, timeout=timeout)
        return LauncherRun(completed)
    return run
