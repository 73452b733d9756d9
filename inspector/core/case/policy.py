"""Policy: thresholds per traveler and per group, loaded from TOML with clear errors.

An invalid policy gives one error naming the key and its line, never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import blake3

from inspector.core.errors import InspectorError, UsageError
from inspector.core.paths import resources_dir
from inspector.core.units import parse_size

Compare = Literal["upper", "estimate"]
SCOPES = ("traveler", "group")
_SIZE_KEYS = ("undeclared_volume", "total_capacity", "ai_data_licence")
_SHARE_KEYS = ("encrypted_share", "disguised_files")


class PolicyError(InspectorError):
    """The policy file is unreadable or invalid."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    undeclared_volume: int  # bytes
    total_capacity: int  # bytes
    ai_data_licence: int  # bytes
    encrypted_share: float  # 0..1 of used bytes
    disguised_files: float  # 0..1 of files


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    version: str
    compare: Compare
    traveler: Thresholds
    group: Thresholds
    text: str  # the TOML as loaded: stored with each case
    source: str

    @property
    def hash(self) -> str:
        return blake3.blake3(self.text.encode()).hexdigest()

    def thresholds(self, scope: str) -> Thresholds:
        return self.traveler if scope == "traveler" else self.group


def default_policy_path() -> Path:
    return resources_dir() / "policy" / "default.toml"


def load_policy(path: str | Path | None = None) -> Policy:
    source = Path(path) if path is not None else default_policy_path()
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"policy {source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PolicyError(f"policy {source}: not UTF-8 text") from None
    return parse_policy(text, str(source))


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy {source}: {exc}") from None
    head = _table(data, "policy", text, source)
    compare = head.get("compare", "upper")
    if compare not in ("upper", "estimate"):
        raise PolicyError(
            f"policy {source} line {_line_of(text, 'policy', 'compare')}: policy.compare must be "
            f'"upper" or "estimate", not {compare!r}'
        )
    return Policy(
        name=str(head.get("name", "unnamed")),
        version=str(head.get("version", "")),
        compare=compare,
        traveler=_thresholds(data, "traveler", text, source),
        group=_thresholds(data, "group", text, source),
        text=text,
        source=source,
    )


def _table(data: dict[str, Any], name: str, text: str, source: str) -> dict[str, Any]:
    table = data.get(name)
    if not isinstance(table, dict):
        raise PolicyError(f"policy {source}: missing table [{name}]")
    return table


def _thresholds(data: dict[str, Any], scope: str, text: str, source: str) -> Thresholds:
    table = _table(data, scope, text, source)
    unknown = sorted(set(table) - set(_SIZE_KEYS) - set(_SHARE_KEYS))
    if unknown:
        key = unknown[0]
        raise PolicyError(
            f"policy {source} line {_line_of(text, scope, key)}: unknown key {scope}.{key}"
        )
    values: dict[str, Any] = {}
    for key in (*_SIZE_KEYS, *_SHARE_KEYS):
        if key not in table:
            raise PolicyError(f"policy {source}: missing key {scope}.{key}")
        raw = table[key]
        try:
            values[key] = _size(raw) if key in _SIZE_KEYS else _share(raw)
        except UsageError as exc:
            raise PolicyError(
                f"policy {source} line {_line_of(text, scope, key)}: {scope}.{key}: {exc}"
            ) from None
    return Thresholds(**values)


def _size(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise UsageError(f"{raw!r} is not a size; use a size such as 2 TB")
    value = raw if isinstance(raw, int) else parse_size(raw)
    if value < 0:
        raise UsageError("a size cannot be negative")
    return value


def _share(raw: Any) -> float:
    if isinstance(raw, str):
        m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", raw)
        if not m:
            raise UsageError(f"{raw!r} is not a share; use a percentage such as 5 %")
        value = float(m.group(1)) / 100
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    else:
        raise UsageError(f"{raw!r} is not a share; use a percentage such as 5 %")
    if not 0 <= value <= 1:
        raise UsageError(f"{raw!r} is outside 0–100 %")
    return value


def _line_of(text: str, table: str, key: str) -> int:
    """Line number of `key` inside `[table]` (1-based), for error messages; 0 if not found."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if header:
            current = header.group(1)
        elif current == table and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return 0
