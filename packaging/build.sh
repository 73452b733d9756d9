#!/usr/bin/env bash
# Build the offline field kit: a one-folder PyInstaller bundle (tar.xz) and a .deb installing
# it with the desktop entry, icon, AppStream metainfo, polkit policy and the privileged helper.
#     bash packaging/build.sh            (from the project root; outputs in packaging/out/)
#     INSPECTOR_FAST_COMPRESS=1 bash packaging/build.sh   (CI: same bundle, light xz, ~10 min less)
# PyInstaller lives in its own build virtual environment (.build-venv) with the project and its
# runtime dependencies only: what a user gets, nothing the tests bring (pyarrow, h5py, ...),
# and the test environment every developer makes stays without a build tool it never runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# pkexec, polkitd, dbus-daemon: smoke.sh runs the bundle's helper through real polkit
PACKAGING_APT=(binutils file xz-utils desktop-file-utils appstream acl pkexec polkitd dbus-daemon)
apt_install "${PY_APT[@]}" "${QT_APT[@]}" "${FONT_APT[@]}" "${PACKAGING_APT[@]}"

OUT=${INSPECTOR_PACKAGING_OUT:-packaging/out}
BUILD_VENV=${INSPECTOR_BUILD_VENV:-.build-venv}
PYINSTALLER_SPEC="pyinstaller>=6.10,<7"
APP_ID=org.inspector.Inspector
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' inspector/__init__.py)
ARCH=$(dpkg --print-architecture)
started=$(date +%s)

# -- build environment (skipped when nothing it installs from has changed) -------------------
[ -x "$BUILD_VENV/bin/python" ] || python3 -m venv "$BUILD_VENV"
stamp="$BUILD_VENV/.inspector-build"
want="$PYINSTALLER_SPEC $(cat pyproject.toml setup.py $(git ls-files inspector) | sha256sum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$BUILD_VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYINSTALLER_SPEC" .
  echo "$want" >"$stamp"
fi

# -- resources: the tree's, plus the report fonts (so PDFs draw Unicode without the system's) --
rm -rf "$OUT"
mkdir -p "$OUT/stage"
INSPECTOR_VENV="$BUILD_VENV" bash scripts/translations.sh build  # the desk's .qm catalogues
cp -r resources "$OUT/stage/resources"
mkdir -p "$OUT/stage/resources/fonts"
# DejaVu Sans Mono for hashes and paths; its Sans faces are not carried: Noto Sans (below)
# draws every text they would (fonts.py falls back to DejaVu only where Noto is missing).
cp /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf "$OUT/stage/resources/fonts/"
# Noto for names in any script on reports and receipts; of the CJK collections only the
# regular weight (19.5 MB; the bold one would add as much: CJK bold prints as regular).
for font in NotoSans-Regular.ttf NotoSans-Bold.ttf NotoSansTamil-Regular.ttf \
    NotoSansTamil-Bold.ttf NotoSansArabic-Regular.ttf NotoSansArabic-Bold.ttf; do
  cp "/usr/share/fonts/truetype/noto/$font" "$OUT/stage/resources/fonts/"
done
cp /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc "$OUT/stage/resources/fonts/"

# -- the bundle ---------------------------------------------------------------------------------
INSPECTOR_BUNDLE_RESOURCES="$PWD/$OUT/stage/resources" "$BUILD_VENV/bin/pyinstaller" \
  --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" packaging/inspector.spec
