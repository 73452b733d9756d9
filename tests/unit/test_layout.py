"""The layout is the architecture: packages per concern in the core, and no import circles.

The layer order itself is an import-linter contract (pyproject.toml, run by the test command);
these tests keep what that contract cannot say."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import grimp

CORE = Path(__file__).resolve().parents[2] / "inspector" / "core"
SHARED_HELPERS = {"errors", "units", "progress", "paths"}


def test_core_top_level_holds_packages_and_the_shared_helpers_only():
    modules = {p.stem for p in CORE.glob("*.py")} - {"__init__"}
    assert modules <= SHARED_HELPERS, f"put these in a package: {sorted(modules - SHARED_HELPERS)}"
    packages = {p.name for p in CORE.iterdir() if (p / "__init__.py").exists()}
    assert {"survey", "content", "media", "scan", "case", "reports", "training"} <= packages


def import_circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def imported_by(module: str) -> Iterator[str]:
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, imported_by(start))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imported_by(child)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_no_import_circles():
    graph = grimp.build_graph("inspector", include_external_packages=False)
    assert import_circles(graph) == []


def test_the_circle_finder_finds_a_circle(tmp_path, monkeypatch):
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circled import b\n")
    (package / "b.py").write_text("from circled import c\n")
    (package / "c.py").write_text("from circled import a\n")
    (package / "d.py").write_text("from circled import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circled", cache_dir=None)
    assert import_circles(graph) == [["circled.a", "circled.b", "circled.c"]]
    sys.modules.pop("circled", None)
