#!/usr/bin/env bash
# The engine side of a benchmark case without GraalPy: org.theanojvm.truffle.bench.EngineCases CASE on
# the launcher's JVM (Graal JIT for Truffle, same jars), with the working tree's compiled classes first.
# Needs `./mvnw -q -o -pl truffle-nodes test-compile` (the harness lives in truffle-nodes' test sources).
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/find-jdk.sh"
DIST="$ROOT/polyglot-api/target/theano-jvm"
if [ ! -d "$ROOT/truffle-nodes/target/test-classes/org/theanojvm/truffle/bench" ]; then
  echo "engine-java: build the harness first: ./mvnw -q -o -pl truffle-nodes test-compile" >&2
  exit 1
fi
exec "$JAVA_HOME/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path "$DIST/upgrade" \
  --module-path "$DIST/modules" --add-modules ALL-MODULE-PATH --add-modules jdk.incubator.vector \
  -cp "$ROOT/truffle-nodes/target/test-classes:$ROOT/truffle-nodes/target/classes:$ROOT/engine/target/classes:$DIST/classpath/*" \
  --enable-native-access=ALL-UNNAMED,org.graalvm.truffle --sun-misc-unsafe-memory-access=allow \
  org.theanojvm.truffle.bench.EngineCases "$@"
