"""Timing helpers shared by the benchmark cases (plain Python: runs under GraalPy and CPython alike).

Each case prints one line `BENCH_RESULT {json}` that bench/driver.py collects.
"""
import json
import os
import time

WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "60"))
MAX_WARMUP_S = float(os.environ.get("BENCH_MAX_WARMUP_S", "240"))

# seconds the last warm_up took (reported with the case's result: how long the JIT needed to settle)
_warmup_seconds = None
# seconds per call at the end of the last warm_up: sizes the measured batches
_settled_per_call = None


def report(**values):
    if _warmup_seconds is not None:
        values.setdefault("warmup_s", round(_warmup_seconds, 1))
    print("BENCH_RESULT " + json.dumps(values), flush=True)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


# Threads of the JVM's JIT compilers: C1/C2 (which, on a JVM without libgraal, also compile the Graal
# compiler itself) and Truffle's background compiler threads. CPython has none.
_COMPILER_THREAD_PREFIXES = ("C1 CompilerThre", "C2 CompilerThre", "TruffleCompiler", "JVMCI")


def compiler_cpu_seconds():
    """{thread id: CPU seconds used so far} of the process's JIT compiler threads (Linux /proc), or None
    where there is no /proc. Per thread, because the JVM starts and ends compiler threads as the queue
    grows and shrinks: a sum over the live ones could go down."""
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return None
    try:
        tick = float(os.sysconf("SC_CLK_TCK"))
    except (AttributeError, ValueError, OSError):
        tick = 100.0  # USER_HZ on Linux
    used = {}
    for tid in tids:
        try:
            with open("/proc/self/task/%s/comm" % tid) as f:
                name = f.read().strip()
            if not name.startswith(_COMPILER_THREAD_PREFIXES):
                continue
            with open("/proc/self/task/%s/stat" % tid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            used[tid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except (OSError, IndexError, ValueError):
            continue  # the thread ended meanwhile
    return used


def compiling_seconds(before, after):
    """CPU seconds the compiler threads used between two compiler_cpu_seconds() readings."""
    if before is None or after is None:
        return 0.0
    return sum(max(0.0, t - before.get(tid, 0.0)) for tid, t in after.items())


def timed_batch(fn, calls):
    """Seconds that `calls` calls of fn take. The one loop that both warms up and measures: a JIT
    compiles it (and fn inlined into it) during the warm-up, so the measured batches run that same
    compiled code. A separate measuring loop would be new code that the JIT has to compile again
    while it is being timed (on 2 cores that made the MLP step read 13-16 ms for the 8 ms it settles at)."""
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return time.perf_counter() - t0


def warm_up(fn, seconds=WARMUP_S, min_calls=5, max_seconds=MAX_WARMUP_S):
    """Calls fn until the JIT has settled: at least `seconds` and min_calls, then until three batches
    in a row (~1 s each) are calm: the JIT compiler threads used under 5 % of a core during the batch
    and the batch was no more than 5 % faster than the best earlier one (or until max_seconds).

    Waiting for the compiler threads matters on a small machine: on 2 cores the JVM compiles the Graal
    compiler and the Truffle code for one to two minutes, and while it does the timed thread shares
    its core, so timings that merely stopped improving can still be twice the steady state."""
    start = time.perf_counter()
    calls = 0
    per_call = None
    while calls < min_calls or time.perf_counter() - start < seconds:
        n = 1 if per_call is None else max(1, min(1000, int(0.1 / per_call)))  # batches of ~0.1 s
        per_call = timed_batch(fn, n) / n
        calls += n
    best = None
    calm = 0
    while calm < 3 and time.perf_counter() - start < max_seconds:
        compiling0 = compiler_cpu_seconds()
        n = max(3, int(1.0 / per_call))  # ~1 s
        elapsed = timed_batch(fn, n)
        per_call = elapsed / n
        compilers_quiet = compiling_seconds(compiling0, compiler_cpu_seconds()) < 0.05 * elapsed
        calm = calm + 1 if compilers_quiet and best is not None and per_call > 0.95 * best else 0
        best = per_call if best is None else min(best, per_call)
        calls += n
    global _warmup_seconds, _settled_per_call
    _warmup_seconds = time.perf_counter() - start
    _settled_per_call = per_call
    return calls


def per_call_seconds(fn, calls, repeats, min_batch_seconds=0.5):
    """Median over `repeats` batches of the time of one call. Each batch runs `calls` calls, or more
    so that it lasts about min_batch_seconds after a warm_up: a pause of the JVM (a GC cycle, a
    compilation somewhere else) then spoils one batch, not the median."""
    if _settled_per_call:
        calls = max(calls, int(min_batch_seconds / _settled_per_call))
    return median([timed_batch(fn, calls) / calls for _ in range(repeats)])
