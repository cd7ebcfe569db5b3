#!/usr/bin/env bash
# Creates the CPython + PyTensor side of the benchmark under bench/.work/ (gitignored): a venv with
# PyTensor from PyPI and a tiny `theano` alias package (bench/theano_alias/) on its path, so the same
# unchanged Theano scripts run on both sides. Idempotent: does nothing when the venv is complete.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/bench/.work/pytensor-venv"
if [ -f "$VENV/.ready" ]; then exit 0; fi
. "$ROOT/bench/lib/venv.sh"
bench_venv "$VENV" pytensor
# the alias package is found through a .pth file, so the scripts need no PYTHONPATH
site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$ROOT/bench/theano_alias" > "$site/theano_alias.pth"
"$VENV/bin/python" -c 'import pytensor, numpy; print("pytensor", pytensor.__version__, "numpy", numpy.__version__)'
touch "$VENV/.ready"
