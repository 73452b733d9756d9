"""Which build of the hot loops runs: compiled (mypyc, see setup.py) or pure Python.

setup.py compiles the content identifier (`inspector/core/content/identify/`) and the survey
walk (`inspector/core/survey/walk.py`). An editable install compiles them in place; a source
file edited after that is shadowed by its older compiled module until the next
`pip install -e .`, so the test suite and the benchmarks refuse to run on stale builds
(`stale_compiled_modules`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

CORE_DIR = Path(__file__).resolve().parent / "core"


def compiled_sources() -> list[Path]:
    """The sources setup.py compiles (its COMPILED list and LISTER; it cannot import this
    package)."""
    return [
        *sorted((CORE_DIR / "content" / "identify").glob("*.py")),
        CORE_DIR / "survey" / "walk.py",
        CORE_DIR / "survey" / "draws.py",
        CORE_DIR / "survey" / "_listdir.c",  # setup.py's LISTER, plain C
    ]


def build_of(module: str) -> str:
    """What `module` runs from: "mypyc" (a compiled extension) or "python" (its source)."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec is not None else None
    return "mypyc" if origin is not None and not origin.endswith(".py") else "python"


def identifier_build() -> str:
    return build_of("inspector.core.content.identify.engine")


def lister_build() -> str:
    """What lists real directories for the survey: "c" (survey/_listdir.c) or "scandir"."""
    found = importlib.util.find_spec("inspector.core.survey._listdir") is not None
    return "c" if found else "scandir"


def survey_build() -> str:
    return build_of("inspector.core.survey.walk")


def stale_compiled_modules() -> list[str]:
    """Sources changed after their compiled module was built (paths below inspector/core)."""
    stale = []
    for source in compiled_sources():
        directory = source.parent
        built = list(directory.glob(f"{source.stem}.*.so")) + list(
            directory.glob(f"{source.stem}.*.pyd")
        )
        if built and min(b.stat().st_mtime for b in built) < source.stat().st_mtime:
            stale.append(str(source.relative_to(CORE_DIR)))
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
