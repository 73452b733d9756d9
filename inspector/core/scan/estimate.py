"""A scan that cannot walk the whole tree inside its budget: random descents instead.

`pilot` runs a few descents first (cheap: the walk lists the same directories afterwards, from
the page cache) and projects what the full walk would cost from the time its listings took per
entry. When the walk fits the budget the scan walks (exact counts, one walk with the draws);
when it does not, `estimate_tree` spends the budget on descents and reports files, bytes,
directories and category shares as estimates with 95 % intervals, saying what they rest on
("estimated from N directories of an estimated M"), and the survey as incomplete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from inspector.core.content.descent import Classify, DescentEstimator, Interval, TreeEstimate
from inspector.core.content.identify import Identifier
from inspector.core.content.result import CategoryShare, ContentResult, DisguisedShare
from inspector.core.content.sampling import MAX_DRAWS
from inspector.core.content.tally import disguised
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.survey.extensions import extension_of
from inspector.core.survey.walk import SurveyResult

PILOT_DESCENTS = 32
# Entries the pilot lists at most (after its first descent): enough to time listings, and a
# small part of any tree worth estimating; on a small tree the walk lists the rest anyway.
PILOT_ENTRIES = 10_000
PILOT_SHARE = 0.2  # of the budget, at most, for the pilot
BATCH = 16  # descents between checks of budget, precision and cancel
# Draws the walk maps, at least: each costs the walk a hit, the draws a sort. Reading them all
# would take 4 x what the budget affords at the pilot's cost per file read (a sample reads two
# files, and batches read in elevator order, cheaper than the pilot's random reads).
MIN_DRAWS = 1024
DRAWS_PER_READ = 2

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Pilot:
    estimator: DescentEstimator
    estimate: TreeEstimate
    projected_walk_s: float  # what walking every directory would cost, on the scan's clock


def classifier(identifier: Identifier) -> Classify:
    """A descent's pick identified: its category, and whether its content contradicts its
    name (the walk's rule: content/tally.disguised)."""

    def classify(path: str, size: int) -> tuple[str, bool] | None:
        try:
            ident = identifier.identify(path, size)
        except OSError:
            return None
        return ident.category, disguised(extension_of(path.rpartition("/")[2]), ident)

    return classify


def pilot(
    root: str,
    identifier: Identifier,
    seed: int,
    budget_s: float,
    clock: Clock,
    cancel: CancelToken | None = None,
) -> Pilot:
    started = clock()
    est = DescentEstimator(identifier.view, root, classifier(identifier), seed, clock=clock)
    est.run(
        PILOT_DESCENTS,
        lambda: (
            _stop(cancel)
            or clock() - started > budget_s * PILOT_SHARE
            or est.entries_listed >= PILOT_ENTRIES
        ),
    )
    tree = est.estimate()
    per_entry = est.listing_s / max(1, est.entries_listed)
    return Pilot(est, tree, per_entry * (tree.files.value + tree.dirs.value))


def affordable_draws(found: Pilot, left_s: float) -> int:
    """Draws per stream worth mapping during the walk: what the budget left after the walk
    could read at the pilot's cost per identified file (on a simulated hard disk ~9 ms, so
    ~3,000 files in 30 s: 16,384 draws per stream would never be read), twice over. Fast media
    (the pilot reads in microseconds) keep the sampler's maximum. Only on a drive clock
    (simulated drives): on wall time the pilot's timings vary, and the draws of a seed must
    not."""
    est = found.estimator
    if not est.identified or est.identify_s <= 0:
        return MAX_DRAWS
    reads = max(0.0, left_s - found.projected_walk_s) / (est.identify_s / est.identified)
    return int(min(MAX_DRAWS, max(MIN_DRAWS, DRAWS_PER_READ * reads)))


def provisional(tree: TreeEstimate, why: str) -> Progress:
    """Progress that carries a provisional estimate (the CLI and the desk show it)."""
    shares = tuple(
        (s.category, s.bytes_share.value, s.bytes_share.lo, s.bytes_share.hi) for s in tree.shares
    )
    return Progress(
        stage="estimate",
        done=tree.descents,
        detail=f"provisional, {why}: {tree.basis}",
        provisional=shares,
        provisional_why=f"{why}; {tree.descents:,} random descents",
    )


def estimate_tree(
    root: str,
    identifier: Identifier,
    found: Pilot,
    budget_s: float,
    precision: float,
    seed: int,
    *,
    started: float,
    clock: Clock,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    walk_stopped: str = "",
) -> tuple[SurveyResult, ContentResult, list[str]]:
    """Spend what is left of the budget on descents; report estimates (never as exact).
    `walk_stopped`: why a walk that was started did not finish (the note then says so)."""
    est = found.estimator
    deadline = started + budget_s
    stopped = "budget"
    while clock() < deadline:
        if _stop(cancel):
            stopped = "cancelled"
            break
        est.run(BATCH, lambda: clock() >= deadline or _stop(cancel))
        tree = est.estimate()
        progress(provisional(tree, "the walk would not fit the budget"))
        if tree.shares and _widest(tree) <= precision:
            stopped = "precision"
            break
    tree = est.estimate()
    walk = f"~{found.projected_walk_s:,.0f} s" if found.projected_walk_s < 1e9 else "too long"
    why = walk_stopped or f"a full walk would take {walk} of a {budget_s:g} s budget"
    note = (
        f"survey not finished ({why}): "
        f"files, bytes and shares are {tree.basis}, with 95 % intervals"
    )
    survey = SurveyResult(
        root=root,
        files=round(tree.files.value),
        dirs=round(tree.dirs.value),
        symlinks=0,
        other=0,
        bytes=round(tree.bytes.value),
        allocated_bytes=0,
        errors=0,
        by_extension=(),
        warnings=(note,),
        complete=False,
        elapsed_s=clock() - started,
        estimated=(
            ("files", tree.files.value, tree.files.lo, tree.files.hi),
            ("bytes", tree.bytes.value, tree.bytes.lo, tree.bytes.hi),
            ("dirs", tree.dirs.value, tree.dirs.lo, tree.dirs.hi),
        ),
        basis=tree.basis,
    )
    content = ContentResult(
        method="estimated",
        samples=tree.descents,
        sampled_bytes=identifier.bytes_read,
        seed=seed,
        categories=tuple(
            CategoryShare(
                s.category,
                round(s.bytes_share.value, 6),
                (round(s.bytes_share.lo, 6), round(s.bytes_share.hi, 6)),
                round(s.bytes_share.value * tree.bytes.value),
                round(s.files_share.value * tree.files.value),
            )
            for s in tree.shares
        ),
        disguised=DisguisedShare(
            round(tree.disguised.value, 6),
            (round(tree.disguised.lo, 6), round(tree.disguised.hi, 6)),
            tuple(est.disguised_examples),
        ),
        file_samples=tree.descents,
        files_identified=est.identified,
        errors=tree.errors,
        precision=round(_widest(tree) if tree.shares else 1.0, 6),
        stopped=stopped,
        spent_s=round(clock() - started, 3),
    )
    warnings = []  # the note is the survey's own warning: said once
    usage = identifier.view.usage(root)
    if usage is not None and tree.bytes.lo > usage.used_bytes:
        warnings.append(  # apparent sizes can exceed it only through sparse files
            f"the bytes estimated exceed the filesystem's used space ({usage.used_bytes:,} "
            "bytes): sparse files, or an estimate to distrust"
        )
    return survey, content, warnings


def _half(share: Interval) -> float:
    return (share.hi - share.lo) / 2


def _widest(tree: TreeEstimate) -> float:
    """The widest half-interval of what the scan reports: shares of bytes and the share of
    disguised files (the policy compares both)."""
    return max(_half(tree.disguised), *(_half(s.bytes_share) for s in tree.shares))


def _stop(cancel: CancelToken | None) -> bool:
    return cancel is not None and cancel.cancelled
