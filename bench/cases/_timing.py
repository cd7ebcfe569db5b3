"""Timing helpers shared by the benchmark cases (plain Python: runs under GraalPy and CPython alike).

Each case prints one line `BENCH_RESULT {json}` that bench/driver.py collects.
"""
import json
import os
import time

WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "60"))
MAX_WARMUP_S = float(os.environ.get("BENCH_MAX_WARMUP_S", "150"))

# seconds the last warm_up took (reported with the case's result: how long the JIT needed to settle)
_warmup_seconds = None


def report(**values):
    if _warmup_seconds is not None:
        values.setdefault("warmup_s", round(_warmup_seconds, 1))
    print("BENCH_RESULT " + json.dumps(values), flush=True)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def warm_up(fn, seconds=WARMUP_S, min_calls=5, max_seconds=MAX_WARMUP_S):
    """Calls fn until JIT compilers have settled: at least `seconds` and min_calls, then until a batch
    of ~0.3 s is no more than 5 % faster than the best earlier batch three times in a row (or until
    max_seconds). A JIT-less runtime settles at once; a JIT that is still compiling keeps improving."""
    start = time.perf_counter()
    calls = 0
    while calls < min_calls or time.perf_counter() - start < seconds:
        fn()
        calls += 1
    best = None
    calm = 0
    while calm < 3 and time.perf_counter() - start < max_seconds:
        t0 = time.perf_counter()
        n = 0
        while n < 3 or time.perf_counter() - t0 < 0.3:
            fn()
            n += 1
        per_call = (time.perf_counter() - t0) / n
        calm = calm + 1 if best is not None and per_call > 0.95 * best else 0
        best = per_call if best is None else min(best, per_call)
        calls += n
    global _warmup_seconds
    _warmup_seconds = time.perf_counter() - start
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
