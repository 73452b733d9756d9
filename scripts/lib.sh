# Shared set-up for scripts/run-app.sh and scripts/run-tests.sh (sourced, not run).
# Installs Debian packages when root and missing, and a virtual environment with the project.

# What Qt's xcb platform needs on a bare Debian 12, plus fonts (without them every glyph is a box).
QT_APT=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 fonts-dejavu-core
        libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
        libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-image0)
# Report and receipt fonts (found through inspector.core.paths.font_dirs): Noto Sans, Tamil and
# Arabic (Jawi) in fonts-noto-core, Chinese/Japanese/Korean in fonts-noto-cjk; Qt draws the
# Chinese desk from the same fonts.
FONT_APT=(fonts-noto-core fonts-noto-cjk)
# Reading drives: udev, blkid/losetup/partx, filesystem drivers (FUSE where the kernel has none:
# ntfs-3g, exfat-fuse, fusefat for vfat); acl: inspector-helper lets the officer read the loop
# device of an image it could read anyway (setfacl).
DRIVE_APT=(udev util-linux fdisk gdisk e2fsprogs ntfs-3g exfat-fuse fusefat acl)
# gcc and the headers let pip compile the identifier with mypyc (setup.py); without them it
# installs as pure Python.
PY_APT=(python3 python3-venv python3-pip python3-dev gcc libc6-dev)

VENV=${INSPECTOR_VENV:-.venv}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "note: missing Debian packages (install them as root): ${missing[*]}" >&2
    return 0
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {  # make_venv EXTRAS: create $VENV if needed and install the project into it
  local spec="."
  [ -n "${1:-}" ] && spec=".[$1]"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  # The install compiles the hot loops (setup.py, ~25 s): skip it when nothing it reads has
  # changed since the last one (same extras, pyproject, setup.py and the compiled sources).
  local stamp="$VENV/.inspector-install-${1:-app}" want
  want="$spec $(cat pyproject.toml setup.py inspector/core/content/identify/*.py inspector/core/survey/walk.py | sha256sum)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$spec"
    echo "$want" >"$stamp"
  fi
  # The desk's catalogues: .ts (committed) -> .qm with the wheel's pyside6-lrelease (< 1 s).
  INSPECTOR_VENV="$VENV" bash scripts/translations.sh build
}

have_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }
