#!/usr/bin/env bash
# Builds the GraalPy virtual environment of theano-jvm (NumPy, pytest, the theano package on its path).
# Run by Maven in polyglot-api's `package` phase, after the launcher's jars are laid out.
#
# Why our own step and not graalpy-maven-plugin: the venv must be created and used by exactly the
# launcher users run (bin/theano-jvm: same JDK, JIT flags and jars), pip must be kept away from hosts
# this network cannot reach, and NumPy's slow source build must be reused across clean clones.
#
#   * The venv is rebuilt only when requirements.txt, the GraalPy version or the JDK change (a stamp).
#   * A wheelhouse of our own (~/.cache/theano-jvm/wheels, shared by every clone on the machine) keeps
#     the NumPy wheel that GraalPy's pip built from the sdist: a clean clone installs it in minutes.
#   * GraalPy's pip adds https://www.graalvm.org/python/wheels/ as an extra index and downloads
#     patch updates from GitHub; both are switched off here (no network but PyPI).
#   * theano_jvm_native (polyglot-api/src/main/c) is recompiled alone when its C changes.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
GRAALVM_VERSION="$1"
VENV="${THEANO_JVM_VENV:-$ROOT/polyglot-api/graalpy-venv}"
REQUIREMENTS="$ROOT/polyglot-api/requirements.txt"
WHEELHOUSE="${THEANO_JVM_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/theano-jvm/wheels}"  # see below
. "$ROOT/bin/lib/find-jdk.sh"

stamp="$( (cat "$REQUIREMENTS"; echo "graalvm=$GRAALVM_VERSION"; echo "jdk=$(theano_jvm_java_major "$JAVA_HOME")"; echo "root=$ROOT") | sha256sum | cut -c1-16)"
# The theano package (theano-shim) and the runtime helpers (polyglot-api) are used in place, like
# `pip install -e`, so edits to them need no rebuild; the last lines apply theano_jvm.stdlib_fastpaths
# and theano_jvm.legacy_names at start-up. Written on every build, so an up-to-date venv gets the
# current lines too.
write_pth() {
  local site_packages
  site_packages="$(echo "$VENV"/lib/python3*/site-packages)"
  cat > "$site_packages/theano-jvm.pth" <<PTH
$ROOT/theano-shim/src/main/python
$ROOT/polyglot-api/src/main/python
import theano_jvm.stdlib_fastpaths as fastpaths; fastpaths.apply()
import theano_jvm.legacy_names as legacy_names; legacy_names.apply()
PTH
}

# Every pip run goes through the launcher, with pip's network kept to PyPI: GraalPy's pip adds
# https://www.graalvm.org/python/wheels/ as an extra index (replaced by an empty one) and downloads
# patch updates from GitHub (switched off: the patches bundled with GraalPy only).
#
# pip and NumPy's build backend start many Python 3 subprocesses through the venv's python (the
# launcher): they need no Python 2 translation, so skip its runner and save a little per process.
# They are also short-lived (meson starts one per generated file): the Truffle JIT and C2 only cost
# them start-up time, so pip runs interpreted on C1 with the serial GC (measured on 2 cores:
# `python -c pass` 4.5 s instead of 11.3 s).
empty_index="$ROOT/polyglot-api/target/empty-pip-index"
mkdir -p "$empty_index" "$WHEELHOUSE"
export PIP_EXTRA_INDEX_URL="file://$empty_index"
export PIP_GRAALPY_PATCHES_URL=""
export PIP_DISABLE_PIP_VERSION_CHECK=1
venv_pip() {
  THEANO_JVM_NO_PY2=1 THEANO_JVM_NO_JIT=1 THEANO_JVM_JIT_WARNED=1 \
    THEANO_JVM_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${THEANO_JVM_JAVA_OPTS-}" \
    "$VENV/bin/python" -m pip "$@"
}

# theano_jvm_native (buffer addresses for marshal.py) is one C file with no dependencies but Python's
# headers. It is compiled straight into the venv's site-packages with GraalPy's own sysconfig (its
# compiler, flags, headers and extension suffix: the command setuptools would run), in seconds, where
# pip's isolated setuptools build took ~70 s. Recompiled only when the source or GraalPy changes (a
# stamp beside it), without rebuilding the venv.
NATIVE_SRC="$ROOT/polyglot-api/src/main/c/theano_jvm_native.c"
install_native() {
  local site_packages stamp_file native_stamp
  site_packages="$(echo "$VENV"/lib/python3*/site-packages)"
  stamp_file="$site_packages/theano_jvm_native.stamp"
  native_stamp="$( (cat "$NATIVE_SRC"; echo "graalvm=$GRAALVM_VERSION") | sha256sum | cut -c1-16)"
  [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$native_stamp" ] && return 0
  local compile
  compile="$(THEANO_JVM_NO_PY2=1 THEANO_JVM_NO_JIT=1 THEANO_JVM_JIT_WARNED=1 \
    THEANO_JVM_JAVA_OPTS="-XX:TieredStopAtLevel=1 ${THEANO_JVM_JAVA_OPTS-}" "$VENV/bin/python" -c '
import shlex, sysconfig, sys
v = sysconfig.get_config_var
print(" ".join([v("LDSHARED"), v("CFLAGS"), v("CCSHARED"), "-O2", "-Wall",
                "-I" + shlex.quote(v("INCLUDEPY")), shlex.quote(sys.argv[1]),
                "-o", shlex.quote(sys.argv[2] + "/theano_jvm_native" + v("EXT_SUFFIX"))]))
' "$NATIVE_SRC" "$site_packages")"
  echo "[theano-jvm] compiling theano_jvm_native: $compile"
  rm -f "$site_packages"/theano_jvm_native*.so
  eval "$compile"
  echo "$native_stamp" > "$stamp_file"
}

if [ -f "$VENV/.theano-jvm-stamp" ] && [ "$(cat "$VENV/.theano-jvm-stamp")" = "$stamp" ]; then
  write_pth
  install_native
  echo "[theano-jvm] GraalPy venv is up to date ($VENV)"
  exit 0
fi

echo "[theano-jvm] building the GraalPy venv in $VENV (NumPy is compiled from source the first time: about 15 minutes on 2 cores; later builds install it from the wheelhouse $WHEELHOUSE)"
started=$(date +%s)
rm -rf "$VENV"
THEANO_JVM_NO_VENV=1 "$ROOT/bin/theano-jvm" -m venv "$VENV"
write_pth

# Every requirement goes through a wheelhouse of our own (THEANO_JVM_WHEELHOUSE, by default
# ~/.cache/theano-jvm/wheels, shared by every clone on the machine): `pip wheel` fills it, building
# only what it lacks (NumPy, from the sdist, once), then `pip install --no-index` installs from it
# alone. A second clone, or a venv rebuilt after a GraalPy patch release of the same minor, compiles
# nothing. Unlike pip's own cache, the folder is plain wheels that can be listed, copied or deleted.
# NumPy's build options are on its line of requirements.txt.
export NPY_NUM_BUILD_JOBS="${NPY_NUM_BUILD_JOBS:-$(nproc)}"
venv_pip wheel --progress-bar off --find-links "$WHEELHOUSE" --wheel-dir "$WHEELHOUSE" -r "$REQUIREMENTS"
venv_pip install --progress-bar off --no-index --find-links "$WHEELHOUSE" -r "$REQUIREMENTS"
install_native

echo "$stamp" > "$VENV/.theano-jvm-stamp"
echo "[theano-jvm] GraalPy venv ready in $(( $(date +%s) - started )) s"
