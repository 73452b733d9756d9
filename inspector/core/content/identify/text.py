"""Text content: jsonl (an AI dataset), json (and MosaicML index.json), csv, xml, html, svg,
plain text. Works on a bytes prefix, so it also judges decompressed payloads."""

from __future__ import annotations

from typing import Final

from inspector.core.content.identify.ai_data import mds_index
from inspector.core.content.identify.jsonparse import parse_json
from inspector.core.content.identify.model import Identification, found

MAX_LINES: Final = 16
CONTROL_SAMPLE: Final = 1024  # bytes checked for control characters (bytes.translate: ~1 ns a byte)
JSONL_OBJECTS: Final = 2  # whole objects parsed; the other lines looked at must look like objects
JSONL_LINES: Final = 8
TEXT_WINDOW: Final = 16 * 1024  # checked for NUL bytes; decoded only when its lines are that long
SHORT_WINDOW: Final = 4 * 1024  # decoded and judged: cut at the first line end after it
_CONTROL: Final = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x7f"
_CONTROL_TABLE: Final = bytes.maketrans(b"", b"")
_SEPARATORS: Final = (",", "\t", ";", "|")
_BOM_AND_BLANKS: Final = b"\xef\xbb\xbf \t\r\n"
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_HIGH: Final = bytes(range(0x80, 0x100))
_HIGH_PERCENT: Final = 30  # at most this share of bytes >= 0x80 in 8-bit text
_RECORD_BOUNDARIES: Final = (b"}\n{", b"}\r\n{", b"]\n[", b"]\r\n[")


def _decode_text(data: bytes, complete: bool) -> str | None:
    """The text of a UTF-8 (or ASCII) prefix, or None when it is binary.

    A cut multi-byte character at the end of an incomplete prefix is forgiven."""
    if not data:
        return None  # (NUL bytes were ruled out by the caller)
    sample = data[:CONTROL_SAMPLE]
    controls = len(sample) - len(sample.translate(_CONTROL_TABLE, _CONTROL))
    if controls * 100 > len(sample):  # more than 1 % control characters: binary
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")  # a character cut by the prefix
    # Not UTF-8: text in an 8-bit code page (Latin-1, Windows-1252: older European files) has
    # no NUL, few control characters and mostly ASCII; binaries without a NUL in 16 KiB are
    # rare and carry far more high bytes.
    high = len(sample) - len(sample.translate(_CONTROL_TABLE, _HIGH))
    return data.decode("latin-1") if high * 100 <= len(sample) * _HIGH_PERCENT else None


def _jsonl(window: bytes, complete: bool) -> bool:
    """The first JSONL_OBJECTS non-blank lines parse as JSON objects (or arrays: token ids) and
    every other whole line looks like one; a single long record counts when the next one starts
    after it.

    Works on bytes: parsing checks the UTF-8 of the lines it parses, so the window need not be
    decoded first (that costs more than the parse)."""
    lines = window.split(b"\n", JSONL_LINES)
    cut = lines.pop() if len(lines) > JSONL_LINES or not complete else b""
    parsed = 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        first, last = line[0], line[-1]
        if not ((first == 0x7B and last == 0x7D) or (first == 0x5B and last == 0x5D)):  # {} []
            return False
        if parsed < JSONL_OBJECTS:
            try:
                if not isinstance(parse_json(line), (dict, list)):
                    return False
            except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
                return False
            parsed += 1
    return parsed >= 2 or (parsed == 1 and cut.lstrip()[:1] in (b"{", b"["))


def record_boundary_in(data: bytes) -> bool:
    """One JSON record ending and the next starting on a new line: how a jsonl file whose
    records are longer than the head shows itself further in (a JSON document would break
    its lines inside a value, or not at all)."""
    return any(boundary in data for boundary in _RECORD_BOUNDARIES)


def _table_separators(line: str) -> list[str]:
    """The separators a table's first line could be using: present, and (but for tabs) not
    mostly followed by a space, as prose separates with ", " where a table rarely does."""
    out = []
    for sep in _SEPARATORS:
        k = line.count(sep)
        if k and (sep == "\t" or line.count(sep + " ") * 2 <= k):
            out.append(sep)
    return out


def _csv(body: str, complete: bool) -> bool:
    """At least two lines (of the first MAX_LINES, the last one only when whole) with the same
    non-zero count of one separator, every non-blank line alike."""
    end = body.find("\n")
    first = body if end < 0 else body[:end]
    if first.strip() and not _table_separators(first):
        return False  # the common verdict on prose, without splitting the lines
    lines = body.split("\n", MAX_LINES)
    # When more follows, the lines before the remainder are whole; otherwise the last line of a
    # prefix may be cut short.
    if len(lines) > MAX_LINES or not complete:
        lines.pop()
    sample = [ln for ln in lines if ln.strip()]
    if len(sample) < 2:
        return False
    first, second = sample[0], sample[1]
    for sep in _table_separators(first):
        k = first.count(sep)
        if second.count(sep) != k:
            continue
        counts = [ln.count(sep) for ln in sample]
        if counts.count(k) == len(counts):
            return True
    return False


def _from_utf16(data: bytes, complete: bool) -> bytes | None:
    """UTF-16 text with a byte-order mark (Windows exports and logs), as UTF-8 bytes."""
    window = data[: TEXT_WINDOW & ~1]
    try:
        text = window.decode("utf-16")
    except UnicodeDecodeError as exc:
        if complete or exc.start < len(window) - 4:
            return None
        text = window[: exc.start].decode("utf-16")
    return text.encode("utf-8", "surrogatepass") if "\0" not in text else None


def _markup(body: str) -> Identification | None:
    """svg, xml or html from the first 512 characters (most text has no "<" there at all)."""
    if body.find("<", 0, 512) < 0:
        return None
    low = body[:512].lower()
    if "<svg" in low:
        return found("svg")
    if low.startswith("<?xml"):
        return found("xml")
    if low.startswith(("<!doctype html", "<html")) or "<html" in low[:256]:
        return found("html")
    return None


def classify_text(data: bytes, complete: bool) -> Identification | None:
    """Name the kind of text in `data` (the whole file when `complete`), or None if binary."""
    if data[:2] in _UTF16_BOMS:
        whole = complete and len(data) <= TEXT_WINDOW
        converted = _from_utf16(data, whole)
        return classify_text(converted, whole) if converted else None
    if data.find(b"\0", 0, TEXT_WINDOW) >= 0:
        return None  # memchr over 16 KiB: the cheap, common verdict on binaries
    if len(data) > SHORT_WINDOW:
        # Judge the first 4 KiB and the rest of its last line (plus one byte: whether another
        # record follows); a line running past 16 KiB means decoding the whole prefix.
        end = data.find(b"\n", SHORT_WINDOW, TEXT_WINDOW)
        if end >= 0 and end + 2 < len(data):
            data, complete = data[: end + 2], False
    records = data.lstrip(_BOM_AND_BLANKS)
    if records[:1] in (b"{", b"[") and _jsonl(records, complete):
        return found("jsonl")
    text = _decode_text(data, complete)
    if text is None:
        return None
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith(("{", "[")):
        return mds_index(body) or found("json")
    markup = _markup(body)
    if markup is not None:
        return markup
    if _csv(body, complete):
        return found("csv")
    return found("text")
