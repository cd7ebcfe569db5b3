# Sourced by mvnw and bin/theano-jvm: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME if it already is 25+, then the standard JVM folders (newest first).
# The optimizing Truffle runtime (Graal compiler 25.x over JVMCI) needs JDK 25+, so an older
# JDK is refused here rather than silently giving a build that cannot run the JIT.

theano_jvm_java_major() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] || return 0
  local spec
  spec=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${spec}"
}

theano_jvm_find_jdk() {
  local major candidate
  if [ -n "${JAVA_HOME-}" ]; then
    major=$(theano_jvm_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  # find, not globs: mvnw runs with `set -f`.
  for candidate in $(find /usr/lib/jvm /usr/local/lib/jvm /opt/java -mindepth 1 -maxdepth 1 2>/dev/null | sort -rV); do
    major=$(theano_jvm_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "$candidate/bin/javac" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "theano-jvm needs a JDK 25 or newer (e.g. Temurin 25): set JAVA_HOME to it or install it under /usr/lib/jvm." >&2
  return 1
}

theano_jvm_find_jdk || exit 1
