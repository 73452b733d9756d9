"""Where the live case store is: `--db URL`, else $INSPECTOR_DB_URL, else `[store] url` in the
desk's settings (desk.toml in the data directory), else the embedded SQLite file.

A `postgresql+psycopg://` URL selects a customs post's shared PostgreSQL store; `sqlite:///PATH`
names another SQLite file. The training store is always the local SQLite file: a classroom
never writes into a post's shared evidence.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from inspector.core.case.migrations import StoreError
from inspector.core.paths import data_dir

SETTINGS_NAME = "desk.toml"
ENV_URL = "INSPECTOR_DB_URL"
PG_SCHEMES = ("postgresql+psycopg", "postgresql", "postgres")


@dataclass(frozen=True, slots=True)
class StoreLocation:
    """A SQLite file (`path`) or a PostgreSQL server (`url`), exactly one of them."""

    path: Path | None = None
    url: str | None = None

    @property
    def shared(self) -> bool:
        return self.url is not None

    def shown(self) -> str:
        """For messages and `audit verify --json`: never the password of a URL."""
        if self.path is not None:
            return str(self.path)
        assert self.url is not None
        parts = urlsplit(self.url)
        host = parts.hostname or dict(_query(parts.query)).get("host", "local socket")
        user = f"{parts.username}@" if parts.username else ""
        return f"postgresql://{user}{host}{parts.path}"


def _query(query: str) -> list[tuple[str, str]]:
    out = []
    for item in query.split("&"):
        key, _, value = item.partition("=")
        if key:
            out.append((key, unquote(value)))
    return out


def settings_path() -> Path:
    return data_dir() / SETTINGS_NAME


def configured_url() -> str | None:
    """$INSPECTOR_DB_URL, else `[store] url` from desk.toml; None: the embedded SQLite."""
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    path = settings_path()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreError(f"cannot read the desk settings {path}: {exc}") from None
    store = doc.get("store", {})
    url = store.get("url") if isinstance(store, dict) else None
    if url is not None and not isinstance(url, str):
        raise StoreError(f"{path}: [store] url must be a text such as 'postgresql+psycopg://…'")
    return url.strip() or None if url else None


def parse_location(url: str) -> StoreLocation:
    """A store URL as given; one clear line for anything else."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in PG_SCHEMES:
        rest = url.split("://", 1)[1]
        return StoreLocation(url=f"postgresql+psycopg://{rest}")  # psycopg 3 whatever was said
    if scheme == "sqlite":
        path = url.split("://", 1)[1]
        if not path.startswith("/") or path == "/":
            raise StoreError(f"store URL {url!r}: use sqlite:////absolute/path/cases.sqlite")
        return StoreLocation(path=Path(path[1:]) if path.startswith("//") else Path(path))
    raise StoreError(
        f"store URL {url.split('@')[-1]!r} is neither postgresql+psycopg://… nor sqlite:///…"
    )
