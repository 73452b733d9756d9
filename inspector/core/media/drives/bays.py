"""Bay labels for multi-bay docks: the physical port a drive sits in (udev's ID_PATH) mapped to
the label printed on the dock, from a small TOML file the desk's officer can edit.

    [bay-map]
    name = "15-bay SAS dock, desk 3"
    [[bay]]
    port = "pci-0000:03:00.0-sas-exp0x500605b0000272bf-phy0-lun-0"   # shell-style pattern
    label = "A01"

Patterns are matched whole (fnmatch, case-sensitive), first match wins: "*-phy0-lun-0" also
matches after the dock moves to another PCI slot.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from inspector.core.errors import UsageError
from inspector.core.paths import data_dir, resources_dir

ACTIVE_NAME = "bays.toml"
MAX_LABEL = 16  # a label on a dock, not a description


class BayMapError(UsageError):
    """A bay map that cannot be used (the message names the entry)."""


@dataclass(frozen=True, slots=True)
class BayRule:
    port: str  # ID_PATH pattern
    label: str


@dataclass(frozen=True, slots=True)
class BayMap:
    name: str
    rules: tuple[BayRule, ...]
    text: str  # as written, for the editor

    def bay_of(self, port_path: str | None) -> str | None:
        if not port_path:
            return None
        for rule in self.rules:
            if fnmatch.fnmatchcase(port_path, rule.port):
                return rule.label
        return None


def parse_bay_map(text: str, source: str = "bay map") -> BayMap:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BayMapError(f"{source}: not valid TOML ({exc})") from None
    head = doc.get("bay-map", {})
    if not isinstance(head, dict):
        raise BayMapError(f"{source}: [bay-map] must be a table")
    entries = doc.get("bay", [])
    if not isinstance(entries, list):
        raise BayMapError(f"{source}: bays are written as [[bay]] tables")
    rules: list[BayRule] = []
    labels: set[str] = set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise BayMapError(f"{source}: bay {n} must be a table with port and label")
        port, label = entry.get("port"), entry.get("label")
        if not isinstance(port, str) or not port.strip():
            raise BayMapError(f'{source}: bay {n} needs port = "ID_PATH pattern"')
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL:
            raise BayMapError(f"{source}: bay {n} needs a label of 1 to {MAX_LABEL} characters")
        if not label.isprintable():
            raise BayMapError(f"{source}: bay {n}: the label holds control characters")
        if label.strip() in labels:
            raise BayMapError(f"{source}: bay label {label.strip()!r} is used twice")
        labels.add(label.strip())
        rules.append(BayRule(port.strip(), label.strip()))
    return BayMap(str(head.get("name", "")), tuple(rules), text)


def example_bay_map_path() -> Path:
    return resources_dir() / "bays" / "example-15-bay-sas.toml"


def active_bay_map_path() -> Path:
    return data_dir() / ACTIVE_NAME


def active_bay_map() -> BayMap | None:
    """The desk's bay map when one was saved; None: bays are not known (no guessing)."""
    path = active_bay_map_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise BayMapError(f"cannot read the bay map {path}: {exc}") from None
    return parse_bay_map(text, str(path))


def load_bay_map(path: str | Path) -> BayMap:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BayMapError(f"cannot read the bay map {path}: {exc}") from None
    return parse_bay_map(text, str(path))


def save_bay_map(text: str) -> BayMap:
    """Validate `text` and make it the desk's bay map (atomically); nothing changes if invalid."""
    bay_map = parse_bay_map(text, "edited bay map")
    target = active_bay_map_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{ACTIVE_NAME}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise BayMapError(f"cannot save the bay map to {target}: {exc.strerror or exc}") from None
    return bay_map
