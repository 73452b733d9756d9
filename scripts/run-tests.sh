#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite: quality gates, unit, GUI and
# device tests. Usage (from the project root, as root for the device tests):
#     bash scripts/run-tests.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

TEST_APT=(xvfb xauth dosfstools mtools exfatprogs xfsprogs gdisk poppler-utils desktop-file-utils
          libmagic1 b3sum cryptsetup-bin fio
          # real writers of the files the identifier must name (tests/unit/test_identify_real_*)
          qemu-utils btrfs-progs squashfs-tools ffmpeg sox libsox-fmt-base imagemagick zip arj
          # the store suite runs against a real PostgreSQL server too (a private cluster, below)
          postgresql
          # the real pkexec, polkitd and a system bus (tests/device/test_polkit.py starts its own
          # in a private mount namespace; nothing of it outlives the test)
          pkexec polkitd dbus-daemon)
apt_install "${PY_APT[@]}" "${QT_APT[@]}" "${FONT_APT[@]}" "${DRIVE_APT[@]}" "${TEST_APT[@]}"
make_venv test
bin="$VENV/bin"

echo "== quality gates" >&2
"$bin/ruff" check inspector tests benchmarks scripts setup.py
"$bin/ruff" format --check inspector tests benchmarks scripts setup.py
"$bin/mypy" inspector/core
"$bin/lint-imports"
"$bin/python" -c "import inspector.cli, inspector.core.survey.walk, sys; \
assert not any(m.startswith('PySide6') for m in sys.modules), 'core/CLI imported Qt'"

# Device tests want udevd for hot-plug events (without it they fall back to kernel uevents and
# blkid); start one only if none runs, stop it by its pid.
udevd_pid=""
pg_dir=""
cleanup() {
  if [ -n "$udevd_pid" ]; then kill "$udevd_pid" 2>/dev/null || true; wait "$udevd_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then bash scripts/pg-cluster.sh stop "$pg_dir" || true; rm -rf "$pg_dir"; fi
}
trap cleanup EXIT

# A private PostgreSQL cluster (Unix socket in a temporary directory, an ordinary user, stopped
# by its pid at exit): the store suite runs on SQLite and on it. Here a missing server fails
# the run (INSPECTOR_REQUIRE_PG), where a developer's plain pytest would skip those cases.
pg_dir=$(mktemp -d /tmp/inspector-pg.XXXXXX)
eval "$(bash scripts/pg-cluster.sh start "$pg_dir")"
export INSPECTOR_REQUIRE_PG=1
if [ "$(id -u)" = 0 ] && ! pgrep -x systemd-udevd >/dev/null; then
  for udevd in /lib/systemd/systemd-udevd /usr/lib/systemd/systemd-udevd; do
    if [ -x "$udevd" ]; then
      "$udevd" >/dev/null 2>&1 &
      udevd_pid=$!
      break
    fi
  done
  # Wait until it answers, so the hot-plug tests see udev (not only kernel) events.
  if [ -n "$udevd_pid" ]; then
    for _ in $(seq 50); do udevadm control --ping 2>/dev/null && break; sleep 0.1; done
  fi
fi

export QT_QPA_PLATFORM=offscreen
echo "== tests" >&2
"$bin/python" -m pytest --durations=20 "$@"  # the slowest tests, to keep CI under 20 min
