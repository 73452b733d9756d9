"""Which physical drive is this? A stable identity, and dedupe across re-plugs.

Order of trust: the WWN (world-wide, burnt in), else serial + model + capacity, else the set of
filesystem UUIDs, else the device path (a blank disk without serial: nothing better exists).
An image on a loop device is keyed by its file name, size and filesystem UUIDs or labels.
Cheap USB bridges report their own serial for every disk behind them: two drives present at
once with the same serial are flagged and fall back to the next key.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import Counter
from collections.abc import Iterable

from inspector.core.media.drives.model import Drive


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    # Placeholder serials some bridges and firmwares report instead of a real one.
    if not value or value.strip("0") == "" or value.lower() in {"none", "n/a", "default string"}:
        return None
    return value


def drive_identity(drive: Drive, *, trust_serial: bool = True) -> str:
    wwn = _clean(drive.wwn)
    if wwn:
        return f"wwn:{wwn.lower()}"
    serial = _clean(drive.serial)
    if trust_serial and serial:
        return f"serial:{drive.model or '?'}:{serial}:{drive.capacity_bytes}"
    uuids = sorted({p.fs_uuid for p in drive.partitions if p.fs_uuid})
    if drive.backing_file:
        # An image on a loop device: /dev/loopN changes on every attach; the file's name, its
        # size and its filesystems' UUIDs (labels when there are none) stay the same.
        name = os.path.basename(drive.backing_file.removesuffix(" (deleted)"))
        labels = uuids or sorted({p.fs_label for p in drive.partitions if p.fs_label})
        return f"image:{name}:{drive.capacity_bytes}:" + ",".join(labels)
    if uuids:
        return "fs:" + ",".join(uuids)
    return f"path:{drive.path}:{drive.capacity_bytes}"


def with_identity(drive: Drive) -> Drive:
    return dataclasses.replace(drive, identity=drive_identity(drive))


def dedupe_serials(drives: Iterable[Drive]) -> list[Drive]:
    """Recompute identities of drives present together: shared serials are not trusted."""
    drives = list(drives)
    serials = Counter(s for d in drives if (s := _clean(d.serial)) and not _clean(d.wwn))
    out = []
    for d in drives:
        serial = _clean(d.serial)
        if serial and serials[serial] > 1 and not _clean(d.wwn):
            note = (
                f"serial {serial} is reported by {serials[serial]} drives at once "
                "(a USB bridge's own serial?): identified by filesystem UUIDs instead"
            )
            warnings = d.warnings if note in d.warnings else (*d.warnings, note)
            d = dataclasses.replace(
                d, identity=drive_identity(d, trust_serial=False), warnings=warnings
            )
        else:
            d = with_identity(d)
        out.append(d)
    return _separate_clones(out)


def _separate_clones(drives: list[Drive]) -> list[Drive]:
    """Two drives present at once with the same identity (sector-for-sector clones share their
    filesystem UUIDs) are two drives: tell them apart by port (or device path) and say so."""
    counts = Counter(d.identity for d in drives)
    out = []
    for d in drives:
        if counts[d.identity] > 1:
            where = d.port_path or d.path
            note = f"identical identity to another drive present ({d.identity}): a clone?"
            warnings = d.warnings if note in d.warnings else (*d.warnings, note)
            d = dataclasses.replace(d, identity=f"{d.identity}@{where}", warnings=warnings)
        out.append(d)
    return out


class DriveRegistry:
    """Drives seen in one session: a re-plugged drive is recognised, not counted twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, Drive] = {}

    def observe(self, drive: Drive) -> bool:
        """Remember `drive`; True when this identity was seen before (a re-plug or a change)."""
        with self._lock:
            known = drive.identity in self._seen
            self._seen[drive.identity] = drive
            return known

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)

    def get(self, identity: str) -> Drive | None:
        with self._lock:
            return self._seen.get(identity)
