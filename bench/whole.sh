#!/usr/bin/env bash
# Whole-process benchmark: the deeplearning.net tutorial scripts in bench/whole/ (logistic regression,
# MLP, LeNet, denoising autoencoder) on a small synthetic MNIST, each run as a user runs it, timed as a
# whole process (wall clock and peak RSS) under bin/theano-jvm, CPython + Theano 1.0.5 and CPython +
# PyTensor, sides alternating. Writes bench/results-whole.md.
#   bench/whole.sh [--runs N] [--cases logistic_sgd,mlp,convolutional_mlp,dA] [--sides ...]
# Environment: BENCH_THREADS (BLAS threads on every side, default 1), BENCH_CPYTHON (the CPython of the
# comparison venvs, default python3), THEANO_JVM_JAVA_OPTS and the rest of bin/theano-jvm's settings.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bench/setup_pytensor.sh"
"$ROOT/bench/setup_theano.sh" || echo "bench: Theano 1.0.5 could not be installed here; that column stays empty" >&2
exec "${BENCH_CPYTHON:-python3}" "$ROOT/bench/whole_driver.py" "$@"
