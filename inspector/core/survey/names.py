"""Safe display of file names taken from evidence.

Names on a traveler's drive may hold invalid UTF-8, control characters or bidirectional
overrides that would garble a terminal, a table cell or a report. We show them escaped.
"""

from __future__ import annotations

import unicodedata

# Bidi controls and other invisible format characters that can reorder or hide text.
_FORMAT_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def display_name(name: str) -> str:
    """Return `name` with undecodable bytes, controls and bidi overrides escaped.

    `name` is a str as returned by os functions (undecodable bytes appear as lone surrogates
    through surrogateescape).
    """
    out: list[str] = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # surrogateescape'd raw byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\\":
            out.append("\\\\")
        elif unicodedata.category(ch) in _FORMAT_CATEGORIES:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
