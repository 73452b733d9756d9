"""The desk as the officer through the real pkexec and polkitd, not a stand-in.

CI machines run no system bus and no polkitd, so the test brings both up in a private mount
namespace of its own (`unshare --mount`): a tmpfs over /run/dbus holds that bus's socket, a
tmpfs over /usr/share/polkit-1/actions holds Inspector's policy (packaging/, with exec.path
naming this environment's helper instead of /usr/lib/inspector's), and a tmpfs over
/etc/polkit-1/rules.d holds two test rules: one grants the action to one throw-away user, one
denies it to another. Nothing of it is visible outside the namespace, and it all goes when
the namespace's processes (stopped by pid) are gone. Without an authentication agent polkit
can only say yes or no through rules, which is what a site's rule for its officers does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from inspector.core.media.mounts import mount_table
from inspector.core.media.privileged import POLKIT_ACTION, mount_root_for
from tests.device import images
from tests.device.conftest import b3, loops_over
from tests.device.test_unprivileged import HELPER, ROOT, Officer, as_officer, throwaway_officer

POLKITD = "/usr/lib/polkit-1/polkitd"
POLICY = os.path.join(ROOT, "packaging", "org.inspector.helper.policy")
RULE = """polkit.addRule(function (action, subject) {
    if (action.id == "%s" && subject.user == "%s") { return polkit.Result.%s; }
});
"""
SETUP = """set -e
for dir in /run/dbus /etc/polkit-1/rules.d /usr/share/polkit-1/actions; do
  mount -t tmpfs -o mode=0755 inspector-polkit-test "$dir"
