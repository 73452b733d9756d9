"""Shared by the case-related sub-commands: which store to open, and the case id argument."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspector.core.case.store import Store


def case_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a case id (a number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a case id (a number from 1)")
    return value


def add_db(p: Any) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help="case store: postgresql+psycopg://DESK@SERVER/inspector for a post's shared store "
        "(default: $INSPECTOR_DB_URL, else [store] url in desk.toml, else this desk's file)",
    )


def add_training(p: Any) -> None:
    p.add_argument(
        "--training",
        action="store_true",
        help="use the training case store (classroom cases, kept apart from live ones)",
    )
    add_db(p)


def store_of(args: argparse.Namespace) -> Store:
    from inspector.core.case.store import open_store  # SQLAlchemy only for commands that use it

    return open_store(
        training=bool(getattr(args, "training", False)), url=getattr(args, "db", None)
    )
