#!/usr/bin/env bash
# Both directions of a mixed pipeline, after README command 1 (`./mvnw -q install -DskipTests`, which
# builds the GraalPy venv, the launcher and this folder's Java classes):
#  1. Python calls Java: bin/theano-jvm runs model.py, a Theano script whose loss is a Java op;
#  2. Java calls Python: MixedPipeline (Java) imports model.py, trains it on Java arrays and reads the
#     results back as NdArrays.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$here/../.." && pwd)"
. "$ROOT/bin/lib/find-jdk.sh"
DIST="$ROOT/polyglot-api/target/theano-jvm"
if [ ! -d "$here/target/classes" ] || [ ! -d "$DIST/classpath" ]; then
  echo "run.sh: build first: ./mvnw -q install -DskipTests (at $ROOT)" >&2
  exit 1
fi

echo "== Python calling Java: bin/theano-jvm tutorials/mixed/model.py"
"$ROOT/bin/theano-jvm" "$here/model.py"

echo "== Java calling Python: org.theanojvm.examples.mixed.MixedPipeline"
# The launcher's JVM layout: Graal compiler on the upgrade module path (the JIT), GraalPy and Truffle
# on the module path, theano-jvm's jars and this example's classes on the class path.
exec "$JAVA_HOME/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
  --upgrade-module-path "$DIST/upgrade" --module-path "$DIST/modules" --add-modules ALL-MODULE-PATH \
  -cp "$here/target/classes:$DIST/classpath/*" \
  --enable-native-access=ALL-UNNAMED,org.graalvm.truffle --sun-misc-unsafe-memory-access=allow \
  --add-modules jdk.incubator.vector -Xss16m "-Dtheano.jvm.root=$ROOT" \
  org.theanojvm.examples.mixed.MixedPipeline "$here"
