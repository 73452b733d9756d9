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

from inspector import __version__
from inspector.core.errors import InspectorError

# Sub-command modules, each with `register(subparsers)`; their parsers set `func`.
COMMANDS = ("scan", "devices", "case", "report", "audit", "hash", "policy", "train", "gui")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit code 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"inspector: {message} (see 'inspector --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="inspector",
        description="Read-only inspection of storage media: how many drives, how full, "
        "what is on them, and a record that holds up.",
    )
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"inspector.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if "gui" in COMMANDS:
            args = parser.parse_args(["gui"])
        else:
            parser.print_help()
            return EXIT_OK
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
