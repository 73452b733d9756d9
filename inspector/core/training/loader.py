"""Read and validate scenario files: one clear line per error, naming file, key and line.

tomllib gives no positions for values, so the line of a key is found in the text: the N-th
header of its table (`[[drive]]`), then the key below it.
"""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path
from typing import Any, NoReturn

from inspector.core.errors import UsageError
from inspector.core.paths import resources_dir
from inspector.core.training.formats import FORMATS
from inspector.core.training.scenario import (
    FILESYSTEMS,
    VERDICTS,
    ContentSpec,
    DriveSpec,
    Event,
    GroupSpec,
    Recipe,
    Scenario,
    ScenarioError,
    TravelerSpec,
    VerdictKind,
)
from inspector.core.units import parse_size

DEFAULT_INTERVAL_S = 1.0  # between plugs of drives the timeline does not mention
MAX_DRIVES = 1000
_KEYS = {
    "scenario": {"name", "title", "description", "seed"},
    "traveler": {
        "name", "group", "declaration", "declared", "licence", "expected", "explanation", "bays",
    },
    "group": {"name", "expected", "explanation"},
    "drive": {
        "id", "traveler", "count", "model", "vendor", "serial", "bay", "capacity",
        "real_capacity", "fill", "filesystem", "encrypted", "recipe", "duplicate_serial",
    },
    "content": {
        "format", "share", "size", "spread", "directory", "name", "disguise", "disguise_share",
        "per_dir",
    },
    "timeline": {"interval", "event"},
    "event": {"at", "plug", "pull"},
}  # fmt: skip
_TOP = {"scenario", "recipe", "traveler", "group", "drive", "timeline"}


def scenarios_dir() -> Path:
    return resources_dir() / "scenarios"


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped in resources/scenarios/, sorted."""
    folder = scenarios_dir()
    return sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []


def scenario_path(name_or_path: str) -> Path:
    """A shipped scenario's file, or the given path when it looks like one."""
    if name_or_path.endswith(".toml") or "/" in name_or_path:
        return Path(name_or_path)
    shipped = scenarios_dir() / f"{name_or_path}.toml"
    if not shipped.is_file():
        known = ", ".join(shipped_scenarios()) or "none"
        raise ScenarioError(f"no scenario named {name_or_path!r} (shipped: {known})")
    return shipped


