"""Test helpers for cases: stores in a temporary data dir and scan results with content."""

from __future__ import annotations

from inspector.core.content.result import CategoryShare, ContentResult, DisguisedShare
from inspector.core.media.drives.model import DeviceInfo, FilesystemInfo
from inspector.core.scan.result import ScanResult
from inspector.core.survey.walk import ExtensionStat, SurveyResult

TB = 10**12


def sampled_scan(
    used: int,
    shares: dict[str, tuple[float, float, float]],
    *,
    capacity: int | None = None,
    serial: str = "S1",
    files: int = 1000,
    complete: bool = True,
) -> ScanResult:
    """A sampled scan: `shares` maps category -> (share, ci_lo, ci_hi) of `used` bytes."""
    capacity = capacity if capacity is not None else used * 2
    cats = tuple(
        CategoryShare(c, s, (lo, hi), int(s * used), int(s * files))
        for c, (s, lo, hi) in shares.items()
    )
    return ScanResult(
        target=f"/dev/{serial}",
        complete=complete,
        elapsed_s=1.0,
        survey=SurveyResult(
            "/", files, 10, 0, 0, used, used, 0, (ExtensionStat("bin", files, used),)
        ),
        content=ContentResult(
            "sampled", 2401, 2401 * 4096, 7, 0.95, cats, (), DisguisedShare(0.0, (0.0, 0.001))
        ),
        device=DeviceInfo(f"/dev/{serial}", "Model", serial, None, "usb", capacity, True),
        filesystem=FilesystemInfo(
            "ext4",
            None,
            None,
            capacity,
            used,
            capacity - used,
            used / capacity if capacity else 0.0,
        ),
    )
