"""The machinery of `benchmarks/run` (its figures come from CI's quick run, not from here)."""

from __future__ import annotations

import sys

import pytest

from benchmarks import chart, measure, suite
from benchmarks.measure import BenchError, Sample


def test_sides_alternate_and_flip_order(tmp_path):
    log = tmp_path / "log"
    sides = {
        name: [sys.executable, "-c", f"open({str(log)!r}, 'a').write({name!r})"]
        for name in ("a", "b", "c")
    }
    samples = measure.alternate(sides, 3, warmup=0)
    assert log.read_text() == "abc" + "cba" + "abc"
    assert {k: len(v) for k, v in samples.items()} == {"a": 3, "b": 3, "c": 3}
    assert all(s.wall_s > 0 and s.cpu_s >= 0 for v in samples.values() for s in v)


def test_a_failing_command_fails_the_measure():
    with pytest.raises(BenchError, match="exit 4: boom"):
        measure.run_once(
            [sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(4)"]
        )


def test_ratios_are_taken_within_each_round():
    top = [Sample(2.0, 0), Sample(6.0, 0)]
    bottom = [Sample(1.0, 0), Sample(2.0, 0)]
    assert measure.paired_ratios(top, bottom) == [2.0, 3.0]
    spread = measure.Spread.of([3.0, 1.0, 2.0])
    assert (spread.median, spread.low, spread.high) == (2.0, 1.0, 3.0)


def result(figure: str) -> dict[str, object]:
    return {
        "quick": True,
        "date": "2026-12-02 13:00 UTC",
        "seconds": 100.0,
        "load_before": "1.0 1.0 1.0",
        "load_after": "2.0 2.0 2.0",
        "machine": {"cores": 2, "cpu": "test cpu", "commit": "abc1234"},
        "rows": [
            {
                "measure": "m1",
                "references": "r",
                "goal": "≤ 1",
                "figure": figure,
                "met": False,
                "scores": {"m1": 0.5},
                "details": {},
            },
            {
                "measure": "m2",
                "references": "—",
                "goal": "—",
                "figure": "not yet",
                "met": None,
                "scores": {},
                "details": {},
            },
        ],
    }


def test_docs_table_is_replaced_not_appended(tmp_path, monkeypatch):
    docs = tmp_path / "docs" / "benchmarks.md"
    docs.parent.mkdir()
    docs.write_text("# Benchmarks\n\nNotes kept below.\n", encoding="utf-8")
    monkeypatch.setattr(suite, "DOCS", docs)
    monkeypatch.setattr(suite, "ROOT", tmp_path)
    json_path, png = tmp_path / "r.json", tmp_path / "docs" / "c.png"
    suite.update_docs(result("first"), json_path, png)
    suite.update_docs(result("second"), json_path, png)
    text = docs.read_text(encoding="utf-8")
    assert text.count(suite.BEGIN) == 1 and "second" in text and "first" not in text
    assert "| m1 | r | ≤ 1 | second | **no** |" in text and "| m2 | — | — | not yet | — |" in text
    assert text.startswith("# Benchmarks\n") and "Notes kept below." in text


def test_chart_is_a_png(tmp_path):
    png = chart.draw(result("x"), tmp_path / "c.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
