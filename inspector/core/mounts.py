"""Which mounted filesystem holds a path (from /proc/self/mounts, via psutil)."""

from __future__ import annotations

import os

import psutil


def mount_of(path: str) -> tuple[str, str, str] | None:
    """Return (device, mountpoint, fstype) of the mount holding `path`, or None."""
    real = os.path.realpath(path)
    best: tuple[str, str, str] | None = None
    for part in psutil.disk_partitions(all=True):
        mp = part.mountpoint
        inside = real == mp or real.startswith(mp.rstrip("/") + "/")
        if inside and (best is None or len(mp) >= len(best[1])):
            best = (part.device, mp, part.fstype)
    return best
