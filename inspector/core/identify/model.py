"""What identification says about one file, and the shape of a sniffer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from inspector.core.identify.categories import UNKNOWN, category_of
from inspector.core.identify.probe import Probe


@dataclass(frozen=True, slots=True)
class Identification:
    """A file's content format and its one category.

    `note` says how it was recognised or what was wrong; `warning` marks a file that looked
    like a known format but whose structure is broken or hostile (reported, counted unknown).
    """

    format: str
    category: str
    note: str = ""
    warning: bool = False


def found(fmt: str, note: str = "") -> Identification:
    return Identification(fmt, category_of(fmt), note)


def suspect(note: str) -> Identification:
    """Looks like a known format but the structure does not hold: unknown, with a warning."""
    return Identification(UNKNOWN, UNKNOWN, note, warning=True)


UNIDENTIFIED = Identification(UNKNOWN, UNKNOWN)

# A sniffer looks at a probe and names the format, flags it as suspect, or passes (None).
Sniffer = Callable[[Probe], Identification | None]
