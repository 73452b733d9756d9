"""Whether the content identifier runs compiled (mypyc, see setup.py) or as pure Python.

An editable install compiles `inspector/core/identify/` in place; a source file edited after
that is shadowed by its older compiled module until the next `pip install -e .`, so the test
suite and the benchmark refuse to run on stale builds (`stale_compiled_modules`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

IDENTIFY_DIR = Path(__file__).resolve().parent / "identify"


def identifier_build() -> str:
    """Which build of the identifier runs: "mypyc" (compiled extensions) or "python"."""
    spec = importlib.util.find_spec("inspector.core.identify.engine")
    origin = spec.origin if spec is not None else None
    return "mypyc" if origin is not None and not origin.endswith(".py") else "python"


def stale_compiled_modules(directory: Path = IDENTIFY_DIR) -> list[str]:
    """Sources in `directory` changed after their compiled module was built (file names)."""
    stale = []
    for source in sorted(directory.glob("*.py")):
        built = list(directory.glob(f"{source.stem}.*.so")) + list(
            directory.glob(f"{source.stem}.*.pyd")
        )
        if built and min(b.stat().st_mtime for b in built) < source.stat().st_mtime:
            stale.append(source.name)
    return stale


def stale_build_error() -> str | None:
    """One line telling how to rebuild when compiled modules are stale, else None."""
    stale = stale_compiled_modules()
    if not stale:
        return None
    return (
        f"compiled modules older than their sources: {', '.join(stale)}; run "
        "`.venv/bin/pip install -e .` again (INSPECTOR_PURE_PYTHON=1 to build none)"
    )
