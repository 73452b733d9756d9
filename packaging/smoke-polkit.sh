#!/usr/bin/env bash
# The unpacked bundle's desk asking polkit for real: run by smoke.sh as root, inside a private
# mount namespace of its own (unshare --mount), so that nothing here is seen outside it:
#     unshare --mount --propagation private bash packaging/smoke-polkit.sh KIT USER WORK
# tmpfs over /run/dbus (a system bus of its own), /usr/share/polkit-1/actions (Inspector's
# policy, exec.path pointed at KIT's helper) and /etc/polkit-1/rules.d (a rule granting the
# action to USER); then USER scans an ext4 image through real pkexec and polkitd (the helper
# attaches a read-only loop and mounts it read-only), and `nobody`, whom no rule names, is
# refused with one line. The daemons are stopped by pid; the mounts go with the namespace.
set -euo pipefail
kit=$1 user=$2 work=$3
action=org.inspector.helper.read-only-access
fail() { echo "smoke: FAILED: polkit: $*" >&2; exit 1; }
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
# The officer's scan learns a loop's filesystem from udev (as root it would run blkid itself):
# start udevd when none runs, as scripts/run-tests.sh does, and stop it by pid.
if ! pgrep -x systemd-udevd >/dev/null && [ -x /lib/systemd/systemd-udevd ]; then
  /lib/systemd/systemd-udevd >/dev/null 2>&1 &
  pids+=($!)
  udevadm settle --timeout=5 2>/dev/null || true
fi
for dir in /run/dbus /usr/share/polkit-1/actions /etc/polkit-1/rules.d; do
  mount -t tmpfs -o mode=0755 inspector-smoke "$dir"
done
sed "s|/usr/lib/inspector/inspector-helper|$kit/inspector-helper|" \
  packaging/org.inspector.helper.policy >"/usr/share/polkit-1/actions/$action.policy"
cat >/etc/polkit-1/rules.d/10-inspector-smoke.rules <<RULE
polkit.addRule(function (action, subject) {
    if (action.id == "$action" && subject.user == "$user") { return polkit.Result.YES; }
});
RULE
dbus-daemon --system --nofork --nopidfile 2>"$work/dbus.log" &
pids+=($!)
for _ in $(seq 100); do [ -S /run/dbus/system_bus_socket ] && break; sleep 0.1; done
/usr/lib/polkit-1/polkitd >"$work/polkitd.log" 2>&1 &
pids+=($!)
owned() {
  dbus-send --system --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.PolicyKit1 2>/dev/null | grep -q "boolean true"
}
for _ in $(seq 100); do owned && break; sleep 0.1; done
pkaction --action-id "$action" >/dev/null || fail "polkitd does not know $action"

image="$work/polkit.ext4"
truncate -s 24M "$image"
mkfs.ext4 -q -L FIELDKIT -d "$work/demo" "$image"
chmod 644 "$image"
# Not inside `unshare -n` as the other smoke checks: the kernel sends uevents only to the
# first network namespace, and the scan waits for udev's events of the loop it attaches.
as() {  # as USER CMD...: an ordinary user's session
  local who=$1; shift
  runuser -u "$who" -- env -i PATH=/usr/bin:/bin HOME="$work/home" \
    INSPECTOR_DATA_DIR="$work/home/polkit-$who" "$@"
}
as "$user" "$kit/inspector" scan "$image" --json --budget 2 >"$work/polkit-scan.json" \
  || fail "$user scan through pkexec: $(tail -1 "$work/polkitd.log")"
python3 - "$work/polkit-scan.json" <<'PY' || fail "granted scan"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["complete"] and doc["device"]["read_only"] and doc["device"]["path"].startswith("/dev/loop"), doc["device"]
assert doc["filesystem"]["label"] == "FIELDKIT" and doc["survey"]["files"] > 0, doc["filesystem"]
print(f"smoke: polkit: {sys.argv[1].split('/')[-1]}: granted by a rule, scanned {doc['survey']['files']} files on a read-only {doc['device']['path']}")
PY
if as nobody "$kit/inspector" scan "$image" --json >/dev/null 2>"$work/denied.err"; then
  fail "nobody was let through"
fi
[ "$(wc -l <"$work/denied.err")" -le 1 ] && grep -q "polkit did not authorise" "$work/denied.err" \
  || fail "the refusal is not one clear line: $(cat "$work/denied.err")"
if losetup --list --noheadings --output BACK-FILE | grep -qF "$image"; then
  fail "a loop device over the image stayed attached"
fi
echo "smoke: polkit: refused for nobody in one line: $(cat "$work/denied.err")"
