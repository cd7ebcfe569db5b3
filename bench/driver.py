"""Runs the same Theano scripts (bench/cases/) under bin/theano-jvm and under CPython + PyTensor,
alternating which side goes first, and writes a markdown table of medians and ratios theano-jvm /
PyTensor. Started by bench/run.sh (which prepares the PyTensor venv); plain CPython, no dependencies.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CASES = os.path.join(HERE, "cases")
PYTENSOR_PY = os.path.join(HERE, ".work", "pytensor-venv", "bin", "python")
# the second anchor: the original Theano 1.0.5 on CPython (bench/setup_theano.sh)
THEANO105_PY = os.path.join(HERE, ".work", "theano-venv", "bin", "python")
THEANO105_FLAGS = os.path.join(HERE, "theano105-flags.sh")


def theano105_env(env):
    """env with the THEANO_FLAGS the Theano 1.0.5 side runs under (bench/theano105-flags.sh)."""
    flags = subprocess.run([THEANO105_FLAGS], capture_output=True, text=True).stdout.strip()
    return dict(env, THEANO_FLAGS=flags)
THEANO_JVM = os.path.join(ROOT, "bin", "theano-jvm")
DEFAULT_OUT = os.path.join(HERE, "results.md")
ENGINE_JAVA = os.path.join(HERE, "engine-java.sh")
STARTUP_SCRIPT = os.path.join(ROOT, "tutorials", "seed000_quick_guide", "scalar_addition.py")
# the cases bench/engine-java.sh implements (EngineCases): the others have no engine-only column
ENGINE_CASES = {"call_overhead", "elemwise", "mlp_step", "compile_mlp"}

# (case, metric, label, unit, lower is better)
ROWS = [
    ("call_overhead", "us_per_call", "call overhead, `x + 1` on a scalar", "µs/call", True),
    ("elemwise", "ms_per_call", "fused elementwise, 1e6 float64", "ms/call", True),
    ("elemwise", "gb_per_s", "  effective bandwidth (24 MB moved)", "GB/s", False),
    ("mlp_step", "ms_per_step", "SGD step, 784-500-10 tanh MLP, float32, batch 256", "ms/step", True),
    ("mlp_step", "gflop_per_s", "  GFLOP/s of its matrix products", "GFLOP/s", False),
    ("mlp_step", "first_100_ms_per_step", "  its first 100 steps right after compiling (JIT warm-up included)", "ms/step", True),
    ("scan_rnn", "ms_per_step", "SGD step, tanh RNN through scan, 50 steps x batch 32, 64->128, float32", "ms/step", True),
    ("scan_rnn", "us_per_time_step", "  per time step (forward + backward)", "µs", True),
    ("conv_layer", "ms_per_step", "SGD step, LeNet conv layer 64x1x28x28, 20 5x5 filters, pool 2x2, float64", "ms/step", True),
    ("conv_layer", "gflop_per_s", "  GFLOP/s of the convolutions (forward + weight gradient)", "GFLOP/s", False),
    ("compile_mlp", "cold_s", "compile 4-layer MLP training fn (build+function+1st call), fresh process", "s", True),
    ("compile_mlp", "warm_s", "  same, second compile in the same process", "s", True),
    ("startup", "wall_s", "start-up: tutorial scalar_addition.py, whole process", "s", True),
    ("startup", "peak_rss_mb", "  peak RSS of that process", "MB", True),
]


def run_case(side, case, env):
    """One process; returns the case's BENCH_RESULT dict (startup: wall time and peak RSS)."""
    exe = {"theano-jvm": THEANO_JVM, "theano-1.0.5": THEANO105_PY}.get(side, PYTENSOR_PY)
    if side == "theano-1.0.5":
        env = theano105_env(env)
    if side == "engine":
        if case not in ENGINE_CASES:
            return None  # start-up is not a Python process; scan and conv have no Java-only harness
        cmd = [ENGINE_JAVA, case]
    elif case == "startup":
        cmd = ["/usr/bin/time", "-f", "BENCH_TIME %e %M", exe, STARTUP_SCRIPT]
    else:
        cmd = [exe, os.path.join(CASES, case + ".py")]
    p = subprocess.run(cmd, cwd=CASES, env=env, capture_output=True, text=True, timeout=1800)
    out = p.stdout + p.stderr
    if case == "startup":
        for line in out.splitlines():
            if line.startswith("BENCH_TIME"):
                _, wall, rss_kb = line.split()
                if p.returncode == 0:
                    return {"wall_s": float(wall), "peak_rss_mb": int(rss_kb) / 1024.0}
    for line in out.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):])
    raise RuntimeError("%s %s failed (rc %s):\n%s" % (side, case, p.returncode, out[-3000:]))


