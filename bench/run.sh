#!/usr/bin/env bash
# theano-jvm vs PyTensor (and the original Theano 1.0.5) on the same Theano scripts (bench/cases/): installs
# PyTensor and Theano 1.0.5 from PyPI into CPython venvs under bench/.work/ on first use, then runs bench/driver.py, which writes bench/results.md.
#   bench/run.sh [--runs N] [--cases call_overhead,elemwise,mlp_step,compile_mlp,startup]
# Environment: BENCH_THREADS (BLAS threads on both sides, default 1), BENCH_WARMUP_S (least warm-up, default 60),
# BENCH_MAX_WARMUP_S (most, default 240: the warm-up also waits for the JIT compiler threads to go quiet),
# BENCH_CPYTHON (the CPython used for the venv, default python3).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bench/setup_pytensor.sh"
# the second anchor, the original Theano 1.0.5: the driver skips that side when it cannot be installed
"$ROOT/bench/setup_theano.sh" || echo "bench: Theano 1.0.5 could not be installed here; that column stays empty" >&2
(cd "$ROOT" && ./mvnw -q -o -pl truffle-nodes test-compile) >/dev/null  # the engine-only harness (bench/engine-java.sh)
exec "${BENCH_CPYTHON:-python3}" "$ROOT/bench/driver.py" "$@"
