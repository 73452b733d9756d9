"""Build hook: compile the content identifier (`inspector/core/identify/`) with mypyc.

Identification is the hot loop of every content scan (tens of thousands of small files a
second); mypyc turns the same typed Python into a C extension that runs it about 1.3-1.4x
faster (docs/benchmarks.md). The parsers stay Python source: mypyc keeps Python's bounds checks
and exceptions, and adds runtime type checks, so hostile bytes meet the same code paths.
Without mypyc or a C compiler (or with INSPECTOR_PURE_PYTHON=1) the package installs as pure
Python and behaves the same, only slower. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

COMPILED = sorted(str(p) for p in Path("inspector/core/identify").glob("*.py"))
GROUP = "inspector_identify"  # the shared library: inspector_identify__mypyc.*.so, top level


class OptionalBuildExt(build_ext):
    """A failed compile leaves pure Python behind, never half a compiled package (the
    per-module shims would import a shared library that is not there)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no Python headers, a mypyc error
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            print(f"warning: identifier not compiled, pure Python ({exc})", file=sys.stderr)


def remove_earlier_builds() -> None:
    """A pure install in place (`pip install -e .`) must not leave an earlier compiled build
    importable beside the sources it would shadow."""
    for pattern in (
        "inspector/core/identify/*.so",
        "inspector/core/identify/*.pyd",
        GROUP + "__mypyc.*",
    ):
        for built in Path().glob(pattern):
            built.unlink()


def compiled_extensions() -> list[Extension]:
    try:
        if os.environ.get("INSPECTOR_PURE_PYTHON"):
            raise ImportError("INSPECTOR_PURE_PYTHON is set")
        from mypyc.build import mypycify
    except ImportError:
        remove_earlier_builds()
        return []
    return mypycify(COMPILED, opt_level="3", group_name=GROUP)


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
