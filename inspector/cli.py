"""`inspector` command line: one sub-command per module in inspector/commands/.

Contract (docs/ARCHITECTURE.md): `--json` prints exactly one JSON document on stdout; human
progress goes to stderr only on a TTY; exit 0 done, 2 bad usage or target, 3 incomplete.
Qt is imported only by the `gui` sub-command.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from inspector import __version__
from inspector.core.errors import InspectorError

# Each sub-command and its one-line help. Its module, inspector/commands/NAME.py, has
# `register(parser)` (adds its arguments, sets `func`) and is imported only when the command
# runs: importing them all (SQLAlchemy, rich, pyudev, the training code...) made even
# `--version` take 0.35-0.4 s (docs/benchmarks.md).
COMMANDS: dict[str, str] = {
    "scan": "survey and identify a directory, block device or image (read-only)",
    "devices": "list attached drives: identity, capacity, partitions, filesystems",
    "case": "open, show and list cases; add travelers and declarations",
    "report": "export a case as PDF, CSV, JSON and a traveler receipt",
    "audit": "check the tamper-evident audit log",
    "hash": "BLAKE3 of files in full (a manifest; b3sum format)",
    "policy": "show the desk policy; a supervisor replaces it",
    "store": "a post's shared case store: set up its server; groups across desks",
    "train": "run a training scenario headless (simulated drives, real pipeline)",
    "gui": "open the inspection desk (the default when no command is given)",
}
DEFAULT_COMMAND = "gui"

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3


class _Version(argparse.Action):
    """`--version` without argparse's help formatter, which imports shutil (and so bz2 and
    lzma) to measure the terminal: `inspector --version` is timed as the start-up figure."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(f"inspector {__version__}\n")
        parser.exit()


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, measuring the terminal as shutil.get_terminal_size does, without
    importing shutil (and with it bz2 and lzma): argparse builds a formatter for every
    add_argument, so each command paid ~5 ms for a width only --help uses."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2, like every other error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"inspector: {message} (see 'inspector --help')\n")


def build_parser(*commands: str) -> argparse.ArgumentParser:
    """The parser of `inspector`: every command is listed (for --help and "invalid choice"),
    but only the arguments of `commands` are added, and only their modules imported
    (`build_parser(*COMMANDS)` is the whole command line)."""
    parser = _Parser(
        prog="inspector",
        description="Read-only inspection of storage media: how many drives, how full, "
        "what is on them, and a record that holds up.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if name in commands:
            importlib.import_module(f"inspector.commands.{name}").register(p)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The sub-command `argv` names: its first word that is not an option (the top-level
    parser has no option taking a value, and `--` only ends options), if it is a command."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = command_in(argv)
    args = (build_parser(command) if command else build_parser()).parse_args(argv)
    if command is None:  # no command given (`inspector`, or only options that did not exit)
        command = DEFAULT_COMMAND
        args = build_parser(command).parse_args([*argv, command])
    try:
        code: int = args.func(args)
        return code
    except InspectorError as exc:
        print(f"inspector: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `inspector scan X | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("inspector: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # last line of defence: one line for the officer, never a traceback
        if os.environ.get("INSPECTOR_DEBUG"):
            raise
        print(
            f"inspector: internal error: {type(exc).__name__}: {exc} "
            "(set INSPECTOR_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
