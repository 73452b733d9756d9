"""Scan one tree (a folder, or a filesystem a drive scan mounted): survey it, identify its
content within the options' budget, return a ScanResult."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspector.core.content.result import ContentResult
from inspector.core.media.drives.model import DeviceInfo, FilesystemInfo
from inspector.core.media.mounts import mount_of
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.scan.result import ScanResult
from inspector.core.survey.fsview import FileSystemView, LocalFS, sampling_clock
from inspector.core.survey.walk import SurveyResult, survey

if TYPE_CHECKING:
    from inspector.core.content.sampling import StreamHints
    from inspector.core.scan.estimate import Pilot

DEFAULT_BUDGET_S = 30.0
EXACT_BELOW = 1000


@dataclass(frozen=True, slots=True)
class ScanOptions:
    budget_s: float = DEFAULT_BUDGET_S  # 0 = survey only
    full: bool = False  # identify every file
    raw: bool = False  # raw sector sampling of a device
    seed: int | None = None
    # identify every file when a tree holds at most this many (exact, and no slower than a
    # sample that would draw each of them anyway); 0 = always sample
    exact_below: int = EXACT_BELOW


def scan_tree(
    root: str,
    view: FileSystemView,
    options: ScanOptions,
    *,
    filesystem: FilesystemInfo | None = None,
    device: DeviceInfo | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    target: str | None = None,
) -> ScanResult:
    """Survey and identify the tree at `root` of `view` (a mounted filesystem or a folder)."""
    started = time.monotonic()
    if options.budget_s <= 0 and not options.full:  # survey only: no identifier, no sampler
        clock = sampling_clock(view)
        walk_started = clock()
        surveyed = survey(root, view, progress=progress, cancel=cancel)
        content = ContentResult(spent_s=round(clock() - walk_started, 3))
        return _result(root, target, started, surveyed, content, [], True, device, filesystem)
    # Imported here: a survey-only scan (--budget 0) is timed against `du`, and these (the
    # compiled identifier, the sampler, the pilot) are a third of a scan's start-up.
    from inspector.core.content.identify import Identifier
    from inspector.core.content.sampling import (
        DEFAULT_PRECISION,
        MAX_DRAWS,
        SamplingOptions,
        full_content,
        new_seed,
        survey_and_sample,
    )
    from inspector.core.scan.estimate import affordable_draws, estimate_tree, pilot, provisional

    identifier = Identifier(view)
    content_warnings: list[str] = []
    content_complete = True
    if options.full:  # one walk: survey and identify every file
        surveyed, content, content_warnings = full_content(
            root, identifier, progress=progress, cancel=cancel
        )
    else:
        clock = sampling_clock(view)
        walk_started = clock()
        seed = options.seed if options.seed is not None else new_seed()
        found = pilot(root, identifier, seed ^ 0xD35C, options.budget_s, clock, cancel)
        left = options.budget_s - (clock() - walk_started)

        def estimated(walk_stopped: str = "") -> tuple[SurveyResult, ContentResult, list[str]]:
            return estimate_tree(
                root,
                identifier,
                found,
                options.budget_s,
                DEFAULT_PRECISION,
                seed,
                started=walk_started,
                clock=clock,
                progress=progress,
                cancel=cancel,
                walk_stopped=walk_stopped,
            )

        if _small(found, options):
            # The pilot saw the whole tree and it is small: one walk identifying every
            # file gives exact shares, for less than drawing a sample over it.
            surveyed, content, content_warnings = full_content(
                root, identifier, progress=progress, cancel=cancel
            )
            content_complete = surveyed.complete
        elif found.projected_walk_s > left and found.estimate.descents:
            surveyed, content, content_warnings = estimated()
            content_complete = False
        else:
            early = provisional(found.estimate, "the walk is still running")
            progress(early)
            surveyed, content, content_warnings = survey_and_sample(
                root,
                identifier,
                SamplingOptions(
                    budget_s=options.budget_s,
                    seed=seed,
                    max_draws=affordable_draws(found, left)
                    if clock is not time.monotonic  # a drive clock: a seed, its draws
                    else MAX_DRAWS,
                ),
                hints=_hints(view, root, filesystem, found),
                started=walk_started,
                progress=_with_provisional(progress, early),
                cancel=cancel,
                clock=clock,
                stop_walk_at_budget=True,
            )
            content_complete = content.stopped != "cancelled"
            # a walk projected to fit that did not: the descents' estimates, rather than a
            # budget overrun or the counts of part of the tree
            if not surveyed.complete and content.stopped == "budget":
                walk_stopped = (
                    f"the walk, projected at ~{found.projected_walk_s:,.0f} s, did not "
                    f"finish in the {options.budget_s:g} s budget "
                    f"({surveyed.files:,} files walked)"
                )
                surveyed, content, content_warnings = estimated(walk_stopped)
                content_complete = False
        if (
            content.method != "full"
            and surveyed.complete
            and 0 < surveyed.files <= options.exact_below
        ):
            # Fewer files than a sample would draw: reading each once costs no more than
            # sampling and gives exact shares instead of intervals.
            surveyed, content, content_warnings = full_content(
                root, identifier, progress=progress, cancel=cancel
            )
            content_complete = surveyed.complete
        content = dataclasses.replace(content, spent_s=round(clock() - walk_started, 3))
    return _result(
        root,
        target,
        started,
        surveyed,
        content,
        content_warnings,
        content_complete,
        device,
        filesystem,
    )


def _result(
    root: str,
    target: str | None,
    started: float,
    surveyed: SurveyResult,
    content: ContentResult,
    content_warnings: list[str],
    content_complete: bool,
    device: DeviceInfo | None,
    filesystem: FilesystemInfo | None,
) -> ScanResult:
    return ScanResult(
        target=target or root,
        complete=surveyed.complete and content_complete,
        elapsed_s=time.monotonic() - started,
        survey=surveyed,
        content=content,
        device=device,
        filesystem=filesystem,
        warnings=surveyed.warnings + tuple(content_warnings),
    )


def _small(found: Pilot, options: ScanOptions) -> bool:
    return found.estimator.listed_everything() and found.estimate.files.value <= options.exact_below


def _with_provisional(progress: ProgressFn, early: Progress) -> ProgressFn:
    """The walk's progress, carrying the pilot's provisional shares until the walk is done."""

    def report(p: Progress) -> None:
        if p.stage == "survey":
            p = dataclasses.replace(
                p, provisional=early.provisional, provisional_why=early.provisional_why
            )
        progress(p)

    return report


def _hints(
    view: FileSystemView, root: str, filesystem: FilesystemInfo | None, found: Pilot
) -> StreamHints:
    """Where to start the draws' density. A whole mounted filesystem (it has a UUID) tells its
    usage: the bytes in use less half a block of slack per inode (files smaller than a block
    make usage exceed their bytes; a hint far too large would leave fewer draws than asked),
    and the inodes in use. A folder may be a sliver of its disk: the low ends of the pilot's
    intervals then (too low costs a few thinnings, never draws)."""
    from inspector.core.content.sampling import (
        DEFAULT_BYTES_HINT,
        DEFAULT_FILES_HINT,
        StreamHints,
    )

    usage = view.usage(root) if filesystem is not None and filesystem.uuid else None
    if usage is None:
        tree = found.estimate
        return StreamHints(
            bytes=max(DEFAULT_BYTES_HINT, int(tree.bytes.lo) // 2),
            files=max(DEFAULT_FILES_HINT, int(tree.files.lo) // 2),
        )
    inodes = usage.inodes_used or 0
    payload = max(usage.used_bytes // 4, usage.used_bytes - inodes * 2048)
    return StreamHints(bytes=max(1, payload), files=max(1, inodes or DEFAULT_FILES_HINT))


def directory_filesystem(path: str, view: FileSystemView | None = None) -> FilesystemInfo | None:
    """Usage of the filesystem holding a directory (type from the mount table, no UUID/label)."""
    usage = (view or LocalFS()).usage(path)
    if usage is None:
        return None
    mount = mount_of(path)
    return FilesystemInfo(
        type=mount[2] if mount else None,
        uuid=None,
        label=None,
        size_bytes=usage.size_bytes,
        used_bytes=usage.used_bytes,
        free_bytes=usage.free_bytes,
        fill_ratio=round(usage.fill_ratio, 6),
    )
