#!/usr/bin/env bash
# THEANO_FLAGS for the Theano 1.0.5 side: its compile cache under bench/.work/, and an empty
# blas.ldflags. Theano 1.0.5 reads its BLAS link flags from numpy.distutils' blas_opt_info, which
# NumPy 1.23 no longer has (AttributeError at import), and the OpenBLAS inside NumPy's wheel exports
# 64-bit-suffixed symbols Theano cannot link against; without ldflags Theano's gemm calls NumPy's dot,
# i.e. that same OpenBLAS, through the C API.
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo "base_compiledir=$ROOT/bench/.work/theano-compiledir,blas.ldflags="
