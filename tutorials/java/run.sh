#!/usr/bin/env bash
# Trains the seed logistic regression from Java (src/main/java/.../LogisticRegressionSgd.java) and
# prints its falling cost. Needs theano-jvm's artifacts in the local Maven repository: run README
# command 1 (`./mvnw -q install -DskipTests`) at the repository root first. Extra arguments go to
# Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../../mvnw" -q -f "$here/pom.xml" compile exec:exec "$@"
