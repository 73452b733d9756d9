"""`inspector.scan/1` JSON documents from ScanResult (the CLI and reports use this edge)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from inspector.core.media.raw_result import raw_json
from inspector.core.scan.result import SCAN_SCHEMA, PartitionResult, ScanResult

if TYPE_CHECKING:
    from inspector.core.content.result import ContentResult
    from inspector.core.media.drives.model import FilesystemInfo
    from inspector.core.survey.walk import SurveyResult


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def survey_json(s: SurveyResult) -> dict[str, Any]:
    doc = {
        "files": s.files,
        "dirs": s.dirs,
        "symlinks": s.symlinks,
        "other": s.other,
        "bytes": s.bytes,
        "allocated_bytes": s.allocated_bytes,
        "errors": s.errors,
        "by_extension": [
            {"ext": e.ext, "files": e.files, "bytes": e.bytes} for e in s.by_extension
        ],
    }
    if s.estimated:  # not walked to the end: the counts above are these estimates
        estimated: dict[str, Any] = {"basis": s.basis, "confidence": 0.95}
        for name, value, lo, hi in s.estimated:
            estimated[name] = {"estimate": round(value), "ci": [round(lo), round(hi)]}
        doc["estimated"] = estimated
    return doc


def content_json(c: ContentResult) -> dict[str, Any]:
    out: dict[str, Any] = _plain(c)
    return out


def filesystem_json(f: FilesystemInfo | None) -> dict[str, Any] | None:
    return None if f is None else _plain(f)


def partition_json(p: PartitionResult) -> dict[str, Any]:
    return {
        "path": p.path,
        "number": p.number,
        "start_bytes": p.start_bytes,
        "size_bytes": p.size_bytes,
        "fs_type": p.fs_type,
        "filesystem": filesystem_json(p.filesystem),
        "survey": None if p.survey is None else survey_json(p.survey),
        "content": None if p.content is None else content_json(p.content),
        "raw": None if p.raw is None else raw_json(p.raw),
    }


def scan_json(r: ScanResult) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": SCAN_SCHEMA,
        "target": r.target,
        "complete": r.complete,
        "elapsed_s": round(r.elapsed_s, 3),
        "device": None if r.device is None else _plain(r.device),
        "filesystem": filesystem_json(r.filesystem),
        "survey": survey_json(r.survey),
        "content": content_json(r.content),
        "raw": None if r.raw is None else raw_json(r.raw),
        "warnings": list(r.warnings),
        "removed": r.removed,
        "outside_filesystem": _outside(r),
        # what no walk could count (files unknown there, not zero): derived, so not read back
        "unsurveyed": [
            {"where": u.where, "size_bytes": u.size_bytes, "finding": u.finding}
            for u in r.unsurveyed
        ],
    }
    if r.partitions:
        doc["partitions"] = [partition_json(p) for p in r.partitions]
    return doc


def _outside(r: ScanResult) -> list[dict[str, Any]]:
    if not r.outside:  # a folder scan: the device checks' code is never imported
        return []
    from inspector.core.scan.outside import outside_json

    return [outside_json(c) for c in r.outside]
