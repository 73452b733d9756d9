"""Shared output helpers for sub-commands: one JSON document on stdout, progress on a TTY."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from inspector.core import progress as core_progress
from inspector.core.units import format_size

if TYPE_CHECKING:
    from rich.console import Console

# rich (≈ 50 ms to import) is imported only to print for people: tables, and progress bars on
# a terminal. `--json` output and a run whose stderr is not a terminal never load it.


def seconds(text: str) -> float:
    """argparse type for a duration (a budget, a delay): a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:  # also rejects NaN
        raise argparse.ArgumentTypeError("use 0 seconds or more")
    return value


def print_json(doc: Any) -> None:
    import json  # not for output to people (`hash` prints its lines before json would load)

    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@contextmanager
def progress_on_tty(enabled: bool = True) -> Iterator[core_progress.ProgressFn]:
    """Yield a progress callback that draws a bar on stderr when it is a TTY (else does nothing)."""
    if not (enabled and sys.stderr.isatty()):
        yield core_progress.no_progress
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    if not err.is_terminal:  # rich's own say (its environment variables can turn bars off)
        yield core_progress.no_progress
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(p: core_progress.Progress) -> None:
        task = tasks.get(p.stage)
        if task is None:
            task = tasks[p.stage] = bar.add_task(p.stage, total=p.total, info="")
        info = f"{p.done:,} files, {format_size(p.bytes_done)}" if p.bytes_done else f"{p.done:,}"
        if p.provisional:  # content estimated before the walk ends: say so, with intervals
            shares = ", ".join(
                f"{c} {v:.0%} ({lo:.0%}-{hi:.0%})" for c, v, lo, hi in p.provisional[:3]
            )
            why = f" ({p.provisional_why})" if p.provisional_why else ""
            info += f" | provisional{why}: {shares}"
        bar.update(task, completed=p.done, total=p.total, info=info)

    with bar:
        yield update
