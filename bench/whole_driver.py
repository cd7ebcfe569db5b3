"""Times the tutorial scripts of bench/whole/ as whole processes on every side, alternating sides, and
writes bench/results-whole.md: wall time and peak RSS per side, ratios theano-jvm / Theano 1.0.5 and
theano-jvm / PyTensor, and the validation or cost figure each run printed (so a fast side that stopped
learning shows). Started by bench/whole.sh, which prepares the comparison venvs; plain CPython.

Each side first runs every case once untimed, so the timed runs see what a user's second run sees: the
Theano 1.0.5 and PyTensor compile caches on disk and Python's bytecode caches filled (theano-jvm keeps
no compiled code across processes; its AOT cache is made at build time).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

# the sides' executables, Theano 1.0.5's flags and the number formatting of bench/run.sh's driver
from driver import PYTENSOR_PY, THEANO105_PY, THEANO_JVM, fmt, median_metric, theano105_env

BENCH = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(BENCH, "whole")
WORK = os.path.join(BENCH, ".work", "whole")
DATASET = os.path.join(WORK, "mnist.pkl.gz")
SIDES = ["theano-jvm", "theano-1.0.5", "pytensor"]
EXECUTABLES = {"theano-jvm": THEANO_JVM, "theano-1.0.5": THEANO105_PY, "pytensor": PYTENSOR_PY}

# case: (description, regular expression for the figure that shows the run learned, its label)
CASES = {
    "logistic_sgd": ("logistic regression, SGD, 3 epochs, batch 600",
                     r"best validation score of ([\d.]+) %", "best validation error %"),
    "mlp": ("MLP 784-500-10, SGD, 1 epoch, batch 20",
            r"Best validation score of ([\d.]+) %", "best validation error %"),
    "convolutional_mlp": ("LeNet, nkerns [5, 5], 1 epoch, batch 500",
                          r"Best validation score of ([\d.]+) %", "best validation error %"),
    "dA": ("denoising autoencoder 784-500, 1 epoch x 2 corruption levels, batch 20",
           r"Training epoch 0, cost\s+([\d.]+)\s*$", "last epoch's cost"),
}


DATASET_PY = THEANO105_PY if os.path.exists(THEANO105_PY) else PYTENSOR_PY


def make_dataset(sizes):
    """Written by the oldest NumPy at hand (Theano 1.0.5's), as the real mnist.pkl.gz was: NumPy 2 reads
    NumPy 1's pickles, not the other way round."""
    os.makedirs(WORK, exist_ok=True)
    stamp = DATASET + ".sizes"
    if os.path.exists(DATASET) and os.path.exists(stamp) and open(stamp).read() == sizes:
        return
    subprocess.run([DATASET_PY, os.path.join(SCRIPTS, "make_mnist.py"), DATASET] + sizes.split(), check=True)
    with open(stamp, "w") as f:
        f.write(sizes)


def run_once(side, case, env):
    """One whole process: returns {wall_s, peak_rss_mb[, figure]} or raises with the process's output."""
    if side == "theano-1.0.5":
        env = theano105_env(env)
    cmd = ["/usr/bin/time", "-f", "BENCH_TIME %e %M", EXECUTABLES[side], os.path.join(SCRIPTS, case + ".py")]
    p = subprocess.run(cmd, cwd=WORK, env=env, capture_output=True, text=True, timeout=1800)
    out = p.stdout + p.stderr
    timing = [line.split() for line in out.splitlines() if line.startswith("BENCH_TIME ")]
    if p.returncode != 0 or not timing:
        # the whole output is kept: a Java stack trace's head would not fit in the console's excerpt
        log = os.path.join(WORK, "failed-%s-%s-%s.log" % (side, case, time.strftime("%Y%m%d-%H%M%S")))
        with open(log, "w") as f:
            f.write(out)
        raise RuntimeError("%s %s failed (rc %s, whole output in %s):\n%s" % (side, case, p.returncode, log, out[-3000:]))
    figures = re.findall(CASES[case][1], out, re.MULTILINE)
    _, wall, rss_kb = timing[-1]
    result = {"wall_s": float(wall), "peak_rss_mb": int(rss_kb) / 1024.0}
    if figures:
        result["figure"] = float(figures[-1])
    return result


def ratio(a, b):
    return "%.2f" % (a / b) if a is not None and b else "—"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="timed processes per side and case (alternating)")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--sides", default=",".join(SIDES))
    ap.add_argument("--sizes", default="3000 600 600", help="synthetic MNIST train/valid/test sizes")
    ap.add_argument("--no-prime", action="store_true", help="skip the untimed first run of each side and case")
    ap.add_argument("--out", default=os.path.join(BENCH, "results-whole.md"))
    args = ap.parse_args()
    threads = os.environ.get("BENCH_THREADS", "1")
    env = dict(os.environ, OMP_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    sides = [s for s in SIDES if s in args.sides.split(",")]
    if "theano-1.0.5" in sides and not os.path.exists(os.path.join(BENCH, ".work", "theano-venv", ".ready")):
        print("bench: Theano 1.0.5 is not installed: skipping that side", flush=True)
        sides.remove("theano-1.0.5")
    cases = args.cases.split(",")
    make_dataset(args.sizes)
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    results, errors = {}, []
    for case in cases:
        for r in range(-1 if not args.no_prime else 0, args.runs):
            for side in (sides if r % 2 == 0 else sides[::-1]):
                try:
                    res = run_once(side, case, env)
                except Exception as e:  # one broken case must not hide the others
                    errors.append("%s %s: %s" % (side, case, str(e)[-1500:]))
                    print("FAILED", side, case, str(e)[-1500:], flush=True)
                    continue
                print("%-12s %-18s %s: %s" % (side, case, "prime" if r < 0 else "run %d" % (r + 1), res), flush=True)
                if r >= 0:
                    results.setdefault((side, case), []).append(res)
        with open(os.path.join(WORK, "raw.json"), "w") as f:
            json.dump([[s, c, rs] for (s, c), rs in results.items()], f)
    lines = ["| script (whole process) | theano-jvm s | Theano 1.0.5 s | PyTensor s | ratio jvm/Theano 1.0.5 "
             "| ratio jvm/PyTensor | peak RSS MB: jvm / Theano 1.0.5 / PyTensor | learned: jvm / Theano 1.0.5 / PyTensor |",
             "|---|---:|---:|---:|---:|---:|---|---|"]
    for case in cases:
        wall = {s: median_metric(results, s, case, "wall_s") for s in SIDES}
        rss = {s: median_metric(results, s, case, "peak_rss_mb") for s in SIDES}
        fig = {s: median_metric(results, s, case, "figure") for s in SIDES}
        lines.append("| `%s.py`: %s | %s | %s | %s | %s | %s | %s | %s (%s) |" % (
            case, CASES[case][0], fmt(wall["theano-jvm"]), fmt(wall["theano-1.0.5"]), fmt(wall["pytensor"]),
            ratio(wall["theano-jvm"], wall["theano-1.0.5"]), ratio(wall["theano-jvm"], wall["pytensor"]),
            " / ".join(fmt(rss[s]) for s in SIDES), " / ".join(fmt(fig[s]) for s in SIDES), CASES[case][2]))
    versions = {}
    for side, exe in (("pytensor", PYTENSOR_PY), ("theano-1.0.5", THEANO105_PY)):
        if os.path.exists(exe):
            env_side = theano105_env(env) if side == "theano-1.0.5" else env
            module = "pytensor" if side == "pytensor" else "theano"
            versions[side] = subprocess.run([exe, "-c", "import %s as m, numpy, sys; print('%s %%s, NumPy %%s, CPython %%s' %% "
                                             "(m.__version__, numpy.__version__, sys.version.split()[0]))" % (module, module)],
                                            capture_output=True, text=True, env=env_side).stdout.strip().splitlines()[-1:]
    notes = [
        "",
        "Medians of %d timed process(es) per side and case, sides alternating, each side's first run of each case "
        "untimed%s; wall time and peak RSS from /usr/bin/time; %d CPUs, %s BLAS thread(s) on every side. The data: "
        "bench/whole/make_mnist.py, synthetic MNIST %s (train/valid/test). Theano 1.0.5 side: %s (C code by g++, "
        "bench/theano105-flags.sh). PyTensor side (through bench/theano_alias, its default mode): %s." % (
            args.runs, "" if not args.no_prime else " (not this time: --no-prime)", os.cpu_count(), threads, args.sizes,
            " ".join(versions.get("theano-1.0.5", ["not installed"])), " ".join(versions.get("pytensor", ["not installed"]))),
        "Command: `bench/whole.sh %s` (%s UTC)." % (" ".join(sys.argv[1:]), started),
    ]
    if errors:
        notes.append("Failures: %d run(s) failed: %s" % (len(errors), "; ".join(e.splitlines()[0] for e in errors)))
    text = "\n".join(lines + notes) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