done
echo ready
exec sleep 600
"""


class Namespace:
    """A private mount namespace held open by a sleeping root process; `inside` enters it."""

    def __init__(self) -> None:
        self.holder = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", SETUP],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.holder.stdout is not None
        if self.holder.stdout.readline().strip() != "ready":
            self.holder.wait(10)
            raise AssertionError("the private mount namespace could not be set up")
        self.inside = ("nsenter", f"--target={self.holder.pid}", "--mount")
        self.root = f"/proc/{self.holder.pid}/root"  # its view of the file system, from here
        self.daemons: list[subprocess.Popen[bytes]] = []

    def write(self, path: str, text: str) -> None:
        with open(self.root + path, "w") as f:
            f.write(text)

    def start(self, *command: str, log: str) -> None:
        with open(log, "wb") as out:  # nsenter execs the command: the pid is the daemon's
            self.daemons.append(
                subprocess.Popen([*self.inside, *command], stdout=out, stderr=subprocess.STDOUT)
            )

    def stop(self) -> None:
        if self.holder.stdout is not None:
            self.holder.stdout.close()
        for process in [*reversed(self.daemons), self.holder]:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)


def _wait_for(check, what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not come up in {seconds:g} s")
        time.sleep(0.1)


@contextmanager
def private_polkit(granted: str, denied: str, logs: str) -> Iterator[Namespace]:
    ns = Namespace()
    try:
        with open(POLICY) as f:
            policy = f.read().replace("/usr/lib/inspector/inspector-helper", HELPER)
        assert HELPER in policy
        ns.write(f"/usr/share/polkit-1/actions/{POLKIT_ACTION}.policy", policy)
        ns.write(
            "/etc/polkit-1/rules.d/10-inspector-test-grant.rules",
            RULE % (POLKIT_ACTION, granted, "YES"),
        )
        ns.write(
            "/etc/polkit-1/rules.d/10-inspector-test-deny.rules",
            RULE % (POLKIT_ACTION, denied, "NO"),
        )
        ns.start("dbus-daemon", "--system", "--nofork", "--nopidfile", log=f"{logs}/dbus.log")
        _wait_for(lambda: os.path.exists(ns.root + "/run/dbus/system_bus_socket"), "the bus")
        ns.start(POLKITD, log=f"{logs}/polkitd.log")

        def owned() -> bool:  # asked without activation: the bus would start a second polkitd
            query = [
                *ns.inside,
                "dbus-send",
                "--system",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
            ]
            query += ["/", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.PolicyKit1"]
            done = subprocess.run(query, capture_output=True, text=True, check=False)
            return "boolean true" in done.stdout

        _wait_for(owned, "polkitd on the test's bus")
        query = [*ns.inside, "pkaction", "--action-id", POLKIT_ACTION]
        assert subprocess.run(query, capture_output=True, check=False).returncode == 0, (
            "polkitd does not know Inspector's action"
        )
        yield ns
    finally:
        ns.stop()


@pytest.fixture(scope="module")
def polkit() -> Iterator[tuple[Officer, Officer, Namespace]]:
    for tool in ("unshare", "nsenter", "dbus-daemon", "dbus-send", "pkexec", "pkaction"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (polkitd, pkexec, dbus-daemon packages)")
    if not os.access(POLKITD, os.X_OK):
        pytest.skip(f"{POLKITD} is not installed (polkitd package)")
    pkexec = shutil.which("pkexec") or "pkexec"
    with (
        throwaway_officer("pk", lambda _home: pkexec) as granted,
        throwaway_officer("pn", lambda _home: pkexec) as denied,
        private_polkit(granted.name, denied.name, granted.home) as ns,
    ):
        yield granted, denied, ns


def test_polkit_grants_the_helper_and_the_officer_scans_a_read_only_loop(polkit):
    officer, _denied, ns = polkit
    d = officer.home
    p1 = os.path.join(d, "p1.ext4")
    images.make_ext4(p1, "POLKIT", size=24 * images.MB)
    gpt = os.path.join(d, "stick.img")
    images.make_gpt(gpt, [p1])
    os.chmod(gpt, 0o644)
    before = b3(gpt)

    out = as_officer(
        officer, "scan", gpt, "--json", "--budget", "3", "--seed", "1", inside=ns.inside
    )
    assert out.returncode == 0, out.stderr + Path(d, "polkitd.log").read_text()
    doc = json.loads(out.stdout)
    assert doc["complete"] is True and doc["device"]["read_only"] is True
    (part,) = doc["partitions"]
    assert part["fs_type"] == "ext4" and part["filesystem"]["label"] == "POLKIT"
    assert part["survey"]["files"] == images.TREE_FILES
    assert b3(gpt) == before
    assert not loops_over(d), "a loop device stayed attached"
    root = ns.root + mount_root_for(officer.uid)  # the helper made it inside the namespace
    assert os.listdir(root) == [], "a mount point stayed behind"
    assert not [m for m in mount_table() if m.mountpoint.startswith(mount_root_for(officer.uid))]


def test_polkit_denies_the_helper_with_one_line_and_nothing_written(polkit):
    _granted, officer, ns = polkit
    d = officer.home
    image = os.path.join(d, "denied.img")
    images.make_vfat(image, "DENIED", size=8 * images.MB)
    os.chmod(image, 0o644)
    before = b3(image)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return as_officer(officer, *args, inside=ns.inside)

    opened = cli("case", "open", "--officer", "Denied Officer", "--json")
    assert opened.returncode == 0, opened.stderr
    case = str(json.loads(opened.stdout)["case"]["id"])
    assert cli("case", "traveler", case, "--name", "Li Wei", "--json").returncode == 0
    out = cli("scan", image, "--json", "--case", case, "--traveler", "Li Wei")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert "polkit did not authorise" in lines[0] and POLKIT_ACTION in lines[0], lines[0]
    assert b3(image) == before
    assert not loops_over(d), "a loop device was attached for a denied user"
    root = ns.root + mount_root_for(officer.uid)
    assert not os.path.exists(root) or os.listdir(root) == []
    # The case keeps the honest record scan_case.py makes of any failed scan: the drive was
    # presented and stays incomplete, with the refusal in the audit log and no result.
    shown = json.loads(cli("case", "show", case, "--json").stdout)
    assert shown["verdict"] != "clear" and shown["travelers"][0]["verdict"] != "clear", shown
    assert shown["travelers"][0]["totals"]["files"] == 0
    assert any("could not be read" in item for item in shown["open_items"]), shown["open_items"]
    (drive,) = shown["travelers"][0]["drives"]
    assert drive["state"] == "incomplete" and drive["result_hash"] is None
    assert cli("audit", "verify").returncode == 0
