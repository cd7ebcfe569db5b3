"""Timing helpers shared by the benchmark cases (plain Python: runs under GraalPy and CPython alike).

Each case prints one line `BENCH_RESULT {json}` that bench/driver.py collects.
"""
import json
import os
import time

WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "6"))


def report(**values):
    print("BENCH_RESULT " + json.dumps(values), flush=True)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def warm_up(fn, seconds=WARMUP_S, min_calls=5):
    """Calls fn until `seconds` have passed (and at least min_calls times): JIT compilers settle first."""
    start = time.perf_counter()
    calls = 0
    while calls < min_calls or time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return calls


def per_call_seconds(fn, calls, repeats):
    """Median over `repeats` batches of the time of one call (each batch runs `calls` calls)."""
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - t0) / calls)
    return median(samples)
