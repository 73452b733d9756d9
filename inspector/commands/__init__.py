"""CLI sub-commands; each module has `register(subparsers)` and sets `func` on its parser."""
