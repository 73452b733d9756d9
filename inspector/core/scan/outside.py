"""Data outside the filesystem: compare what a mounted filesystem says it uses with a raw
estimate of the written blocks of the same device.

A filesystem's used space counts only live files. Deleted files, a journal that a read-only
mount did not replay (`noload`/`norecovery`: those files are on the device but not in the
view), a hidden volume or data left from before a quick format all sit in blocks the
filesystem calls free. A short raw sample (a few seconds, blocks read `O_DIRECT`) estimates the
written share; when its lower 95 % bound exceeds the used space plus the filesystem's own
metadata, the officer is told, with both figures and the view each comes from.

Journal state comes from read-only tools: `dumpe2fs -h` (needs_recovery) and `debugfs -c -R
"logdump -a"` (the blocks the journal would write back) for ext3/4, `xfs_logprint -t` for xfs. Each
opens the device read-only; none replays anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from inspector.core.media.drives.model import FilesystemInfo
from inspector.core.media.drives.sysfs import tool_output
from inspector.core.media.raw_result import RawResult, raw_from_json, raw_json
from inspector.core.units import format_size

FS_VIEW = "the read-only mount (journal not replayed)"
RAW_VIEW = "raw blocks of the device (non-zero 4 KiB blocks, sampled)"
JOURNAL_VIEW = "the journal as read-only e2fsprogs/xfsprogs tools read it (not replayed)"


@dataclass(frozen=True, slots=True)
class JournalState:
    needs_recovery: bool
    logged_blocks: int | None = None  # blocks the journal would write back (ext3/4)
    transactions: int | None = None
    block_size: int | None = None
    tool: str = ""


@dataclass(frozen=True, slots=True)
class OutsideCheck:
    """One mounted filesystem against the raw written blocks of its device."""

    partition: int
    fs_type: str | None
    device_bytes: int
    fs_size_bytes: int
    fs_used_bytes: int
    written_bytes: int
    written_ci_bytes: tuple[int, int]
    excess_bytes: int  # raw written (lower bound) beyond used space + metadata; 0 = none
    raw: RawResult
    journal: JournalState | None = None

    @property
    def exceeds(self) -> bool:
        return self.excess_bytes > 0


def compare(
    partition: int,
    filesystem: FilesystemInfo,
    raw: RawResult,
    journal: JournalState | None = None,
) -> OutsideCheck:
    size = raw.size_bytes
    written = raw.written
    lo, hi = round(written.ci[0] * size), round(written.ci[1] * size)
    # Blocks the filesystem keeps for itself (superblocks, bitmaps, inode tables, journal) are
    # outside its size in statvfs but may well be written: allowed for.
    metadata = max(0, size - filesystem.size_bytes)
    excess = lo - filesystem.used_bytes - metadata if raw.samples else 0
    return OutsideCheck(
        partition=partition,
        fs_type=filesystem.type,
        device_bytes=size,
        fs_size_bytes=filesystem.size_bytes,
        fs_used_bytes=filesystem.used_bytes,
        written_bytes=round(written.share * size),
        written_ci_bytes=(lo, hi),
        excess_bytes=max(0, excess),
        raw=raw,
        journal=journal,
    )


def warning_of(check: OutsideCheck, where: str) -> str | None:
    notes = []
    j = check.journal
    if j is not None and j.needs_recovery:
        held = ""
        if j.logged_blocks is not None and j.block_size:
            held = (
                f" ({j.logged_blocks:,} blocks, {format_size(j.logged_blocks * j.block_size)}, "
                f"in {j.transactions or 0:,} transactions, from {j.tool})"
            )
        notes.append(
            f"{where}: the journal holds changes that a read-only mount does not show{held}; "
            "figures below are from the mount without replay"
        )
    if check.exceeds:
        lo, hi = check.written_ci_bytes
        notes.append(
            f"{where}: data outside the filesystem — raw sampling finds "
            f"{format_size(check.written_bytes)} written (95 %: {format_size(lo)}–"
            f"{format_size(hi)}, {check.raw.samples:,} blocks; {RAW_VIEW}) but the filesystem "
            f"uses {format_size(check.fs_used_bytes)} of {format_size(check.fs_size_bytes)} "
            f"({FS_VIEW}): deleted data, an unreplayed journal, a hidden volume or slack"
        )
    return "; ".join(notes) or None


def outside_json(c: OutsideCheck) -> dict[str, object]:
    j = c.journal
    return {
        "partition": c.partition,
        "fs_type": c.fs_type,
        "device_bytes": c.device_bytes,
        "fs_size_bytes": c.fs_size_bytes,
        "fs_used_bytes": c.fs_used_bytes,
        "fs_view": FS_VIEW,
        "written_bytes": c.written_bytes,
        "written_ci_bytes": list(c.written_ci_bytes),
        "raw_view": RAW_VIEW,
        "samples": c.raw.samples,
        "raw": raw_json(c.raw),
        "excess_bytes": c.excess_bytes,
        "exceeds": c.exceeds,
        "journal": None
        if j is None
        else {
            "needs_recovery": j.needs_recovery,
            "logged_blocks": j.logged_blocks,
            "transactions": j.transactions,
            "block_size": j.block_size,
            "view": JOURNAL_VIEW,
            "tool": j.tool,
        },
    }


def outside_from_json(d: dict[str, Any]) -> OutsideCheck:
    j = d.get("journal")
    journal = (
        None
        if j is None
        else JournalState(
            bool(j.get("needs_recovery")),
            j.get("logged_blocks"),
            j.get("transactions"),
            j.get("block_size"),
            str(j.get("tool", "")),
        )
    )
    lo, hi = d.get("written_ci_bytes", (0, 0))
    return OutsideCheck(
        partition=int(d.get("partition", 0)),
        fs_type=d.get("fs_type"),
        device_bytes=int(d.get("device_bytes", 0)),
        fs_size_bytes=int(d.get("fs_size_bytes", 0)),
        fs_used_bytes=int(d.get("fs_used_bytes", 0)),
        written_bytes=int(d.get("written_bytes", 0)),
        written_ci_bytes=(int(lo), int(hi)),
        excess_bytes=int(d.get("excess_bytes", 0)),
        raw=raw_from_json(d["raw"]),
        journal=journal,
    )


def ext_journal(device: str) -> JournalState | None:
    """needs_recovery and what the journal holds, from e2fsprogs opened read-only (`dumpe2fs`
    and `debugfs -c` never write; catastrophic mode skips the bitmaps)."""
    head = tool_output(["dumpe2fs", "-h", device])
    if head is None:
        return None
    features = re.search(r"^Filesystem features:\s*(.*)$", head, re.MULTILINE)
    if features is None or "has_journal" not in features.group(1).split():
        return None
    if "needs_recovery" not in features.group(1).split():
        return JournalState(False, tool="dumpe2fs -h")
    size = re.search(r"^Block size:\s*(\d+)", head, re.MULTILINE)
    log = tool_output(["debugfs", "-c", "-R", "logdump -a", device]) or ""
    logged = len(re.findall(r"FS block \d+ logged at", log))
    transactions = len(re.findall(r"\(commit block\)", log))
    return JournalState(
        True,
        logged_blocks=logged if log else None,
        transactions=transactions if log else None,
        block_size=int(size.group(1)) if size else None,
        tool="dumpe2fs -h, debugfs -c logdump",
    )


def xfs_journal(device: str) -> JournalState | None:
    out = tool_output(["xfs_logprint", "-t", device])
    if out is None:
        return None
    return JournalState("<DIRTY>" in out, tool="xfs_logprint -t")


def journal_state(fs_type: str | None, device: str) -> JournalState | None:
    if fs_type in ("ext3", "ext4"):
        return ext_journal(device)
    if fs_type == "xfs":
        return xfs_journal(device)
    return None
