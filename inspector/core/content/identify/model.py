"""What identification says about one file, and the shape of a sniffer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from inspector.core.content.identify.categories import UNKNOWN, category_of
from inspector.core.content.identify.probe import Probe


@dataclass(frozen=True, slots=True)
class Identification:
    """A file's content format and its one category.

    `note` says how it was recognised or what was wrong; `warning` marks a file that looked
    like a known format but whose structure is broken or hostile (reported, counted unknown);
    `inside` names the compressor whose frame held the content ("" when it was not wrapped).
    """

    format: str
    category: str
    note: str = ""
    warning: bool = False
    inside: str = ""


_FOUND: Final[dict[tuple[str, str], Identification]] = {}
_FOUND_INSIDE: Final[dict[tuple[str, str], Identification]] = {}
_FOUND_MAX: Final = 4096  # notes with numbers in them ("12 tensors") vary: keep the cache bounded


def found(fmt: str, note: str = "") -> Identification:
    """The verdict for a recognised format. Verdicts are immutable, so the common ones are built
    once: making a frozen dataclass costs ~0.5 µs, a tenth of identifying a small file."""
    key = (fmt, note)
    kind = _FOUND.get(key)
    if kind is None:
        kind = Identification(fmt, category_of(fmt), note)
        if len(_FOUND) < _FOUND_MAX:
            _FOUND[key] = kind
    return kind


def found_inside(fmt: str, compressor: str, note: str = "") -> Identification:
    """The verdict for a format found inside a compressor's frame (noted by the compressor's
    name unless `note` says more); a cache of its own keeps `found`, the hot path, as it is."""
    key = (fmt, note or compressor)
    kind = _FOUND_INSIDE.get(key)
    if kind is None:
        kind = Identification(fmt, category_of(fmt), note or compressor, inside=compressor)
        if len(_FOUND_INSIDE) < _FOUND_MAX:
            _FOUND_INSIDE[key] = kind
    return kind


def suspect(note: str) -> Identification:
    """Looks like a known format but the structure does not hold: unknown, with a warning."""
    return Identification(UNKNOWN, UNKNOWN, note, warning=True)


UNIDENTIFIED: Final = Identification(UNKNOWN, UNKNOWN)

# A sniffer looks at a probe and names the format, flags it as suspect, or passes (None).
Sniffer = Callable[[Probe], Identification | None]
