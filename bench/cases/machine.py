"""The machine's yardsticks, measured with NumPy (not a Theano script): memory bandwidth (a large copy:
read + write) and single-precision GEMM peak (NumPy's own BLAS), with the benchmark's thread settings."""
import time

import numpy

from _timing import median, report

a = numpy.ones(16 * 1024 * 1024)  # 128 MiB, far beyond any cache
b = numpy.empty_like(a)
times = []
for _ in range(9):
    t0 = time.perf_counter()
    numpy.copyto(b, a)
    times.append(time.perf_counter() - t0)
bandwidth = 2 * a.nbytes / median(times) / 1e9
n = 1024
m1 = numpy.ones((n, n), dtype="float32")
m2 = numpy.ones((n, n), dtype="float32")
m1 @ m2
times = []
for _ in range(7):
    t0 = time.perf_counter()
    m1 @ m2
    times.append(time.perf_counter() - t0)
report(case="machine", copy_gb_per_s=bandwidth, sgemm_gflop_per_s=2.0 * n ** 3 / median(times) / 1e9)
