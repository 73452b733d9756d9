"""PolkitHelper, the officer's side: each Privileged call becomes one helper request through
the escalation program, and a refusal comes back as one line (no root needed: a stand-in
escalation program records the request and answers as the helper would)."""

from __future__ import annotations

import os
import stat

import pytest

from inspector.core.media import privileged
from inspector.core.media.privileged import AccessError, PolkitHelper, default_privileged

FAKE = """#!/bin/sh
# stand-in for pkexec + helper: record the request, answer like the helper
shift  # the helper's path
echo "$*" >> "$LOG"
case "$1" in
  attach-loop) echo /dev/loop7 ;;
  mount) echo "inspector-helper: refused: mount: options 'rw' are not the read-only set" >&2
         exit 2 ;;
esac
"""


@pytest.fixture
def helper(tmp_path, monkeypatch) -> tuple[PolkitHelper, str]:
    escalate = tmp_path / "pkexec"
    escalate.write_text(FAKE)
    escalate.chmod(escalate.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "requests"
    monkeypatch.setenv("LOG", str(log))
    return PolkitHelper("/usr/lib/inspector/inspector-helper", str(escalate)), str(log)


def test_calls_become_helper_requests(helper):
    client, log = helper
    assert client.attach_loop("/data/stick.img", partscan=True) == "/dev/loop7"
    client.attach_loop("/dev/loop7", offset=1048576, size=4096)
    client.set_read_only("/dev/loop7")
    client.set_read_only("/dev/loop7", False)
    client.mount_root  # noqa: B018 - a property that prepares the root when it is missing
    client.remount_bind("/run/inspector/1/x/p1", "ro,nosuid,nodev,noexec")
    client.unmount("/run/inspector/1/x/p1")
    with open(log) as f:
        requests = f.read().splitlines()
    assert requests[:4] == [
        "attach-loop /data/stick.img 0 - partscan",
        "attach-loop /dev/loop7 1048576 4096 nopartscan",
        "set-read-only /dev/loop7 on",
        "set-read-only /dev/loop7 off",
    ]
    assert requests[-2:] == [
        "remount-bind /run/inspector/1/x/p1 ro,nosuid,nodev,noexec",
        "unmount /run/inspector/1/x/p1",
    ]
    prepared = "prepare" in requests
    assert prepared == (not os.path.isdir(privileged.mount_root_for(os.getuid())))


def test_a_refusal_is_one_line(helper):
    client, _log = helper
    with pytest.raises(AccessError) as exc:
        client.mount("/dev/loop7", "/run/inspector/1/x/p1", "ext4", "rw", None)
    message = str(exc.value)
    assert message.startswith("/dev/loop7: cannot mount read-only: inspector-helper: refused:")
    assert "\n" not in message


def test_not_root_chooses_the_helper(helper, monkeypatch):
    _client, _log = helper
    monkeypatch.setattr(privileged.os, "geteuid", lambda: 1000)
    monkeypatch.setenv(privileged.ESCALATE_ENV, _client.escalate)
    monkeypatch.setenv("INSPECTOR_HELPER", "/opt/inspector/inspector-helper")
    chosen = default_privileged()
    assert isinstance(chosen, PolkitHelper)
    assert chosen.helper == "/opt/inspector/inspector-helper"
    assert chosen.escalate == _client.escalate
