#!/usr/bin/env bash
# The second anchor of the benchmark: the original Theano 1.0.5 on the machine's CPython with
# NumPy < 1.24 (Theano 1.0 predates NumPy 1.24's removals), in a venv under bench/.work/ (gitignored).
# Its C code is compiled by the system's g++ into bench/.work/theano-compiledir. Idempotent; exits 1
# with pip's or Theano's message when it cannot be installed or imported here.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/bench/.work/theano-venv"
if [ -f "$VENV/.ready" ]; then exit 0; fi
. "$ROOT/bench/lib/venv.sh"
bench_venv "$VENV" "theano==1.0.5" "numpy<1.24" "scipy<1.12"
THEANO_FLAGS="$("$ROOT/bench/theano105-flags.sh")" "$VENV/bin/python" -c \
    'import theano, numpy; f = theano.function([], theano.tensor.constant(1.0) + 1); assert f() == 2; print("theano", theano.__version__, "numpy", numpy.__version__, "cxx", theano.config.cxx or "none")'
touch "$VENV/.ready"
