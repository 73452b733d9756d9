"""Estimates of a tree without walking all of it: random descents with known probabilities.

Each descent starts at the root and steps into one sub-directory at a time until it reaches a
directory without any, choosing a child with probability q = (1 - EPS) * its share of the
listed directories' sizes + EPS / (number of children). A directory's st_size grows with its
entries on ext4, XFS, btrfs and tmpfs, so big directories are found often; the uniform part
keeps every directory reachable whatever the filesystem reports. A directory d reached with
probability p(d) contributes x(d) / p(d) (Knuth's estimator of a tree's size, as Glance does
for aggregates, Huang et al., FAST 2011): summed over the path, an unbiased estimate of the
total of x over all directories, for x = files, bytes, or 1 (directories).

Content: each descent picks one directory of its path with probability proportional to its
term bytes(d) / p(d), then one file in it byte-weighted, and identifies it: S * [category], S
being the path's byte sum, is unbiased for the category's bytes (likewise with file counts for
the file shares). Descents are independent, so totals get normal intervals from the spread of
the per-descent sums, shares a ratio estimate whose linearised variance sets an effective
sample size for a Wilson interval (never the normal interval near 0 or 1).

Listings are cached: a directory listed once is never listed again; a directory with more than
KEEP_FILES files keeps a reservoir of draws (the walk's Poisson points, sampling.py) instead of
its files, and is listed again only if a run consumes them all.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from stat import S_ISDIR, S_ISREG

from inspector.core.content.stats import Z95, wilson
from inspector.core.survey.draws import Drawn, PoissonTap
from inspector.core.survey.fsview import FileSystemView, run_listing
from inspector.core.survey.walk import tap_run

EPS = 0.2  # uniform share of each branch choice
KEEP_FILES = 4096  # above this many files a directory keeps draws, not its listing
RESERVOIR = 256  # draws kept per stream for a large directory

# a directory's files as listed: names, sizes (while few), or a tap of draws, files, bytes
_Listed = tuple[list[str], list[int], PoissonTap | None, int, int]
# (path, size) -> (category, disguised: content contradicts the name), None: unreadable
Classify = Callable[[str, int], tuple[str, bool] | None]
MAX_EXAMPLES = 5  # disguised files named as examples


@dataclass(frozen=True, slots=True)
class Interval:
    value: float
    lo: float
    hi: float


@dataclass(frozen=True, slots=True)
class ShareEstimate:
    category: str
    bytes_share: Interval
    files_share: Interval


@dataclass(frozen=True, slots=True)
class TreeEstimate:
    """What `descents` random descents say about a tree (95 % intervals)."""

    descents: int
    directories_listed: int
    files: Interval
    bytes: Interval
    dirs: Interval
    shares: tuple[ShareEstimate, ...]
    errors: int  # picks that could not be read (not a class, not in the denominators)
    disguised: Interval = Interval(0.0, 0.0, 1.0)  # share of files whose content contradicts
    # their name (unknown, 0-100 %, until a file is picked)

    @property
    def basis(self) -> str:
        return (
            f"estimated from {self.directories_listed:,} directories of an estimated "
            f"{self.dirs.value:,.0f} ({self.descents:,} random descents)"
        )


class _Dir:
    """One listed directory: its children (with their sizes) and its files, or draws of them."""

    __slots__ = (
        "byte_draws", "children", "choice", "cum", "file_draws", "files", "names", "nbytes"
    )  # fmt: skip

    def __init__(self) -> None:
        self.children: list[tuple[str, int]] = []  # (path, st_size)
        self.choice: list[float] = []  # cumulative branch probabilities of `children`
        self.names: list[str] = []
        self.cum: list[int] = []  # cumulative sizes of `names`
        self.files = 0
        self.nbytes = 0
        self.byte_draws: list[Drawn] = []
        self.file_draws: list[Drawn] = []


class DescentEstimator:
    """Random descents over a FileSystemView; `run(n)` adds n descents, `estimate()` reports."""

    def __init__(
        self,
        view: FileSystemView,
        root: str,
        classify: Classify,
        seed: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.view = view
        self.clock = clock
        self.listing_s = 0.0  # time the listings took, on `clock`
        self.entries_listed = 0
        self.identified = 0
        self.identify_s = 0.0  # time the identifications took, on `clock`
        self.root = root.rstrip("/") or "/"
        self.classify = classify
        self.rng = random.Random(seed)
        self.cache: dict[str, _Dir] = {}
        self.listings = 0
        self.root_dev = view.lstat(self.root).st_dev
        # per descent: (files sum, bytes sum, dirs sum, byte-pick category, file-pick category)
        # ... and whether the file pick is disguised
        self.samples: list[tuple[float, float, float, str | None, str | None, bool]] = []
        self.disguised_examples: list[str] = []
        self.errors = 0
        self._seen: dict[str, tuple[str, bool] | None] = {}

    def _list(self, path: str) -> _Dir:
        known = self.cache.get(path)
        if known is not None:
            return known
        d = _Dir()
        prefix = path if path.endswith("/") else path + "/"
        self.listings += 1
        began = self.clock()
        listed = self._listed_runs(path, prefix, d)
        if listed is None:
            listed = self._listed_entries(path, prefix, d)
        names, sizes, tap, files, nbytes = listed
        if tap is None:
            d.names, d.cum = names, list(itertools.accumulate(sizes))
            d.files, d.nbytes = len(names), (d.cum[-1] if d.cum else 0)
        else:
            d.files, d.nbytes = files, nbytes
        self.listing_s += self.clock() - began
        self.entries_listed += d.files + len(d.children)
        if tap is not None:
            d.byte_draws = tap.by_bytes.draws()[::-1]  # consumed from the end
            d.file_draws = tap.by_files.draws()[::-1]
        if d.children:
            total, k = sum(size for _, size in d.children), len(d.children)
            weights = ((1 - EPS) * size / total + EPS / k for _, size in d.children)
            d.choice = list(itertools.accumulate(weights))
        self.cache[path] = d
        return d

    def _listed_entries(self, path: str, prefix: str, d: _Dir) -> _Listed:
        """List `path` entry by entry: children into `d`; its files kept, or a tap of draws."""
        tap: PoissonTap | None = None
        names: list[str] = []  # files kept by name, with their sizes, while few enough
        sizes: list[int] = []
        children, root_dev = d.children, self.root_dev
        files = nbytes = 0  # of the files passed to the tap
        try:
            with self.view.scandir(path) as entries:
                for entry in entries:  # a descent lists a million entries a run: keep it tight
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    mode = st.st_mode
                    if S_ISREG(mode):
                        if tap is None:
                            names.append(entry.name)
                            sizes.append(st.st_size)
                            if len(names) > KEEP_FILES:  # too many: keep draws instead
                                tap = self._reservoir(names, sizes, prefix)
                                files, nbytes = len(names), sum(sizes)
                                names, sizes = [], []
                        else:
                            size = st.st_size
                            tap.hit(prefix + entry.name, size, "", nbytes, files)
                            files += 1
                            nbytes += size
                    elif S_ISDIR(mode) and st.st_dev == root_dev:
                        children.append((prefix + entry.name, max(1, st.st_size)))
        except OSError:
            self.errors += 1
        return names, sizes, tap, files, nbytes

    def _listed_runs(self, path: str, prefix: str, d: _Dir) -> _Listed | None:
        """`_listed_entries` for a view that lists runs of files (simulated drives): the same
        children, files and draws (the tap is made when the (KEEP_FILES + 1)-th file is
        reached, as there), without an object per file. None: list it entry by entry."""
        view = run_listing(self.view)
        if view is None:
            return None
        try:
            listed = view.listing_runs(path)
        except OSError:
            self.errors += 1
            return [], [], None, 0, 0
        if listed is None:
            return None
        others, runs = listed
        for entry in others:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if S_ISDIR(st.st_mode) and st.st_dev == self.root_dev:
                d.children.append((prefix + entry.name, max(1, st.st_size)))
        if sum(run.count for run in runs) <= KEEP_FILES:
            names = [name for run in runs for name in run.names()]
            sizes = [size for run in runs for size in run.sizes()]
            return names, sizes, None, 0, 0
        tap = PoissonTap(self.rng, RESERVOIR, 1, 1)
        files = nbytes = 0
        for run in runs:
            tap_run(tap, run, prefix, "", nbytes, files)
            files += run.count
            nbytes += run.bytes
        return [], [], tap, files, nbytes

    def _reservoir(self, names: list[str], sizes: list[int], prefix: str) -> PoissonTap:
        """Switch a directory found large to draws: replay the files kept so far into a tap."""
        tap = PoissonTap(self.rng, RESERVOIR, 1, 1)
        start = 0
        for ordinal, (name, size) in enumerate(zip(names, sizes, strict=True)):
            tap.hit(prefix + name, size, "", start, ordinal)
            start += size
        return tap

    def _pick(self, path: str, d: _Dir, by_bytes: bool) -> tuple[str, int] | None:
        if d.names:
            if by_bytes:
                if not d.nbytes:
                    return None
                i = bisect.bisect_right(d.cum, self.rng.randrange(d.nbytes))
            else:
                i = self.rng.randrange(len(d.names))
            prev = d.cum[i - 1] if i else 0
            prefix = path if path.endswith("/") else path + "/"
            return prefix + d.names[i], d.cum[i] - prev
        draws = d.byte_draws if by_bytes else d.file_draws
        if not draws:
            del self.cache[path]  # used up: list it again for fresh draws
            d = self._list(path)
            draws = d.byte_draws if by_bytes else d.file_draws
            if not draws:
                return None
        drawn = draws.pop()
        return drawn.path, drawn.size

    def _category(self, pick: tuple[str, int] | None) -> tuple[str, bool] | None:
        if pick is None:
            return None
        path, size = pick
        if path not in self._seen:
            began = self.clock()
            found = self._seen[path] = self.classify(path, size)
            self.identify_s += self.clock() - began
            self.identified += 1
            if found is not None and found[1] and len(self.disguised_examples) < MAX_EXAMPLES:
                self.disguised_examples.append(path)
        found = self._seen[path]
        if found is None:
            self.errors += 1
        return found

    def run(self, descents: int, should_stop: Callable[[], bool] = lambda: False) -> None:
        for _ in range(descents):
            if should_stop():
                return
            self._descend()

    def _descend(self) -> None:
        path, p = self.root, 1.0
        terms: list[tuple[str, _Dir, float]] = []
        while True:
            d = self._list(path)
            terms.append((path, d, p))
            if not d.children:
                break
            i = min(len(d.choice) - 1, bisect.bisect(d.choice, self.rng.random() * d.choice[-1]))
            weight = (d.choice[i] - (d.choice[i - 1] if i else 0.0)) / d.choice[-1]
            path, p = d.children[i][0], p * weight
        files_sum = sum(d.files / q for _, d, q in terms)
        bytes_sum = sum(d.nbytes / q for _, d, q in terms)
        dirs_sum = sum(1 / q for _, _, q in terms)
        byte_pick = file_pick = None
        if bytes_sum > 0:
            where, d, _ = self._term(terms, [t[1].nbytes / t[2] for t in terms])
            byte_pick = self._category(self._pick(where, d, True))
        if files_sum > 0:
            where, d, _ = self._term(terms, [t[1].files / t[2] for t in terms])
            file_pick = self._category(self._pick(where, d, False))
        self.samples.append(
            (
                files_sum,
                bytes_sum,
                dirs_sum,
                byte_pick[0] if byte_pick else None,
                file_pick[0] if file_pick else None,
                bool(file_pick and file_pick[1]),
            )
        )

    def _term(
        self, terms: list[tuple[str, _Dir, float]], weights: list[float]
    ) -> tuple[str, _Dir, float]:
        return self.rng.choices(terms, weights)[0]

    def listed_everything(self) -> bool:
        """Every directory of the tree was listed without error, so the files and bytes seen
        are the tree's own, exactly: a tree this small needs no sample."""
        return (
            not self.errors
            and self.root in self.cache
            and all(c in self.cache for d in self.cache.values() for c, _ in d.children)
        )

    def estimate(self) -> TreeEstimate:
        n = len(self.samples)
        files = _mean_interval([s[0] for s in self.samples])
        nbytes = _mean_interval([s[1] for s in self.samples])
        dirs = _mean_interval([s[2] for s in self.samples])
        categories = {c for s in self.samples for c in (s[3], s[4]) if c is not None}
        shares = []
        for c in sorted(categories):
            by_bytes = _ratio([(s[1] * (s[3] == c), s[1]) for s in self.samples if s[3]])
            by_files = _ratio([(s[0] * (s[4] == c), s[0]) for s in self.samples if s[4]])
            shares.append(ShareEstimate(c, by_bytes, by_files))
        # the file pick is a file-weighted draw: disguised files as a share of the files
        disguised = _ratio([(s[0] * s[5], s[0]) for s in self.samples if s[4]])
        shares.sort(key=lambda s: -s.bytes_share.value)
        listed_files = sum(d.files for d in self.cache.values())
        listed_dirs = len(self.cache)
        return TreeEstimate(
            descents=n,
            directories_listed=self.listings,
            files=_at_least(files, listed_files),
            bytes=_at_least(nbytes, sum(d.nbytes for d in self.cache.values())),
            dirs=_at_least(dirs, listed_dirs),
            shares=tuple(shares),
            errors=self.errors,
            disguised=disguised,
        )


