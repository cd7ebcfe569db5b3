#!/usr/bin/env bash
# Differential fuzzing: bench/fuzz.sh N [FIRST_SEED] runs the random graphs of seeds FIRST_SEED ..
# FIRST_SEED+N-1 (default 0) as built on the reference executor, FAST_RUN-rewritten on the reference
# executor and FAST_RUN-rewritten on the Truffle executor, and prints every mismatch (seed, debugprint,
# inputs), then graphs fuzzed / mismatches / time. bench/fuzz.sh 1 SEED reproduces one seed;
# bench/fuzz.sh --triage SEED narrows it down (the rewrite or the node at fault).
# Needs the build (README command 1, or ./mvnw -q install -DskipTests -Dtheano.venv.skip=true -pl engine,truffle-nodes):
# the fuzzer lives in truffle-nodes' test classes. THEANO_JVM_MVN_ARGS passes options to the Maven call
# that lists the class path (e.g. -Dmaven.repo.local=...). A plain JVM (Truffle's interpreter) with the
# Vector API resolved, as the JUnit suite runs: every graph is run twice, never hot enough for the JIT.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/find-jdk.sh"
CLASSES="$ROOT/truffle-nodes/target/test-classes"
if [ ! -f "$CLASSES/org/theanojvm/truffle/fuzz/FuzzMain.class" ]; then
  echo "fuzz: build first: ./mvnw -q install -DskipTests (README command 1)" >&2
  exit 1
fi
CP_FILE="$ROOT/truffle-nodes/target/fuzz.classpath"
if [ ! -s "$CP_FILE" ] || [ "$ROOT/truffle-nodes/pom.xml" -nt "$CP_FILE" ]; then
  # shellcheck disable=SC2086
  "$ROOT/mvnw" -q -o -f "$ROOT/pom.xml" -pl truffle-nodes dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE" ${THEANO_JVM_MVN_ARGS:-} >&2
fi
MAIN=org.theanojvm.truffle.fuzz.FuzzMain
if [ "${1-}" = "--triage" ]; then MAIN=org.theanojvm.truffle.fuzz.FuzzTriage; shift; fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpolyglot.engine.WarnInterpreterOnly=false \
  -cp "$CLASSES:$ROOT/truffle-nodes/target/classes:$(cat "$CP_FILE")" "$MAIN" "$@" \
  2> >(grep -v '^WARNING: Using incubator modules' >&2)
