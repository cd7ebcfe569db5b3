#!/usr/bin/env bash
# Builds the launcher's Java runtime (target/theano-jvm/runtime) and its AOT cache (runtime/theano-jvm.aot).
# Run by Maven in polyglot-api's `package` phase, after the jars are laid out and the venv is built.
#
# Why a runtime of our own: the JDK ships a jdk.graal.compiler module without Truffle support, so the
# Graal compiler that Truffle needs can only replace it through --upgrade-module-path, and that option
# switches class-data sharing off entirely (no default CDS archive, no AOT cache): start-up paid for
# loading and linking some 20,000 classes from jars on every run. The runtime built here is the same
# JDK, jlinked (JEP 493: no jmods needed) without jdk.graal.compiler, so the Graal compiler jars go on
# the plain module path; then CDS works again and a JDK 25 AOT cache (JEP 483/514/515: classes loaded
# and linked, method profiles) made by a training run (`import numpy, theano`) is mapped at start-up.
#
#   * The runtime is re-linked only when the JDK changes (a stamp in the runtime folder).
#   * The AOT cache records the jars' sizes and times: it is retrained when a jar is newer than it
#     (bin/theano-jvm does not pass a stale cache to the JVM, which would refuse it noisily). With
#     $2 = true (-Dtheano.aot.skip, by default -Dtheano.venv.skip) no training runs.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
SKIP_AOT="${2:-false}"
DIST="$ROOT/polyglot-api/target/theano-jvm"
RUNTIME="$DIST/runtime"
VENV="${THEANO_JVM_VENV:-$ROOT/polyglot-api/graalpy-venv}"
. "$ROOT/bin/lib/find-jdk.sh"
. "$ROOT/bin/lib/aot-cache.sh"

# Every module of the JDK but the Graal compiler (ours replaces it) and the tools jlink cannot link
# from a run-time image; theano-jvm's class-path jars may use any of the others.
stamp="$(cat "$JAVA_HOME/release"; echo "jdk=$JAVA_HOME"; sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
if [ -f "$RUNTIME/theano-jvm-jdk" ] && [ "$(cat "$RUNTIME/theano-jvm-jdk")" = "$stamp" ]; then
  echo "[theano-jvm] Java runtime is up to date ($RUNTIME)"
else
  echo "[theano-jvm] linking the Java runtime ($RUNTIME) from $JAVA_HOME"
  modules="$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -x -e 'jdk\.graal\.compiler.*' -e jdk.jlink -e jdk.jpackage | paste -sd, -)"
  rm -rf "$RUNTIME"
  # --generate-cds-archive: the runtime's default CDS archive (JDK classes), used when there is no AOT cache.
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$RUNTIME" --generate-cds-archive \
    --no-header-files --no-man-pages 2>&1 | grep -v 'incubator modules' || true
  if [ ! -x "$RUNTIME/bin/java" ]; then
    # e.g. a JDK built without --enable-linkable-runtime and without jmods: the launcher still works,
    # on the stock JDK with --upgrade-module-path (no class-data sharing: about twice the start-up)
    echo "[theano-jvm] WARNING: jlink could not link a runtime from $JAVA_HOME; bin/theano-jvm uses the JDK as it is" >&2
    rm -rf "$RUNTIME"
    exit 0
  fi
  # bin/theano-jvm uses the runtime only with the JDK it was linked from (JAVA_HOME may change later).
  echo "$stamp" > "$RUNTIME/theano-jvm-jdk"
  echo "$JAVA_HOME" > "$RUNTIME/theano-jvm-jdk-home"
fi

aot="$RUNTIME/theano-jvm.aot"
if [ "$SKIP_AOT" = true ]; then
  echo "[theano-jvm] AOT cache training skipped"
  exit 0
fi
if [ ! -f "$VENV/.theano-jvm-stamp" ]; then
  echo "[theano-jvm] no GraalPy venv yet: no AOT cache"
  exit 0
fi
if theano_jvm_aot_cache_fresh "$DIST" "$aot"; then
  echo "[theano-jvm] AOT cache is up to date ($aot)"
  exit 0
fi
echo "[theano-jvm] training the AOT cache ($aot): import numpy, theano, compile and call a small MLP (about a minute)"
started=$(date +%s)
rm -f "$aot"
# The launcher itself, so that the cache is made with exactly the flags it will be used with.
THEANO_JVM_AOT_OUTPUT="$aot" "$ROOT/bin/theano-jvm" "$(dirname "${BASH_SOURCE[0]}")/aot-training.py" >/dev/null || true
if [ ! -f "$aot" ]; then  # the launcher runs without it, only slower to start
  echo "[theano-jvm] WARNING: the AOT cache was not written; bin/theano-jvm starts without it" >&2
  exit 0
fi
echo "[theano-jvm] AOT cache ready in $(( $(date +%s) - started )) s ($(du -m "$aot" | cut -f1) MB)"
