"""Text content: jsonl (an AI dataset), json (and MosaicML index.json), csv, xml, html, svg,
plain text. Works on a bytes prefix, so it also judges decompressed payloads."""

from __future__ import annotations

import json

from inspector.core.identify.ai_data import mds_index
from inspector.core.identify.model import Identification, found

MAX_LINES = 16
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x7f"
_CONTROL_TABLE = bytes.maketrans(b"", b"")


def decode_text(data: bytes, complete: bool) -> str | None:
    """The text of a UTF-8 (or ASCII) prefix, or None when it is binary.

    A cut multi-byte character at the end of an incomplete prefix is forgiven."""
    if not data or b"\0" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if complete or exc.start < len(data) - 3:
            return None
        text = data[: exc.start].decode("utf-8")
    controls = len(data) - len(data.translate(_CONTROL_TABLE, _CONTROL))
    if controls * 100 > len(data):  # more than 1 % control characters: binary
        return None
    return text


def _json_lines(lines: list[str]) -> int:
    """How many leading lines are JSON objects (at most MAX_LINES); 0 when one is not."""
    seen = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if line[0] != "{":
            return 0
        try:
            if not isinstance(json.loads(line), dict):
                return 0
        except (ValueError, RecursionError):
            return 0
        seen += 1
        if seen >= MAX_LINES:
            break
    return seen


def _csv(lines: list[str]) -> bool:
    sample = [ln for ln in lines[:MAX_LINES] if ln.strip()]
    if len(sample) < 2:
        return False
    for sep in (",", "\t", ";", "|"):
        counts = {ln.count(sep) for ln in sample}
        if len(counts) != 1 or counts.pop() < 1:
            continue
        # Prose separates with ", "; a table rarely does.
        spaced = sum(ln.count(sep + " ") for ln in sample)
        if sep == "\t" or spaced * 2 <= sum(ln.count(sep) for ln in sample):
            return True
    return False


def classify_text(data: bytes, complete: bool) -> Identification | None:
    """Name the kind of text in `data` (the whole file when `complete`), or None if binary."""
    text = decode_text(data, complete)
    if text is None:
        return None
    body = text.lstrip("\ufeff \t\r\n")
    lines = body.split("\n")
    cut = "" if complete else lines.pop()  # the last line of a prefix may be cut short
    if body.startswith("{"):
        objects = _json_lines(lines)
        # Two whole objects, or one followed by the start of another (long records).
        if objects >= 2 or (objects == 1 and cut.lstrip().startswith("{")):
            return found("jsonl")
    if body.startswith(("{", "[")):
        return mds_index(body) or found("json")
    low = body[:512].lower()
    if "<svg" in low:
        return found("svg")
    if low.startswith("<?xml"):
        return found("xml")
    if low.startswith(("<!doctype html", "<html")) or "<html" in low[:256]:
        return found("html")
    if _csv(lines):
        return found("csv")
    return found("text")