def fmt(v):
    if v is None:
        return "—"
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.3g" % v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="processes per side and case (alternating)")
    ap.add_argument("--cases", default="call_overhead,elemwise,mlp_step,scan_rnn,conv_layer,compile_mlp,startup")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--sides", default="theano-jvm,engine,pytensor,theano-1.0.5", help="run only these sides (the others' earlier runs are kept)")
    ap.add_argument("--report-only", action="store_true", help="run nothing: rewrite the table from bench/.work/raw.json")
    ap.add_argument("--fresh", action="store_true", help="forget the runs recorded in bench/.work/raw.json")
    args = ap.parse_args()
    threads = os.environ.get("BENCH_THREADS", "1")
    env = dict(os.environ, OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads,
               NUMBA_NUM_THREADS=threads, PYTHONPATH=CASES)
    sides = ["theano-jvm", "engine", "pytensor", "theano-1.0.5"]
    to_run = [x for x in sides if x in args.sides.split(",")]
    if "theano-1.0.5" in to_run and not os.path.exists(os.path.join(HERE, ".work", "theano-venv", ".ready")):
        print("bench: Theano 1.0.5 is not installed (bench/setup_theano.sh failed): skipping that side", flush=True)
        to_run.remove("theano-1.0.5")
    if "theano-jvm" in to_run and not os.path.exists(os.path.join(ROOT, "polyglot-api", "graalpy-venv", ".theano-jvm-stamp")):
        print("bench: the theano-jvm GraalPy venv is not built yet: skipping the theano-jvm side", flush=True)
        to_run.remove("theano-jvm")
    raw_path = os.path.join(HERE, ".work", "raw.json")
    partial = set(args.cases.split(",")) != {r[0] for r in ROWS} or set(to_run) != set(sides)
    if partial and not os.path.exists(raw_path) and args.out == DEFAULT_OUT and not args.fresh:
        # The committed table holds runs of every case and side; with no raw.json (a fresh machine) a
        # partial run would replace it with its own few rows.
        args.out = os.path.join(HERE, ".work", "results-partial.md")
        print("bench: no bench/.work/raw.json here, so a partial run writes %s, not bench/results.md "
              "(--fresh, or --out, to choose)" % args.out, flush=True)
    machine = run_case("pytensor", "machine", env)
    print("machine:", machine, flush=True)
    cases = [] if args.report_only else args.cases.split(",")
    results = {}
    if not args.fresh and os.path.exists(raw_path):
        with open(raw_path) as f:
            for side, case, res in json.load(f):
                if side not in to_run or case not in cases:  # keep earlier runs of what is not rerun now
                    results.setdefault((side, case), []).append(res)
    errors = []
    for case in cases:
        for r in range(args.runs):
            order = to_run if r % 2 == 0 else to_run[::-1]
            for side in order:
                t0 = time.time()
                try:
                    res = run_case(side, case, env)
                except Exception as e:  # keep going: one broken case must not hide the others
                    errors.append(str(e))
                    print("FAILED", side, case, str(e)[-800:], flush=True)
                    continue
                if res is None:
                    continue
                results.setdefault((side, case), []).append(res)
                with open(raw_path, "w") as f:
                    json.dump([[s_, c_, r_] for (s_, c_), rs in results.items() for r_ in rs], f)
                print("%-10s %-13s run %d (%.0fs): %s" % (side, case, r + 1, time.time() - t0, res), flush=True)
    versions = subprocess.run([PYTENSOR_PY, "-c", "import pytensor, numpy, sys; from pytensor.compile.mode import get_default_mode; "
                               "print('PyTensor %s (%s), NumPy %s, CPython %s' % (pytensor.__version__, "
                               "type(get_default_mode().linker).__name__, numpy.__version__, sys.version.split()[0]))"],
                              capture_output=True, text=True, env=env).stdout.strip()
    theano105 = subprocess.run([THEANO105_PY, "-c", "import theano, numpy, sys; print('Theano %s, NumPy %s, CPython %s' % "
                                "(theano.__version__, numpy.__version__, sys.version.split()[0]))"],
                               capture_output=True, text=True, env=theano105_env(env)).stdout.strip() \
        if os.path.exists(THEANO105_PY) else None
    lines = ["| benchmark | unit | theano-jvm | theano-jvm engine from Java (no Python) | PyTensor | ratio jvm/PyTensor | ratio engine/PyTensor "
             "| Theano 1.0.5 | ratio jvm/Theano 1.0.5 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for case, metric, label, unit, lower in ROWS:
        vals = {}
        for side in sides:
            xs = [res[metric] for res in results.get((side, case), []) if metric in res]
            vals[side] = statistics.median(xs) if xs else None
        a, e, b, o = vals["theano-jvm"], vals["engine"], vals["pytensor"], vals["theano-1.0.5"]
        oratio = "%.2f" % (a / o) if a is not None and o else "—"
        ratio = "%.2f" % (a / b) if a is not None and b else "—"
        eratio = "%.2f" % (e / b) if e is not None and b else "—"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (label, unit, fmt(a), fmt(e), fmt(b), ratio, eratio, fmt(o), oratio))
    gbs = machine["copy_gb_per_s"]
    peak = machine["sgemm_gflop_per_s"]
    notes = [
        "",
        "Medians of the processes recorded per side and case (%s), sides alternating; each process calls the function "
        "(at least %s s, at most %s s) until three ~1 s batches in a row are calm: the JIT compiler threads idle and no "
        "batch more than 5 %% faster than the best; then, in the same loop on the same function object, it times 9 batches "
        "of at least 0.5 s (median)." % (
            ", ".join("%s %d" % (c, len(results.get(("theano-jvm", c), []))) for c in dict.fromkeys(r[0] for r in ROWS)), os.environ.get("BENCH_WARMUP_S", "60"), os.environ.get("BENCH_MAX_WARMUP_S", "240")),
        "Warm-up each theano-jvm process needed before its timings settled (median, s): %s." % ", ".join(
            "%s %.0f" % (case, w) for case, w in ((c, median_metric(results, "theano-jvm", c, "warmup_s")) for c in
                                                  ["call_overhead", "elemwise", "mlp_step", "scan_rnn", "conv_layer"]) if w),
        "Machine: %s, %d CPUs (shared with other jobs while measured), %s thread(s) for BLAS on both sides. "
        "Yardsticks measured with NumPy: copy bandwidth %.1f GB/s (read+write), sgemm peak %.1f GFLOP/s." % (
            platform.processor() or platform.machine(), os.cpu_count(), threads, gbs, peak),
        "Elementwise bandwidth is %s of the copy bandwidth on theano-jvm (%s engine only), %s on PyTensor; the MLP's products "
        "reach %s of sgemm peak on theano-jvm (%s engine only), %s on PyTensor." % tuple(
            ("%.0f %%" % (100 * v / ref)) if v else "—" for v, ref in [
                (median_metric(results, "theano-jvm", "elemwise", "gb_per_s"), gbs), (median_metric(results, "engine", "elemwise", "gb_per_s"), gbs),
                (median_metric(results, "pytensor", "elemwise", "gb_per_s"), gbs),
                (median_metric(results, "theano-jvm", "mlp_step", "gflop_per_s"), peak), (median_metric(results, "engine", "mlp_step", "gflop_per_s"), peak),
                (median_metric(results, "pytensor", "mlp_step", "gflop_per_s"), peak)]),
        "The engine column runs bench/engine-java.sh: the same computations through the engine's Java API on the launcher's JVM "
        "(arguments in native memory, copied into staging buffers or, over 2 MB, read where they lie; results copied out to native memory; as the shim does), i.e. theano-jvm minus the GraalPy shim.",
        "PyTensor side: %s, its default mode; its compile cache on disk is warm after the first run." % versions,
        "Theano 1.0.5 side: %s; C code compiled by g++, cache warm after the first run; `blas.ldflags` empty (see "
        "bench/theano105-flags.sh: its gemm goes through NumPy's dot, i.e. NumPy's OpenBLAS)." % (theano105 or "not installed"),
        "Command: `bench/run.sh %s` (%s UTC)." % (" ".join(sys.argv[1:]), time.strftime("%Y-%m-%d %H:%M", time.gmtime())),
    ]
    if args.report_only:
        notes.append("This invocation ran nothing: the table is rewritten from the runs recorded in bench/.work/raw.json "
                     "(the per-case process counts above say how many each median has).")
    elif to_run != sides:
        notes.append("Only %s ran in this invocation; the other columns are from earlier runs (bench/.work/raw.json), "
                     "not alternated with these." % ", ".join(to_run))
    if errors:
        notes.append("Failures: %d run(s) failed; see the console log." % len(errors))
    text = "\n".join(lines + notes) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print()
    print(text)


def median_metric(results, side, case, metric):
    """The median of one metric over the runs recorded for a side and case (None when there are none)."""
    xs = [res[metric] for res in results.get((side, case), []) if metric in res]
    return statistics.median(xs) if xs else None


if __name__ == "__main__":
    main()
