#!/usr/bin/env bash
# Offline smoke test of the built field kit (packaging/build.sh first), as root:
#  - the tarball unpacked and run as a throw-away ordinary user inside `unshare -n` (no
#    network): --version, scan of the demo folder, a training scenario, a desk screenshot
#    offscreen, and the same content shares as the source tree's (Magika's model is inside);
#  - desktop-file-validate and appstreamcli validate on the shipped files;
#  - the .deb installed with dpkg -i into a throw-away root whose package database is a copy
#    of this machine's, then its installed program run the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
make_venv test  # the source tree's run to compare with (a no-op when it is installed)
OUT=${INSPECTOR_PACKAGING_OUT:-packaging/out}
tarball=$(ls "$OUT"/inspector-*.tar.xz)
deb=$(ls "$OUT"/inspector_*.deb)
work=$(mktemp -d /tmp/inspector-smoke-XXXXXX)
chmod 755 "$work"
user="insp-smoke$$"
cleanup() { userdel "$user" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
useradd --no-create-home --shell /usr/sbin/nologin "$user"
mkdir "$work/home" && chown "$user" "$work/home"
cp -r resources/demo "$work/demo"  # wherever the checkout is, the user can read this copy
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

offline() {  # offline CMD...: as the throw-away user, in a network namespace of its own
  unshare -n runuser -u "$user" -- env -i PATH=/usr/bin:/bin HOME="$work/home" \
    INSPECTOR_DATA_DIR="$work/home/data" QT_QPA_PLATFORM=offscreen "$@"
}

check_program() {  # check_program PROGRAM: the four offline runs
  local program=$1 tag=$2
  offline "$program" --version >"$work/$tag-version" || fail "$tag --version"
  grep -q "$(sed -n 's/^__version__ = "\(.*\)"/\1/p' inspector/__init__.py)" "$work/$tag-version" \
    || fail "$tag --version printed $(cat "$work/$tag-version")"
  offline "$program" scan "$work/demo" --json --full --seed 1 >"$work/$tag-scan.json" \
    || fail "$tag scan resources/demo"
  offline "$program" train seed --json >"$work/$tag-train.json" || fail "$tag train seed"
  offline "$program" gui --training seed --screenshot "$work/home/$tag-desk.png" --after 4 \
    || fail "$tag gui --screenshot"
  # a case: open, a traveler, a scan into it, the PDF report and the receipt (fpdf2, fonts, QR)
  local cid
  cid=$(offline "$program" case open --officer "Smoke Test" --json | "$VENV/bin/python" -c \
    'import json, sys; print(json.load(sys.stdin)["case"]["id"])') || fail "$tag case open"
  offline "$program" case traveler "$cid" --name "Li Wei" --declared "2 TB" --json >/dev/null \
    || fail "$tag case traveler"
  offline "$program" scan "$work/demo" --budget 0 --case "$cid" --traveler "Li Wei" --json \
    >/dev/null || fail "$tag scan --case"
  offline "$program" report "$cid" --pdf "$work/home/$tag-report.pdf" \
    --receipt "Li Wei" "$work/home/$tag-receipt.pdf" >/dev/null || fail "$tag report"
  for pdf in report receipt; do
    head -c 5 "$work/home/$tag-$pdf.pdf" | grep -q '%PDF-' || fail "$tag $pdf is no PDF"
  done
  "$VENV/bin/python" - "$work" "$tag" <<'PY' || fail "$tag output"
import json, struct, sys
work, tag = sys.argv[1:]
scan = json.load(open(f"{work}/{tag}-scan.json"))
assert scan["schema"] == "inspector.scan/1" and scan["complete"], scan.get("warnings")
train = json.load(open(f"{work}/{tag}-train.json"))
assert train["schema"] == "inspector.training/1" and len(train["travelers"]) == 4
with open(f"{work}/home/{tag}-desk.png", "rb") as f:
    head = f.read(24)
width, height = struct.unpack(">II", head[16:24])
assert head[:8] == b"\x89PNG\r\n\x1a\n" and width >= 800 and height >= 500, (width, height)
print(f"smoke: {tag}: scan {scan['survey']['files']} files, train 4 travelers, desk {width}x{height}")
PY
}

# -- the tarball, unpacked anywhere, run by an ordinary user without network --------------------
mkdir "$work/kit"
tar -C "$work/kit" -xJf "$tarball"
check_program "$work/kit/inspector/inspector" tarball
# Content shares equal to the source tree's run: Magika's model and every sniffer are inside.
"$VENV/bin/inspector" scan "$work/demo" --json --full --seed 1 >"$work/tree-scan.json"
"$VENV/bin/python" - "$work" <<'PY' || fail "bundle and source tree disagree"
import json, sys
def shares(path):
    doc = json.load(open(path))
    return sorted((f["format"], f["category"], f["bytes_share"]) for f in doc["content"]["formats"])
a, b = shares(f"{sys.argv[1]}/tarball-scan.json"), shares(f"{sys.argv[1]}/tree-scan.json")
assert a == b, (a, b)
print(f"smoke: bundle and source tree name the same {len(a)} formats")
PY

# Start-up, measured here, alternating with the source tree's venv (the same machine, the
# same moment): `--version` and a survey-only scan of the demo folder, 5 runs each.
"$VENV/bin/python" - "$work/kit/inspector/inspector" "$VENV/bin/inspector" "$work/demo" <<'PY'
import statistics, subprocess, sys, time
bundle, venv, demo = sys.argv[1:]
runs = {}
for _ in range(5):
    for name, program in (("bundle", bundle), ("venv", venv)):
        for what, args in (("--version", ["--version"]), ("scan", ["scan", demo, "--json", "--budget", "0"])):
            started = time.perf_counter()
            subprocess.run([program, *args], check=True, capture_output=True)
            runs.setdefault((name, what), []).append(time.perf_counter() - started)
for what in ("--version", "scan"):
    b, v = (runs[(n, what)] for n in ("bundle", "venv"))
    print(f"smoke: start-up {what}: bundle {min(b):.2f}-{max(b):.2f} s (median "
          f"{statistics.median(b):.2f}), venv {min(v):.2f}-{max(v):.2f} s (median "
          f"{statistics.median(v):.2f}), ratio {statistics.median(b) / statistics.median(v):.2f}")
PY

# -- the helper through real pkexec and polkitd (a bus and polkitd of its own, unshare -m) -----
if command -v pkexec >/dev/null && [ -x /usr/lib/polkit-1/polkitd ] && command -v dbus-daemon >/dev/null; then
  unshare --mount --propagation private bash packaging/smoke-polkit.sh "$work/kit/inspector" "$user" "$work"
else
  echo "smoke: polkit: not tried (pkexec, polkitd or dbus-daemon missing)"
fi

# -- the shipped desktop integration files --------------------------------------------------
desktop-file-validate packaging/org.inspector.Inspector.desktop
appstreamcli validate --no-net packaging/org.inspector.Inspector.metainfo.xml

# -- the .deb, installed into a throw-away root ---------------------------------------------
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
cp /var/lib/dpkg/status "$root/var/lib/dpkg/status"
touch "$root/var/lib/dpkg/available"
dpkg-deb -c "$deb" >"$work/deb-contents"
for path in ./usr/bin/inspector ./usr/lib/inspector/inspector ./usr/lib/inspector/inspector-helper \
    ./usr/share/applications/org.inspector.Inspector.desktop \
    ./usr/share/icons/hicolor/scalable/apps/org.inspector.Inspector.svg \
    ./usr/share/metainfo/org.inspector.Inspector.metainfo.xml \
    ./usr/share/polkit-1/actions/org.inspector.helper.policy; do
  grep -q " $path\( ->\|$\)" "$work/deb-contents" || fail ".deb lacks $path"
done
# Dependencies are checked against this machine's packages; the only ones allowed to be
# missing here are polkit's (pkexec needs logind and a system bus that CI does not run).
if ! dpkg --root="$root" --force-not-root -i "$deb" >"$work/dpkg.log" 2>&1; then
  unmet=$(sed -n 's/.*depends on \([^;]*\);.*/\1/p' "$work/dpkg.log" | sort -u)
  [ "$unmet" = "pkexec | policykit-1" ] || { cat "$work/dpkg.log" >&2; fail "dpkg -i: $unmet"; }
  dpkg --root="$root" --force-depends --configure inspector >>"$work/dpkg.log" 2>&1 \
    || { cat "$work/dpkg.log" >&2; fail "dpkg --configure"; }
  echo "smoke: .deb installed into a throw-away root (missing here, by design: $unmet)"
else
  echo "smoke: .deb installed into a throw-away root"
fi
dpkg --root="$root" -s inspector | grep -q "Status: install ok installed" || fail "not installed"
chmod 755 "$root"
offline "$root/usr/bin/inspector" --version >/dev/null || fail "installed inspector --version"
offline "$root/usr/bin/inspector" scan "$work/demo" --json >/dev/null \
  || fail "installed inspector scan"
echo "smoke: all offline checks passed"
