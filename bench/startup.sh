#!/usr/bin/env bash
# Start-up of bin/theano-jvm, cold and warm, wall and user CPU time, for the launcher as built
# (jlinked runtime + AOT cache) and for what it falls back to:
#   aot        the default: the runtime from build-runtime.sh with its AOT cache
#   cds-only   THEANO_JVM_NO_AOT=1: the same runtime, its default CDS archive only
#   no-runtime THEANO_JVM_NO_RUNTIME=1: JAVA_HOME with the Graal compiler on --upgrade-module-path
#              (no class-data sharing at all: the launcher before the runtime existed)
# cold: the first run after dropping the OS page cache (when permitted); warm: the median of N runs.
# Usage: bench/startup.sh [N=3] [CODE='import numpy, theano'] [VARIANTS='aot cds-only no-runtime']
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
code="${2:-import numpy, theano}"
variants="${3:-aot cds-only no-runtime}"
timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT

one() {  # one launcher run: prints "wall user" in seconds
  local -a env=()
  case "$1" in
    aot) ;;
    cds-only) env=(THEANO_JVM_NO_AOT=1) ;;
    no-runtime) env=(THEANO_JVM_NO_RUNTIME=1) ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
  env "${env[@]}" /usr/bin/time -o "$timing" -f '%e %U' "$ROOT/bin/theano-jvm" -c "$code" >/dev/null
  cat "$timing"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "bin/theano-jvm -c '$code' on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for variant in $variants; do
  sync
  if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then cold_note="page cache dropped"; else cold_note="page cache not dropped: no permission"; fi
  cold="$(one "$variant")"
  walls=(); users=()
  for _ in $(seq "$runs"); do
    read -r wall user < <(one "$variant")
    walls+=("$wall"); users+=("$user")
  done
  printf '%-10s cold: %s s wall, %s s user (%s)\n' "$variant" "${cold% *}" "${cold#* }" "$cold_note"
  printf '%-10s warm: median %s s wall, %s s user of %s runs (wall: %s)\n' "$variant" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${users[@]}" | median)" "$runs" "${walls[*]}"
done
