"""What raw sampling found (media/raw.py draws it), and its JSON: apart from the sampler so
that reading or writing a scan result does not import numpy (~100 ms at every start of a
`scan`; tests/unit/test_startup_imports.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

BLOCK: Final = 4096  # bytes of one sampled block (blocks.py classifies them)

FINDING_TEXT = {
    "blank": "blank: every sampled block is zero (never written, or wiped with zeros)",
    "encrypted-no-header": (
        "encrypted or random data without a header: could be VeraCrypt/TrueCrypt, a hidden "
        "volume or a random wipe"
    ),
    "encrypted-header": "encrypted",
    "damaged-filesystem": "a filesystem that could not be mounted (damaged or unsupported)",
    "container": "a container Linux cannot mount (its content may be encrypted)",
    "unknown-data": "unknown data (no mountable filesystem)",
    "filesystem": "a filesystem (mounted and surveyed; sampled raw as well)",
    "partition-table": "a partition table (its partitions are reported one by one)",
}


@dataclass(frozen=True, slots=True)
class RawShare:
    cls: str
    share: float
    ci: tuple[float, float]


@dataclass(frozen=True, slots=True)
class RawResult:
    size_bytes: int
    block_size: int
    samples: int
    seed: int
    header_format: str | None
    header_kind: str | None
    shares: tuple[RawShare, ...]
    elapsed_s: float
    complete: bool
    errors: int = 0  # failed reads (not classed)
    # Beyond the first version of the contract:
    finding: str = "unknown-data"  # a key of FINDING_TEXT
    finding_text: str = ""
    header_note: str = ""
    stopped: str = ""  # precision | budget | exhausted | cancelled | errors | header-only
    precision: float | None = None  # widest half-interval among the classes
    reads_per_s: float = 0.0
    direct_io: bool = False
    error_kinds: tuple[str, ...] = ()  # EIO, ENXIO, short-read, ...

    def share(self, cls: str) -> RawShare:
        return next((s for s in self.shares if s.cls == cls), RawShare(cls, 0.0, (0.0, 0.0)))

    @property
    def written(self) -> RawShare:
        """Share of written (non-zero) blocks."""
        zero = self.share("zero")
        return RawShare("written", 1.0 - zero.share, (1.0 - zero.ci[1], 1.0 - zero.ci[0]))


def raw_json(r: RawResult) -> dict[str, object]:
    """The `raw` object of inspector.scan/1."""
    return {
        "method": "sampled",
        "size_bytes": r.size_bytes,
        "block_size": r.block_size,
        "samples": r.samples,
        "seed": r.seed,
        "header_format": r.header_format,
        "header_kind": r.header_kind,
        "header_note": r.header_note,
        "finding": r.finding,
        "finding_text": r.finding_text,
        "shares": [{"class": s.cls, "share": s.share, "ci": list(s.ci)} for s in r.shares],
        "elapsed_s": round(r.elapsed_s, 3),
        "complete": r.complete,
        "errors": r.errors,
        "error_kinds": list(r.error_kinds),
        "stopped": r.stopped,
        "precision": r.precision,
        "reads_per_s": round(r.reads_per_s, 1),
        "direct_io": r.direct_io,
    }


def raw_from_json(d: dict[str, Any]) -> RawResult:
    shares = tuple(
        RawShare(str(x["class"]), float(x["share"]), (float(x["ci"][0]), float(x["ci"][1])))
        for x in d.get("shares", ())
    )
    precision = d.get("precision")
    return RawResult(
        size_bytes=int(d["size_bytes"]),
        block_size=int(d.get("block_size", BLOCK)),
        samples=int(d.get("samples", 0)),
        seed=int(d.get("seed", 0)),
        header_format=d.get("header_format"),
        header_kind=d.get("header_kind"),
        shares=shares,
        elapsed_s=float(d.get("elapsed_s", 0.0)),
        complete=bool(d.get("complete", False)),
        errors=int(d.get("errors", 0)),
        finding=str(d.get("finding", "unknown-data")),
        finding_text=str(d.get("finding_text", "")),
        header_note=str(d.get("header_note", "")),
        stopped=str(d.get("stopped", "")),
        precision=None if precision is None else float(precision),
        reads_per_s=float(d.get("reads_per_s", 0.0)),
        direct_io=bool(d.get("direct_io", False)),
        error_kinds=tuple(str(k) for k in d.get("error_kinds", ())),
    )
