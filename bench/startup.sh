#!/usr/bin/env bash
# Start-up of bin/theano-jvm: `-c "import numpy, theano"`, cold and warm.
#   cold: the first run after dropping the OS page cache (when permitted) and GraalPy's caches;
#   warm: the median of the next N runs.
# Usage: bench/startup.sh [N=5] [extra launcher env, e.g. THEANO_JVM_NO_JIT=1]
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
code='import numpy, theano'

seconds() {  # wall time of one launcher run, in seconds with millisecond precision
  local start end
  start=$(date +%s%N)
  "$ROOT/bin/theano-jvm" -c "$code" >/dev/null
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

sync
if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then cold_note="page cache dropped"; else cold_note="page cache NOT dropped (no permission)"; fi
cold=$(seconds)
warm=()
for _ in $(seq "$runs"); do warm+=("$(seconds)"); done
median=$(printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "cold: ${cold} s (${cold_note})"
echo "warm: median ${median} s of ${runs} runs: ${warm[*]}"
