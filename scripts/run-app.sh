#!/usr/bin/env bash
# Set up Inspector in a virtual environment and run it. Usage: bash scripts/run-app.sh
#   With a display: the desk GUI — on the real drives (udev) when any non-system drive is
#   attached, else the `seed` training scenario (simulated drives, marked TRAINING).
#   Without a display: says so and runs the command-line demo on resources/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

apt_install "${PY_APT[@]}" "${QT_APT[@]}" "${FONT_APT[@]}" "${DRIVE_APT[@]}"
make_venv ""
echo "Inspector is installed in $VENV (run it again with: $VENV/bin/inspector)." >&2

# Real drives = any drive the udev backend reports that is not the running system's disk.
real_drives() {
  "$VENV/bin/inspector" devices --json 2>/dev/null |
    "$VENV/bin/python" -c 'import json,sys; d=json.load(sys.stdin)["drives"]; sys.exit(0 if any(not x["system"] for x in d) else 1)'
}

if have_display; then
  if real_drives; then
    echo "Opening the inspection desk on the attached drives (read-only)." >&2
    exec "$VENV/bin/inspector" gui --backend udev
  fi
  echo "No drive to inspect: opening the desk on the 'seed' training scenario (simulated)." >&2
  exec "$VENV/bin/inspector" gui --training seed
fi
echo "No display (DISPLAY/WAYLAND_DISPLAY unset), so no desk window: running the command-line" >&2
echo "demo instead. Scanning the demo folder resources/demo (read-only):" >&2
exec "$VENV/bin/inspector" scan resources/demo --budget 5 --seed 1
