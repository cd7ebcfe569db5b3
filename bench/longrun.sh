#!/usr/bin/env bash
# Long runs: memory must not grow with the number of calls (issue 19's reliability figures).
#   bench/longrun.sh [CALLS [MLP_STEPS [TRAIN_SECONDS]]]     defaults: 1000000 10000 600
# 1. CALLS calls of a small function and MLP_STEPS steps of the 784-500-10 MLP, in one process
#    (bench/longrun_calls.py): resident set size once warm and at the end.
# 2. The deeplearning.net tutorial MLP (bench/whole/mlp.py, synthetic MNIST) training for TRAIN_SECONDS,
#    its resident set size sampled every 15 s from outside; growth is counted from the first minute on
#    (start-up, JIT and heap sizing happen before that).
# Writes bench/results-longrun.md (LONGRUN_OUT: another file). Runs after README command 1 (bin/theano-jvm built). THEANO_JVM_JAVA_OPTS
# (e.g. -Xmx512m) applies to every process: a heap cap turns a leak into an OutOfMemoryError, telling it
# apart from the JVM's heap simply growing into free memory (G1's default maximum is 1/4 of RAM).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLS="${1:-1000000}"; STEPS="${2:-10000}"; TRAIN_SECONDS="${3:-600}"
WORK="$ROOT/bench/.work/whole"; OUT="${LONGRUN_OUT:-$ROOT/bench/results-longrun.md}"
mkdir -p "$WORK"
started="$(date -u '+%Y-%m-%d %H:%M')"

calls_json="$("$ROOT/bin/theano-jvm" "$ROOT/bench/longrun_calls.py" "$CALLS" "$STEPS" | grep '^{')"
echo "$calls_json"

# The tutorial's data, as bench/whole.sh makes it (3000/600/600 synthetic digits).
if [ ! -f "$WORK/mnist.pkl.gz" ]; then
  "$ROOT/bin/theano-jvm" "$ROOT/bench/whole/make_mnist.py" "$WORK/mnist.pkl.gz"
fi
# The JVM runs as a child of the launcher script: the largest resident set among the process and its
# descendants is the training process's.
largest_rss() {
  local pids="$1" frontier="$1" next p
  while [ -n "$frontier" ]; do
    next=""
    for p in $frontier; do next="$next $(pgrep -P "$p" || true)"; done
    frontier="$(echo $next)"; pids="$pids $frontier"
  done
  for p in $pids; do awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true; done | sort -n | tail -n 1
}
samples="$WORK/longrun-rss.txt"; : > "$samples"
(cd "$WORK" && PYTHONPATH="$ROOT/bench/whole" exec "$ROOT/bin/theano-jvm" -c \
  "import mlp; mlp.test_mlp(n_epochs=100000, patience=10**9)" > "$WORK/longrun-mlp.log" 2>&1) &
pid=$!
begin=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  now=$(( $(date +%s) - begin ))
  rss="$(largest_rss "$pid")"
  [ -n "$rss" ] && echo "$now $rss" >> "$samples"
  if [ "$now" -ge "$TRAIN_SECONDS" ]; then kill "$pid" 2>/dev/null || true; break; fi
  sleep 15
done
wait "$pid" 2>/dev/null || true
epochs="$(grep -c 'validation error' "$WORK/longrun-mlp.log" || true)"

python3 - "$OUT" "$started" "$CALLS" "$STEPS" "$TRAIN_SECONDS" "$samples" "$epochs" <<'PY' "$calls_json"
import json, os, sys
out, started, calls, steps, train_seconds, samples, epochs = sys.argv[1:8]
rows = [json.loads(line) for line in sys.argv[8].splitlines() if line.strip()]
points = [tuple(map(int, line.split())) for line in open(samples) if line.strip()]
after_minute = [(t, kb) for t, kb in points if t >= 60]
lines = ["# Long runs: resident memory over many calls (bench/longrun.sh)", "",
         "Command: `%sbench/longrun.sh %s %s %s` (%s UTC), bin/theano-jvm. Growth is the resident set size at the "
         "end minus once warm (after the first tenth of the calls, or after the first minute of training); "
         "the second half's growth is the end minus half way, where a leak per call would keep growing "
         "while the JIT's code and the heap settling have stopped."
         % (("THEANO_JVM_JAVA_OPTS='%s' " % os.environ["THEANO_JVM_JAVA_OPTS"]) if os.environ.get("THEANO_JVM_JAVA_OPTS") else "",
            calls, steps, train_seconds, started), "",
         "| run | calls | RSS warm (MB) | RSS half way (MB) | RSS end (MB) | growth (MB) | second half's growth (MB) "
         "| second half's growth per 1000 calls (KB) | RSS at each tenth (MB) |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
for r in rows:
    per_k = 1024.0 * r["second_half_growth_mb"] / r["calls_second_half"] * 1000
    lines.append("| %s | %d | %.1f | %.1f | %.1f | %+.1f | %+.1f | %+.2f | %s |" % (
        r["case"], r["calls"], r["rss_warm_mb"], r["rss_half_mb"], r["rss_end_mb"], r["growth_mb"],
        r["second_half_growth_mb"], per_k, " ".join("%.0f" % mb for mb in r["rss_tenths_mb"])))
if after_minute:
    first, last = after_minute[0][1] / 1024.0, after_minute[-1][1] / 1024.0
    peak = max(kb for _, kb in after_minute) / 1024.0
    lines += ["", "DLT MLP (bench/whole/mlp.py, synthetic MNIST 3000/600/600) trained for %s s: %s validation "
              "passes; RSS at 1 min %.1f MB, at the end (%d s) %.1f MB, growth %+.1f MB, peak %.1f MB "
              "(sampled every 15 s)." % (train_seconds, epochs, first, after_minute[-1][0], last, last - first, peak)]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
