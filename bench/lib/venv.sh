# Sourced by bench/setup_*.sh: the CPython venvs the comparison sides run in (bench/.work/, gitignored).

# bench_venv VENV PIP_SPEC...: creates VENV with BENCH_CPYTHON (default python3), upgrades its pip and
# installs the given packages from PyPI.
bench_venv() {
  local venv="$1"
  shift
  mkdir -p "$(dirname "$venv")"
  "${BENCH_CPYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q "$@"
}
