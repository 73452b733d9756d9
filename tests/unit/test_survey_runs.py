"""Runs of files (simulated drives list directories as columns, survey/fsview.FileRun): the
walk and the random descents see exactly what listing the same drive entry by entry gives,
counts, order, draws and estimates alike."""

from __future__ import annotations

import dataclasses
import random
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

import pytest

from inspector.core.content.descent import DescentEstimator
from inspector.core.survey.draws import PoissonTap
from inspector.core.survey.fsview import DirEntryLike, FsUsage, StatLike, run_listing
from inspector.core.survey.walk import survey
from inspector.core.training.layout import plan_drive
from inspector.core.training.loader import load_scenario, scenarios_dir
from inspector.core.training.virtualfs import VirtualFS


class EntryByEntry:
    """The same drive without `listing_runs`: every file an entry."""

    def __init__(self, inner: VirtualFS) -> None:
        self.inner = inner

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]:
        return self.inner.scandir(path)

    def lstat(self, path: str) -> StatLike:
        return self.inner.lstat(path)

    def open_read(self, path: str) -> BinaryIO:
        return self.inner.open_read(path)

    def usage(self, path: str) -> FsUsage | None:
        return self.inner.usage(path)


def _drive(scenario: str, index: int = 0) -> VirtualFS:
    if scenario == "one-directory":  # its one directory, of 150k files: three runs
        text = (scenarios_dir() / "one-directory.toml").read_text()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "flat.toml"
            path.write_text(text.replace('size = "3.6 MB"', 'size = "120 MB"'))
            spec = load_scenario(str(path)).drives[index]
    else:
        spec = load_scenario(scenario).drives[index]
    return VirtualFS(plan_drive(spec, 7), "/mnt/x", dev=9)


class Recorder:
    """A PoissonTap (compiled: not subclassed) that keeps every hit it is given."""

    def __init__(self, seed: int, bytes_hint: int, files_hint: int) -> None:
        self.tap = PoissonTap(random.Random(seed), 200, bytes_hint, files_hint)
        self.hits: list[tuple[str, int, str, int, int]] = []

    @property
    def next_byte(self) -> int:
        return self.tap.next_byte

    @property
    def next_file(self) -> int:
        return self.tap.next_file

    def hit(self, path: str, size: int, ext: str, start: int, ordinal: int) -> None:
        self.hits.append((path, size, ext, start, ordinal))
        self.tap.hit(path, size, ext, start, ordinal)


@pytest.mark.parametrize("scenario", ["holiday", "seed", "one-directory"])
def test_walk_by_runs_matches_the_walk_entry_by_entry(scenario):
    runs = _drive(scenario)
    entries = EntryByEntry(_drive(scenario))
    assert run_listing(runs) is not None and run_listing(entries) is None
    plan = runs.plan
    taps = []
    results = []
    for view in (runs, entries):
        tap = Recorder(3, plan.file_bytes // 3, plan.files // 3)  # dense: many hits per run
        results.append(survey("/mnt/x", view, tap=tap))
        taps.append(tap)
    by_runs, by_entries = (dataclasses.replace(r, elapsed_s=0) for r in results)
    assert by_runs == by_entries
    assert by_runs.files == plan.files and by_runs.bytes == plan.file_bytes
    if scenario == "one-directory":
        assert 130_000 < plan.files < 200_000
    assert len(taps[0].hits) > 100
    assert taps[0].hits == taps[1].hits
    assert [(d.ordinal, d.path) for d in taps[0].tap.by_bytes.draws()] == [
        (d.ordinal, d.path) for d in taps[1].tap.by_bytes.draws()
    ]
    assert runs.drive.now() == entries.inner.drive.now()  # the same listings charged


@pytest.mark.parametrize("scenario", ["holiday", "seed", "one-directory"])
def test_poisson_draws_on_runs_are_the_draws_entry_by_entry(scenario):
    """PoissonTap.hit_run leaves paths to be made when a draw is used: the same draws."""
    drawn = []
    for view in (_drive(scenario), EntryByEntry(_drive(scenario))):
        plan = _drive(scenario).plan
        tap = PoissonTap(random.Random(11), 500, plan.file_bytes // 4, plan.files // 4)
        survey("/mnt/x", view, tap=tap)
        drawn.append(
            [
                [(d.ordinal, d.path, d.size, d.ext) for d in stream.draws()]
                for stream in (tap.by_bytes, tap.by_files)
            ]
        )
    assert len(drawn[0][0]) == len(drawn[0][1]) == 500
    assert drawn[0] == drawn[1]
    assert all(path.startswith("/mnt/x/") for _, path, _, _ in drawn[0][0])


def test_a_directory_with_disguised_files_is_listed_entry_by_entry():
    view = _drive("disguised")
    disguised = [
        rel
        for rel, node in view.plan.dirs.items()
        if any(entry.disguises for entry, _, _ in node.files)
    ]
    assert disguised
    assert view.listing_runs("/mnt/x/" + disguised[0]) is None
    result = survey("/mnt/x", view)
    assert result.files == view.plan.files


@pytest.mark.parametrize("scenario", ["seed", "one-directory"])
def test_descents_by_runs_match_descents_entry_by_entry(scenario):
    estimates = []
    for view in (_drive(scenario), EntryByEntry(_drive(scenario))):
        est = DescentEstimator(view, "/mnt/x", lambda path, size: (path.rsplit(".")[-1], False), 5)
        est.run(40)
        estimates.append((est.estimate(), est.samples, est.listings))
    assert estimates[0] == estimates[1]
    assert estimates[0][2] > 1
