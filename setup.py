"""Build hook: compile the two hot loops with mypyc — the content identifier
(`inspector/core/content/identify/`) and the survey walk (`inspector/core/survey/walk.py`).

Identification runs on tens of thousands of small files a second, the survey on every entry of
a drive; mypyc turns the same typed Python into C extensions that run them about 1.5x and 1.2x
faster (docs/benchmarks.md). The parsers stay Python source: mypyc keeps Python's bounds checks
and exceptions, and adds runtime type checks, so hostile bytes meet the same code paths.
The survey's directory lister is plain C (`inspector/core/survey/_listdir.c`): per entry it does
what `du` does (getdents64, fstatat) and makes Python objects only for what the walk keeps.
Without mypyc or a C compiler (or with INSPECTOR_PURE_PYTHON=1) the package installs as pure
Python and behaves the same, only slower. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# inspector.native.compiled_sources() lists the same modules (for its stale-build check).
COMPILED = [
    *sorted(str(p) for p in Path("inspector/core/content/identify").glob("*.py")),
    "inspector/core/survey/walk.py",
    "inspector/core/survey/draws.py",
]
GROUP = "inspector_native"  # the shared library: inspector_native__mypyc.*.so, top level
EARLIER_GROUPS = ("inspector_identify",)  # names this library had before


class OptionalBuildExt(build_ext):
    """A failed compile leaves pure Python behind, never half a compiled package (the
    per-module shims would import a shared library that is not there)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no Python headers, a mypyc error
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            print(f"warning: hot loops not compiled, pure Python ({exc})", file=sys.stderr)


def remove_earlier_builds(*, all_of_them: bool) -> None:
    """A pure install in place (`pip install -e .`) must not leave an earlier compiled build
    importable beside the sources it would shadow; any install removes the shared library of
    an earlier group name (nothing would load it any more)."""
    patterns = [f"{group}__mypyc.*" for group in EARLIER_GROUPS]
    if all_of_them:
        patterns += [f"{source[:-3]}.*.{ext}" for source in COMPILED for ext in ("so", "pyd")]
        patterns.append(f"{GROUP}__mypyc.*")
    for pattern in patterns:
        for built in Path().glob(pattern):
            built.unlink()


LISTER = Extension(
    "inspector.core.survey._listdir",
    sources=["inspector/core/survey/_listdir.c"],
    extra_compile_args=["-O2", "-std=gnu11"],
)


def compiled_extensions() -> list[Extension]:
    if os.environ.get("INSPECTOR_PURE_PYTHON"):
        for built in Path("inspector/core/survey").glob("_listdir.*.so"):
            built.unlink()
        return _mypyc_extensions()
    return [LISTER, *_mypyc_extensions()]


def _mypyc_extensions() -> list[Extension]:
    try:
        if os.environ.get("INSPECTOR_PURE_PYTHON"):
            raise ImportError("INSPECTOR_PURE_PYTHON is set")
        from mypyc.build import mypycify
    except ImportError:
        remove_earlier_builds(all_of_them=True)
        return []
    remove_earlier_builds(all_of_them=False)
    return mypycify(COMPILED, opt_level="3", group_name=GROUP)


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
