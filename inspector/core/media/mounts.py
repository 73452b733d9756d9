"""Which mounted filesystem holds a path, and the mount table itself (/proc/self/mounts)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass


def mount_of(path: str) -> tuple[str, str, str] | None:
    """Return (device, mountpoint, fstype) of the mount holding `path`, or None (the last
    of stacked mounts on one mountpoint, as the kernel shows it)."""
    real = os.path.realpath(path)
    best: MountEntry | None = None
    for entry in mount_table():
        mp = entry.mountpoint
        inside = real == mp or real.startswith(mp.rstrip("/") + "/")
        if inside and (best is None or len(mp) >= len(best.mountpoint)):
            best = entry
    return None if best is None else (best.device, best.mountpoint, best.fs_type)


@dataclass(frozen=True, slots=True)
class MountEntry:
    device: str
    mountpoint: str
    fs_type: str
    options: frozenset[str]

    @property
    def read_only(self) -> bool:
        return "ro" in self.options


def _unescape(field: str) -> str:
    """/proc/mounts escapes space, tab, newline and backslash as octal (\\040 ...)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mount_table(text: str) -> list[MountEntry]:
    entries = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        entries.append(
            MountEntry(
                device=_unescape(fields[0]),
                mountpoint=_unescape(fields[1]),
                fs_type=fields[2],
                options=frozenset(fields[3].split(",")),
            )
        )
    return entries


def mount_table(path: str = "/proc/self/mounts") -> list[MountEntry]:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            return parse_mount_table(f.read())
    except OSError:
        return []
