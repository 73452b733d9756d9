"""Checks on text an officer types into a case (names, documents, declarations).

Names in any script are welcome; characters that hide or reorder text (control characters,
bidi overrides and isolates) are refused with a clear message, since a record that can display
differently from what it stores does not hold up. Output is escaped anyway (names.display_name)
for text that reaches a case by other routes.
"""

from __future__ import annotations

import unicodedata

from inspector.core.errors import UsageError
from inspector.core.units import MAX_BYTES, parse_size

_BIDI_CONTROLS = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
MAX_FIELD = 200
MAX_TEXT = 4000
MAX_STORED_BYTES = 2**63 - 1  # a signed 64-bit column
# An exabyte is ~12,500 drives of 80 TB: more than anyone carries through a desk.
MAX_DECLARED = 10**18


def clean_text(label: str, value: str, *, multiline: bool = False, required: bool = True) -> str:
    """Strip surrounding space and refuse empty, over-long or hiding characters."""
    value = value.strip()
    if required and not value:
        raise UsageError(f"{label} is empty")
    limit = MAX_TEXT if multiline else MAX_FIELD
    if len(value) > limit:
        raise UsageError(f"{label} is longer than {limit} characters")
    for ch in value:
        code = ord(ch)
        if multiline and ch in "\n\t":
            continue
        if code in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs", "Co"):
            raise UsageError(
                f"{label} contains an invisible control character (U+{code:04X}); "
                "type the text as printed"
            )
    return value


def optional_text(label: str, value: str | None, *, multiline: bool = False) -> str | None:
    if value is None:
        return None
    cleaned = clean_text(label, value, multiline=multiline, required=False)
    return cleaned or None


def declared_volume(text: str) -> int:
    """A declared volume typed as "2 TB"; refuses what no traveler can carry or store."""
    value = parse_size(text)
    if value > min(MAX_BYTES, MAX_DECLARED):
        raise UsageError(f"declared volume {text!r} is impossible; use a size such as 2 TB")
    return value
