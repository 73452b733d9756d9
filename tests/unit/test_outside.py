"""Data outside the filesystem: the comparison, its warning, its JSON and its weight in the
figures a verdict uses."""

from __future__ import annotations

from inspector.core.case.verdicts import drive_figures
from inspector.core.content.result import ContentResult
from inspector.core.media.drives.model import FilesystemInfo
from inspector.core.media.raw_result import RawResult, RawShare
from inspector.core.scan.from_json import scan_from_json
from inspector.core.scan.outside import JournalState, compare, outside_json, warning_of
from inspector.core.scan.result import ScanResult
from inspector.core.scan.to_json import scan_json
from inspector.core.survey.walk import SurveyResult
from inspector.core.units import format_size

MB = 1 << 20
SIZE = 100 * MB


def _raw(zero: float, ci: tuple[float, float], samples: int = 5000) -> RawResult:
    shares = (
        RawShare("zero", zero, ci),
        RawShare("high-entropy", 1 - zero, (1 - ci[1], 1 - ci[0])),
        RawShare("text", 0.0, (0.0, 0.001)),
        RawShare("structured", 0.0, (0.0, 0.001)),
    )
    return RawResult(SIZE, 4096, samples, 1, "ext", "filesystem", shares, 1.0, True)


def _fs(used: int, size: int = 95 * MB) -> FilesystemInfo:
    return FilesystemInfo("ext4", None, None, size, used, size - used, used / size)


def test_written_beyond_used_space_and_metadata_is_reported_with_both_figures():
    check = compare(0, _fs(used=2 * MB), _raw(0.6, (0.59, 0.61)))
    lo, hi = check.written_ci_bytes
    assert lo <= 40 * MB <= hi and check.exceeds
    assert check.excess_bytes == lo - 2 * MB - 5 * MB  # metadata: device minus fs size
    note = warning_of(check, "/dev/sdb")
    assert note is not None and "data outside the filesystem" in note
    assert f"finds {format_size(check.written_bytes)} written" in note  # the raw figure ...
    assert f"{format_size(lo)}–{format_size(hi)}" in note  # ... its interval ...
    assert f"uses {format_size(2 * MB)} of" in note  # ... and the filesystem's


def test_used_space_within_the_interval_is_no_warning():
    check = compare(0, _fs(used=38 * MB), _raw(0.6, (0.59, 0.61)))
    assert not check.exceeds and warning_of(check, "/dev/sdb") is None


def test_a_journal_needing_recovery_is_said_even_without_excess():
    journal = JournalState(True, logged_blocks=120, transactions=3, block_size=1024, tool="t")
    check = compare(0, _fs(used=38 * MB), _raw(0.6, (0.59, 0.61)), journal)
    note = warning_of(check, "/dev/sdb")
    assert note is not None
    assert "the journal holds changes that a read-only mount does not show" in note
    assert outside_json(check)["journal"]["logged_blocks"] == 120


def test_excess_counts_as_used_and_unknown_content_in_the_figures():
    survey = SurveyResult("/", 3, 1, 0, 0, 2 * MB, 2 * MB, 0, ())
    content = ContentResult(method="full", samples=3, files_identified=3)
    check = compare(0, _fs(used=2 * MB), _raw(0.6, (0.59, 0.61)))
    base = ScanResult("/dev/x", True, 1.0, survey, content, filesystem=_fs(used=2 * MB))
    with_check = ScanResult(
        "/dev/x", True, 1.0, survey, content, filesystem=_fs(used=2 * MB), outside=(check,)
    )
    plain, outside = drive_figures(base, SIZE), drive_figures(with_check, SIZE)
    assert outside.used_bytes == plain.used_bytes + check.excess_bytes
    assert outside.ai_bytes.hi >= plain.ai_bytes.hi + 0.5 * check.excess_bytes
    back = scan_from_json(scan_json(with_check))
    assert back.outside[0].excess_bytes == check.excess_bytes and not back.removed