def _at_least(estimate: Interval, seen: float) -> Interval:
    """What the listed directories hold is there for certain: no figure goes below it."""
    return Interval(max(estimate.value, seen), max(estimate.lo, seen), max(estimate.hi, seen))


def _mean_interval(values: list[float]) -> Interval:
    n = len(values)
    if not n:
        return Interval(0.0, 0.0, math.inf)
    mean = sum(values) / n
    if n < 2:
        return Interval(mean, 0.0, math.inf)
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = Z95 * math.sqrt(var / n)
    return Interval(mean, mean - half, mean + half)


def _ratio(pairs: list[tuple[float, float]]) -> Interval:
    """Share sum(y) / sum(x) over descents, with a Wilson interval at the effective sample size
    that the ratio's linearised variance implies (design effect of the descents)."""
    n = len(pairs)
    sx = sum(x for _, x in pairs)
    if not n or sx <= 0:
        return Interval(0.0, 0.0, 1.0)
    r = sum(y for y, _ in pairs) / sx
    if n < 2:
        return Interval(r, 0.0, 1.0)
    mean_x = sx / n
    var = sum((y - r * x) ** 2 for y, x in pairs) / (n - 1) / n / (mean_x * mean_x)
    n_eff = n if var <= 0 or r in (0.0, 1.0) else min(n, r * (1 - r) / var)
    trials = max(1, round(n_eff))
    lo, hi = wilson(round(r * trials), trials)
    return Interval(r, min(lo, r), max(hi, r))
