"""Text content: jsonl (an AI dataset), json (and MosaicML index.json), csv, xml, html, svg,
plain text. Works on a bytes prefix, so it also judges decompressed payloads."""

from __future__ import annotations

import json

from inspector.core.identify.ai_data import mds_index
from inspector.core.identify.model import Identification, found

MAX_LINES = 16
CONTROL_SAMPLE = 4096  # bytes checked for control characters
JSONL_LINES = 3  # objects to parse before calling it jsonl
TEXT_WINDOW = 16 * 1024  # widened to the whole prefix when a line is longer
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
    sample = data[:CONTROL_SAMPLE]
    controls = len(sample) - len(sample.translate(_CONTROL_TABLE, _CONTROL))
    if controls * 100 > len(sample):  # more than 1 % control characters: binary
        return None
    return text


def _json_lines(lines: list[str]) -> int:
    """How many leading lines are JSON objects (at most JSONL_LINES); 0 when one is not."""
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
        if seen >= JSONL_LINES:
            break
    return seen


def _csv(lines: list[str]) -> bool:
    """At least two lines with the same non-zero count of one separator. Prose separates with
    ", " where a table rarely does, so a mostly spaced comma or semicolon is not a table."""
    sample = [ln for ln in lines[:MAX_LINES] if ln.strip()]
    if len(sample) < 2:
        return False
    first = sample[0]
    for sep in (",", "\t", ";", "|"):
        k = first.count(sep)
        if not k or any(ln.count(sep) != k for ln in sample[1:]):
            continue
        if sep == "\t" or first.count(sep + " ") * 2 <= k:
            return True
    return False


def classify_text(data: bytes, complete: bool) -> Identification | None:
    """Name the kind of text in `data` (the whole file when `complete`), or None if binary."""
    if len(data) > TEXT_WINDOW and b"\n" in data[:TEXT_WINDOW]:
        data, complete = data[:TEXT_WINDOW], False  # enough lines to judge, less to decode
    text = decode_text(data, complete)
    if text is None:
        return None
    body = text.lstrip("\ufeff \t\r\n")
    lines = body.split("\n", MAX_LINES)
    # When more follows, the lines before the remainder are whole; otherwise the last line of a
    # prefix may be cut short.
    cut = lines.pop() if len(lines) > MAX_LINES or not complete else ""
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
