# Sourced by bin/theano-jvm and polyglot-api/src/main/sh/build-runtime.sh: when the launcher's AOT
# cache is still valid. The JVM checks that the jars did not change since the cache was made and
# refuses a stale one with errors on stdout, so both the launcher (pass it or not) and the build
# (retrain it or not) ask the same question.

# theano_jvm_aot_cache_fresh DIST AOT: true when AOT exists and no jar (nor the runtime's JDK stamp) is newer.
theano_jvm_aot_cache_fresh() {
  local dist="$1" aot="$2"
  [ -f "$aot" ] && [ -z "$(find "$dist/modules" "$dist/upgrade" "$dist/classpath" "$dist/runtime/theano-jvm-jdk" \
    -newer "$aot" -print -quit 2>/dev/null)" ]
}