def load_scenario(name_or_path: str) -> Scenario:
    """Load a shipped scenario by name, or a scenario file by path; validate it."""
    path = scenario_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"scenario {path}: no such file") from None
    except OSError as exc:
        raise ScenarioError(f"scenario {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"scenario {path}: not UTF-8 text") from None
    return parse_scenario(text, str(path), default_name=path.stem)


class _Where:
    """Locates keys in the text for error messages."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source

    def line(self, header: str, index: int, key: str | None) -> int:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(header)}\s*\]\]?\s*(#.*)?$")
        seen = -1
        for number, line in enumerate(self.lines, 1):
            if pattern.match(line):
                seen += 1
                if seen == index:
                    if key is None:
                        return number
                    for n2 in range(number, len(self.lines)):
                        nxt = self.lines[n2].strip()
                        if nxt.startswith("["):
                            break
                        if re.match(rf"{re.escape(key)}\s*=", nxt):
                            return n2 + 1
                    return number
        return 0

    def fail(self, header: str, index: int, key: str | None, message: str) -> NoReturn:
        line = self.line(header, index, key)
        at = f" line {line}" if line else ""
        raise ScenarioError(f"scenario {self.source}{at}: {message}")


class _Table:
    """One TOML table with typed getters whose errors name the key and its line."""

    def __init__(
        self, data: Any, where: _Where, header: str, index: int, label: str, kind: str
    ) -> None:
        if not isinstance(data, dict):
            where.fail(header, index, None, f"{label} must be a table")
        self.data: dict[str, Any] = data
        self.where, self.header, self.index, self.label = where, header, index, label
        unknown = sorted(set(data) - _KEYS[kind])
        if unknown:
            self.fail(unknown[0], f"unknown key {label}.{unknown[0]}")

    def fail(self, key: str | None, message: str) -> NoReturn:
        self.where.fail(self.header, self.index, key, message)

    def raw(self, key: str, default: Any = ...) -> Any:
        if key in self.data:
            return self.data[key]
        if default is ...:
            self.fail(None, f"missing key {self.label}.{key}")
        return default

    def text(self, key: str, default: Any = ...) -> Any:
        if key not in self.data:
            return self.raw(key, default)
        value = self.data[key]
        if not isinstance(value, str):
            self.fail(key, f"{self.label}.{key} must be text, not {value!r}")
        return value

    def size(self, key: str, default: Any = ...) -> Any:
        if key not in self.data:
            return self.raw(key, default)
        value = self.data[key]
        try:
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise UsageError(f"{value!r} is not a size; use a size such as 80 TB")
            size = value if isinstance(value, int) else parse_size(value)
        except UsageError as exc:
            self.fail(key, f"{self.label}.{key}: {exc}")
        if size < 0:
            self.fail(key, f"{self.label}.{key}: a size cannot be negative")
        return size

    def share(self, key: str, default: Any = ...) -> float:
        value = self.raw(key, default)
        if isinstance(value, str):
            m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", value)
            if not m:
                self.fail(key, f"{self.label}.{key}: {value!r} is not a share such as 40 %")
            value = float(m.group(1)) / 100
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.fail(key, f"{self.label}.{key}: {value!r} is not a share between 0 and 100 %")
        return float(value)

    def whole(self, key: str, default: Any = ..., low: int = 0) -> Any:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            self.fail(key, f"{self.label}.{key} must be a whole number >= {low}, not {value!r}")
        return value

    def number(self, key: str, default: Any = ...) -> float:
        value = self.raw(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.fail(key, f"{self.label}.{key} must be a number >= 0, not {value!r}")
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"{self.label}.{key} must be true or false, not {value!r}")
        return value

    def verdict(self, key: str) -> VerdictKind:
        value = self.raw(key)
        if value not in VERDICTS:
            self.fail(key, f'{self.label}.{key} must be "clear" or "refer", not {value!r}')
        verdict: VerdictKind = value
        return verdict


def _tables(data: dict[str, Any], key: str, where: _Where, header: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        where.fail(header, 0, None, f"[[{header}]] must be an array of tables")
    return value


def parse_scenario(text: str, source: str = "<scenario>", default_name: str = "") -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"scenario {source}: {exc}") from None
    where = _Where(text, source)
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ScenarioError(f"scenario {source}: unknown table [{unknown[0]}]")
    head = _Table(data.get("scenario", {}), where, "scenario", 0, "scenario", "scenario")
    recipes = _recipes(data.get("recipe", {}), where)
    travelers = [
        _traveler(_Table(t, where, "traveler", i, f"traveler[{i + 1}]", "traveler"))
        for i, t in enumerate(_tables(data, "traveler", where, "traveler"))
    ]
    if not travelers:
        raise ScenarioError(f"scenario {source}: no [[traveler]]")
    names = [t.name for t in travelers]
    for i, name in enumerate(names):
        if names.index(name) != i:
            where.fail("traveler", i, "name", f"traveler name {name!r} is used twice")
    groups = _groups(data, where, travelers)
    drives = _drives(data, where, recipes, travelers)
    timeline = _timeline(data, where, drives)
    seed = head.whole("seed", 0)
    return Scenario(
        name=head.text("name", default_name or "scenario"),
        title=head.text("title", default_name or "Training scenario"),
        description=head.text("description", "").strip(),
        seed=seed,
        source=source,
        travelers=tuple(travelers),
        groups=tuple(groups),
        drives=tuple(drives),
        timeline=tuple(timeline),
    )


def _recipes(data: Any, where: _Where) -> dict[str, Recipe]:
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario {where.source}: [recipe] must be a table of recipes")
    recipes = {}
    for name, table in data.items():
        header = f"recipe.{name}.content"
        if not isinstance(table, dict) or set(table) - {"content"}:
            where.fail(f"recipe.{name}", 0, None, f"recipe {name!r} takes only [[{header}]]")
        entries = table.get("content", [])
        content = tuple(
            _content(_Table(c, where, header, i, f"recipe.{name}.content[{i + 1}]", "content"))
            for i, c in enumerate(entries)
        )
        if not content:
            where.fail(f"recipe.{name}", 0, None, f"recipe {name!r} has no [[{header}]]")
        total = sum(c.share for c in content)
        if abs(total - 1) > 0.001:
            where.fail(
                header,
                0,
                "share",
                f"shares of recipe {name!r} add up to {total * 100:.4g} %, not 100 %",
            )
        recipes[name] = Recipe(name, content)
    return recipes


def _content(t: _Table) -> ContentSpec:
    fmt = t.text("format")
    if fmt not in FORMATS:
        t.fail("format", f"{t.label}.format: unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    size = t.size("size")
    if size <= 0:
        t.fail("size", f"{t.label}.size must be more than 0 bytes")
    spread = t.share("spread", 0.0)
    if spread > 0.95:
        t.fail("spread", f"{t.label}.spread must be at most 95 %")
    name = t.text("name", f"{fmt}-{{i:06d}}")
    fields = [f for _, f, _, _ in string.Formatter().parse(name) if f is not None]
    if fields != ["i"] or "/" in name:
        t.fail("name", f"{t.label}.name must hold exactly one {{i}} field and no '/'")
    try:
        name.format(i=1)
    except (ValueError, KeyError):
        t.fail("name", f"{t.label}.name: {name!r} is not a valid template such as part-{{i:05d}}")
    directory = t.text("directory", fmt).strip("/")
    if not directory or ".." in directory.split("/"):
        t.fail("directory", f"{t.label}.directory must be a relative path without '..'")
    disguise = t.text("disguise", None)
    if disguise is not None and not re.fullmatch(r"[A-Za-z0-9]{1,8}", disguise):
        t.fail("disguise", f"{t.label}.disguise must be an extension such as mp4")
    return ContentSpec(
        format=fmt,
        share=t.share("share"),
        size=size,
        spread=spread,
        directory=directory,
        name=name,
        disguise=disguise,
        disguise_share=t.share("disguise_share", 1.0 if disguise else 0.0),
        per_dir=t.whole("per_dir", 1000, low=1),
    )


def _traveler(t: _Table) -> TravelerSpec:
    bays = t.raw("bays", [])
    if not isinstance(bays, list) or not all(isinstance(b, str) for b in bays):
        t.fail("bays", f"{t.label}.bays must be a list of bay names")
    return TravelerSpec(
        name=t.text("name"),
        group=t.text("group", None),
        declaration=t.text("declaration", ""),
        declared_bytes=t.size("declared", None),
        licence=t.text("licence", None) or None,
        expected=t.verdict("expected"),
        explanation=t.text("explanation", "").strip(),
        bays=tuple(bays),
    )


def _groups(data: dict[str, Any], where: _Where, travelers: list[TravelerSpec]) -> list[GroupSpec]:
    groups: list[GroupSpec] = []
    for i, g in enumerate(_tables(data, "group", where, "group")):
        t = _Table(g, where, "group", i, f"group[{i + 1}]", "group")
        spec = GroupSpec(t.text("name"), t.verdict("expected"), t.text("explanation", "").strip())
        if not any(tr.group == spec.name for tr in travelers):
            t.fail("name", f"group {spec.name!r} has no traveler (set traveler.group)")
        if any(tr.name == spec.name for tr in travelers):
            t.fail("name", f"group {spec.name!r} has the name of a traveler; rename one")
        if any(x.name == spec.name for x in groups):
            t.fail("name", f"group {spec.name!r} is defined twice")
        groups.append(spec)
    for i, tr in enumerate(travelers):
        if tr.group is not None and not any(g.name == tr.group for g in groups):
            where.fail(
                "traveler", i, "group", f"group {tr.group!r} needs a [[group]] with its expected"
            )
    return groups


def _expand(
    t: _Table, key: str, value: str | None, n: int, count: int, same_ok: bool = False
) -> str | None:
    if value is None or ((count == 1 or same_ok) and "{n" not in value):
        return value
    if "{n" not in value:
        t.fail(key, f"{t.label}.{key} needs a {{n}} field (e.g. ZR8A{{n:02d}}) when count > 1")
    try:
        return value.format(n=n)
    except (ValueError, KeyError, IndexError):
        t.fail(key, f"{t.label}.{key}: {value!r} is not a template such as A{{n:02d}}")


def _drives(
    data: dict[str, Any], where: _Where, recipes: dict[str, Recipe], travelers: list[TravelerSpec]
) -> list[DriveSpec]:
    drives: list[DriveSpec] = []
    by_bay = {bay: tr.name for tr in travelers for bay in tr.bays}
    names = {tr.name for tr in travelers}
    for i, d in enumerate(_tables(data, "drive", where, "drive")):
        t = _Table(d, where, "drive", i, f"drive[{i + 1}]", "drive")
        count = t.whole("count", 1, low=1)
        if len(drives) + count > MAX_DRIVES:
            t.fail("count", f"more than {MAX_DRIVES} drives in one scenario")
        recipe_name = t.text("recipe")
        if recipe_name not in recipes:
            t.fail("recipe", f"{t.label}.recipe: no [recipe.{recipe_name}] in this file")
        capacity = t.size("capacity")
        real = t.size("real_capacity", None)
        if capacity < 10**9:
            t.fail("capacity", f"{t.label}.capacity must be at least 1 GB")
        if real is not None and not 10**8 <= real <= capacity:
            t.fail("real_capacity", f"{t.label}.real_capacity must be 100 MB to the capacity")
        filesystem = t.text("filesystem", "ext4")
        if filesystem not in FILESYSTEMS:
            t.fail("filesystem", f"{t.label}.filesystem must be one of {', '.join(FILESYSTEMS)}")
        for n in range(1, count + 1):
            same_ok = t.flag("duplicate_serial", False)
            serial = _expand(t, "serial", t.text("serial"), n, count, same_ok) or ""
            bay = _expand(t, "bay", t.text("bay", None), n, count)
            drive_id = _expand(t, "id", t.text("id", None), n, count) or serial
            owner = t.text("traveler", None) or by_bay.get(bay or "")
            if owner is None:
                t.fail("traveler", f"{t.label}: no traveler given and bay {bay!r} is not mapped")
            if owner not in names:
                t.fail("traveler", f"{t.label}.traveler: no traveler named {owner!r}")
            if bay in by_bay and by_bay[bay] != owner:
                t.fail("bay", f"{t.label}: bay {bay!r} belongs to {by_bay[bay]!r}, not {owner!r}")
            spec = DriveSpec(
                id=drive_id,
                traveler=owner,
                model=t.text("model"),
                vendor=t.text("vendor", None),
                serial=serial,
                bay=bay,
                capacity=capacity,
                real_capacity=real,
                fill=t.share("fill"),
                filesystem=filesystem,
                encrypted=t.flag("encrypted", False),
                recipe=recipes[recipe_name],
                duplicate_serial=t.flag("duplicate_serial", False),
            )
            if any(x.id == spec.id for x in drives):
                t.fail("id", f"drive id {spec.id!r} is used twice (set drive.id)")
            twin = next((x for x in drives if x.serial == spec.serial), None)
            if twin and not (twin.duplicate_serial and spec.duplicate_serial):
                t.fail(
                    "serial",
                    f"serial {spec.serial!r} is used twice; set duplicate_serial = true on both "
                    "drives if that is the point (a re-plug is a timeline event, not a drive)",
                )
            drives.append(spec)
    if not drives:
        raise ScenarioError(f"scenario {where.source}: no [[drive]]")
    return drives


def _timeline(data: dict[str, Any], where: _Where, drives: list[DriveSpec]) -> list[Event]:
    table = _Table(data.get("timeline", {}), where, "timeline", 0, "timeline", "timeline")
    interval = table.number("interval", DEFAULT_INTERVAL_S)
    events: list[Event] = []
    ids = {d.id for d in drives}
    raw = table.raw("event", [])
    if not isinstance(raw, list):
        table.fail("event", "timeline.event must be [[timeline.event]] tables")
    for i, e in enumerate(raw):
        t = _Table(e, where, "timeline.event", i, f"timeline.event[{i + 1}]", "event")
        kinds = [k for k in ("plug", "pull") if k in t.data]
        if len(kinds) != 1:
            t.fail(None, f"{t.label} needs exactly one of plug = ID or pull = ID")
        kind = kinds[0]
        drive = t.text(kind)
        if drive not in ids:
            t.fail(kind, f"{t.label}.{kind}: no drive with id {drive!r}")
        events.append(Event(t.number("at"), "plug" if kind == "plug" else "pull", drive))
    mentioned = {e.drive for e in events}
    unplanned = [d for d in drives if d.id not in mentioned]
    events += [Event(i * interval, "plug", d.id) for i, d in enumerate(unplanned)]
    events.sort(key=lambda e: e.at)  # stable: same-time events keep file order
    plugged: set[str] = set()
    for e in events:  # a pull needs the drive in; a plug needs it out
        if (e.kind == "pull") != (e.drive in plugged):
            index = next(
                (j for j, r in enumerate(raw) if isinstance(r, dict) and r.get(e.kind) == e.drive),
                0,
            )
            state = "not plugged in" if e.kind == "pull" else "already plugged in"
            where.fail(
                "timeline.event", index, e.kind, f"at {e.at:g} s drive {e.drive!r} is {state}"
            )
        (plugged.add if e.kind == "plug" else plugged.discard)(e.drive)
    return events
