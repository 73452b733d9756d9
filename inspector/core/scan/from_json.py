"""`inspector.scan/1` JSON back into a ScanResult (the store keeps results as JSON documents).

The inverse of scan_json.scan_json. Tolerant of keys a later writer adds, and of keys an older
writer did not have (defaults), so stored cases stay readable as the contract grows.
"""

from __future__ import annotations

from typing import Any

from inspector.core.content.result import (
    CONFIDENCE,
    CategoryShare,
    ContentResult,
    DisguisedShare,
    FormatShare,
)
from inspector.core.errors import InspectorError
from inspector.core.media.drives.model import DeviceInfo, FilesystemInfo
from inspector.core.media.raw_result import raw_from_json
from inspector.core.scan.outside import outside_from_json
from inspector.core.scan.result import SCAN_SCHEMA, PartitionResult, ScanResult
from inspector.core.survey.walk import ExtensionStat, SurveyResult


class ScanDocumentError(InspectorError):
    """A stored scan document is not a readable inspector.scan/1 document."""


def _ci(raw: Any) -> tuple[float, float]:
    lo, hi = raw if raw else (0.0, 0.0)
    return float(lo), float(hi)


def survey_from_json(d: dict[str, Any], root: str) -> SurveyResult:
    est = d.get("estimated") or {}
    return SurveyResult(
        root=root,
        files=int(d.get("files", 0)),
        dirs=int(d.get("dirs", 0)),
        symlinks=int(d.get("symlinks", 0)),
        other=int(d.get("other", 0)),
        bytes=int(d.get("bytes", 0)),
        allocated_bytes=int(d.get("allocated_bytes", 0)),
        errors=int(d.get("errors", 0)),
        by_extension=tuple(
            ExtensionStat(str(e["ext"]), int(e["files"]), int(e["bytes"]))
            for e in d.get("by_extension", ())
        ),
        estimated=tuple(
            (k, float(est[k]["estimate"]), float(est[k]["ci"][0]), float(est[k]["ci"][1]))
            for k in ("files", "bytes", "dirs")
            if k in est
        ),
        basis=str(est.get("basis", "")),
        complete=not est,
    )


def content_from_json(d: dict[str, Any]) -> ContentResult:
    dis = d.get("disguised") or {}
    return ContentResult(
        method=d.get("method", "none"),
        samples=int(d.get("samples", 0)),
        sampled_bytes=int(d.get("sampled_bytes", 0)),
        seed=d.get("seed"),
        confidence=float(d.get("confidence", CONFIDENCE)),
        categories=tuple(
            CategoryShare(
                category=str(c["category"]),
                bytes_share=float(c["bytes_share"]),
                ci=_ci(c.get("ci")),
                bytes_estimate=int(c.get("bytes_estimate", 0)),
                files_estimate=int(c.get("files_estimate", 0)),
            )
            for c in d.get("categories", ())
        ),
        formats=tuple(
            FormatShare(str(f["format"]), str(f["category"]), float(f["bytes_share"]), _ci(f["ci"]))
            for f in d.get("formats", ())
        ),
        disguised=DisguisedShare(
            float(dis.get("files_share", 0.0)),
            _ci(dis.get("ci")),
            tuple(str(x) for x in dis.get("examples", ())),
        ),
        file_samples=int(d.get("file_samples", 0)),
        files_identified=int(d.get("files_identified", 0)),
        errors=int(d.get("errors", 0)),
        precision=d.get("precision"),
        stopped=str(d.get("stopped", "")),
        spent_s=float(d.get("spent_s", 0.0)),
    )


def _filesystem(d: dict[str, Any] | None) -> FilesystemInfo | None:
    if d is None:
        return None
    return FilesystemInfo(
        type=d.get("type"),
        uuid=d.get("uuid"),
        label=d.get("label"),
        size_bytes=int(d.get("size_bytes", 0)),
        used_bytes=int(d.get("used_bytes", 0)),
        free_bytes=int(d.get("free_bytes", 0)),
        fill_ratio=float(d.get("fill_ratio", 0.0)),
    )


def _device(d: dict[str, Any] | None) -> DeviceInfo | None:
    if d is None:
        return None
    return DeviceInfo(
        path=str(d.get("path", "")),
        model=d.get("model"),
        serial=d.get("serial"),
        wwn=d.get("wwn"),
        bus=d.get("bus"),
        capacity_bytes=d.get("capacity_bytes"),
        read_only=bool(d.get("read_only", True)),
    )


def _partition(d: dict[str, Any]) -> PartitionResult:
    return PartitionResult(
        path=str(d.get("path", "")),
        number=int(d.get("number", 0)),
        start_bytes=int(d.get("start_bytes", 0)),
        size_bytes=int(d.get("size_bytes", 0)),
        fs_type=d.get("fs_type"),
        filesystem=_filesystem(d.get("filesystem")),
        survey=None
        if d.get("survey") is None
        else survey_from_json(d["survey"], d.get("path", "")),
        content=None if d.get("content") is None else content_from_json(d["content"]),
        raw=None if d.get("raw") is None else raw_from_json(d["raw"]),
    )


def scan_from_json(doc: dict[str, Any]) -> ScanResult:
    """Rebuild a ScanResult; raise ScanDocumentError on a document of another schema."""
    if doc.get("schema") != SCAN_SCHEMA:
        raise ScanDocumentError(f"not an {SCAN_SCHEMA} document: schema {doc.get('schema')!r}")
    try:
        target = str(doc["target"])
        return ScanResult(
            target=target,
            complete=bool(doc.get("complete", False)),
            elapsed_s=float(doc.get("elapsed_s", 0.0)),
            survey=survey_from_json(doc.get("survey") or {}, target),
            content=content_from_json(doc.get("content") or {}),
            device=_device(doc.get("device")),
            filesystem=_filesystem(doc.get("filesystem")),
            partitions=tuple(_partition(p) for p in doc.get("partitions", ())),
            raw=None if doc.get("raw") is None else raw_from_json(doc["raw"]),
            warnings=tuple(str(w) for w in doc.get("warnings", ())),
            removed=bool(doc.get("removed", False)),
            outside=tuple(outside_from_json(c) for c in doc.get("outside_filesystem", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ScanDocumentError(f"damaged {SCAN_SCHEMA} document: {exc!r}") from None
