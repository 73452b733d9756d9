#!/usr/bin/env bash
# Set up Inspector in a virtual environment and run it. Usage: bash scripts/run-app.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

apt_install "${PY_APT[@]}" "${QT_APT[@]}" "${DRIVE_APT[@]}"
make_venv ""
echo "Inspector is installed in $VENV (run it again with: $VENV/bin/inspector)." >&2
echo "Scanning the demo folder resources/demo (read-only):" >&2
exec "$VENV/bin/inspector" scan resources/demo --budget 5 --seed 1