bundle="$OUT/dist/inspector"
site=$("$BUILD_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
bash packaging/stubs/install.sh "$bundle" "$site"  # ICU data and OpenBLAS: see the spec
# Debug sections out of CPython's own files and the wheels' extension modules (a third of the
# bundle). Not PyInstaller's strip=True: it would also strip numpy's vendored OpenBLAS and
# the other auditwheel-repaired libraries (*.libs/), which stripping breaks; those stay as
# shipped, and so does anything under numpy/.
find "$bundle/_internal" -type f -name '*.so*' -not -path '*/numpy/*' -not -path '*.libs/*' \
  -exec sh -c 'file -b "$1" | grep -q "not stripped" && strip --strip-debug "$1"' _ {} \;
built=$(date +%s)
# Nothing left out that something kept still links: every ELF file's libraries resolve (in
# the bundle, or on this machine for what the .deb's Depends name).
unresolved=$(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
  'file -b "$1" | grep -q ELF && ldd "$1" 2>/dev/null | sed -n "s|^\s*\(.*not found\)|$1: \1|p"' _ {} \;)
[ -z "$unresolved" ] || { echo "build: unresolved libraries:"; echo "$unresolved"; exit 1; } >&2

# glibc floor: the newest GLIBC_ symbol version any program or library in the bundle asks for.
glibc_needed=$(find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
GLIBC_FLOOR=2.36  # Debian 12: what the bundle is built and tested on
if [ "$(printf '%s\n%s\n' "$glibc_needed" "$GLIBC_FLOOR" | sort -V | tail -1)" != "$GLIBC_FLOOR" ]; then
  GLIBC_FLOOR=$glibc_needed
fi

# Release builds compress hard for the size goals (docs/field-kit.md); CI checks the same bundle
# and package and only needs them to unpack, so it compresses lightly (-9 took ~9 min of xz here).
if [ -n "${INSPECTOR_FAST_COMPRESS:-}" ]; then TAR_XZ="-1 -T0" DEB_XZ=-z1; else TAR_XZ="-6 -T2" DEB_XZ=-z9; fi
tarball="$OUT/inspector-$VERSION-linux-$ARCH.tar.xz"
XZ_OPT="$TAR_XZ" tar -C "$OUT/dist" --owner=0 --group=0 -cJf "$tarball" inspector

# -- the .deb -----------------------------------------------------------------------------------
root="$OUT/deb"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/metainfo" \
  "$root/usr/share/polkit-1/actions" "$root/usr/share/doc/inspector"
cp -a "$bundle" "$root/usr/lib/inspector"
ln -s ../lib/inspector/inspector "$root/usr/bin/inspector"
cp "packaging/$APP_ID.desktop" "$root/usr/share/applications/"
cp "packaging/$APP_ID.svg" "$root/usr/share/icons/hicolor/scalable/apps/"
cp "packaging/$APP_ID.metainfo.xml" "$root/usr/share/metainfo/"
cp packaging/org.inspector.helper.policy "$root/usr/share/polkit-1/actions/"
cp packaging/copyright "$root/usr/share/doc/inspector/copyright"

# Depends: the Debian packages of every library the bundle links to but does not carry
# (PyInstaller leaves libc, libGL, X11/xcb, fontconfig & co. to the system), found with ldd,
# plus the tools the helper and the drive backend run.
libs=$(find "$root/usr/lib/inspector" -type f -name '*.so*' -o -type f -perm -u+x -name 'inspector*' \
  | while read -r elf; do
      LD_LIBRARY_PATH="$root/usr/lib/inspector/_internal:$root/usr/lib/inspector/_internal/PySide6/Qt/lib" \
        ldd "$elf" 2>/dev/null | awk '/=> \//{print $3}'
    done | grep -v "^$PWD/$root/" | sort -u)
pkgs=$(for lib in $libs; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null; done \
  | cut -d: -f1 | sort -u | grep -v '^libc6$' || true)
depends="libc6 (>= $GLIBC_FLOOR)"
for pkg in $pkgs; do depends+=", $pkg"; done
depends+=", mount, util-linux, udev, acl, pkexec | policykit-1"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: inspector
Version: $VERSION
Architecture: $ARCH
Maintainer: Inspector developers <inspector@localhost>
Installed-Size: $installed_kb
Depends: $depends
Recommends: ntfs-3g, exfat-fuse, fusefat, xdg-utils
Section: utils
Priority: optional
Homepage: https://localhost/inspector
Description: read-only inspection of travelers' storage media at a customs desk
 Inspector tells a customs officer, in minutes and without writing to them, what a
 traveler's drives hold: how many, how big and how full, what kind of content (AI
 training data and model weights, photos, documents, encrypted blobs) with 95 %
 intervals, totals per traveler and group against the declaration and policy, and a
 tamper-evident record. The desk runs as the officer; the few root steps (read-only
 loop devices and mounts) go through inspector-helper, authorised by polkit.
CONTROL
deb="$OUT/inspector_${VERSION}_$ARCH.deb"
dpkg-deb --root-owner-group -Zxz "$DEB_XZ" --build "$root" "$deb" >/dev/null  # -9: the 70 MB goal
done_at=$(date +%s)

{
  echo "bundle_bytes=$(du -sb "$bundle" | cut -f1)"
  echo "tarball_bytes=$(stat -c %s "$tarball")"
  echo "deb_bytes=$(stat -c %s "$deb")"
  echo "glibc_symbols_max=$glibc_needed"
  echo "glibc_floor=$GLIBC_FLOOR"
  echo "pyinstaller_seconds=$((built - started))"
  echo "total_seconds=$((done_at - started))"
  echo "depends=$depends"
} | tee "$OUT/build-figures.txt"

# The size goals (docs/field-kit.md), so that nothing grows past them unnoticed; the .deb's
# only where it is compressed as released (CI's light xz makes it bigger on purpose).
bundle_mb=$(( $(du -sb "$bundle" | cut -f1) / 1000000 ))
[ "$bundle_mb" -le "${INSPECTOR_BUNDLE_LIMIT_MB:-200}" ] \
  || { echo "build: the bundle is $bundle_mb MB, over ${INSPECTOR_BUNDLE_LIMIT_MB:-200} MB" >&2; exit 1; }
deb_mb=$(( $(stat -c %s "$deb") / 1000000 ))
if [ -z "${INSPECTOR_FAST_COMPRESS:-}" ] && [ "$deb_mb" -gt "${INSPECTOR_DEB_LIMIT_MB:-70}" ]; then
  echo "build: the .deb is $deb_mb MB, over ${INSPECTOR_DEB_LIMIT_MB:-70} MB" >&2
  exit 1
fi
