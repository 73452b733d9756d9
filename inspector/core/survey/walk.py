"""Streaming filesystem survey: counts and bytes, bounded memory, never follows symlinks.

The walk is iterative (no recursion limit), stays on the filesystem of its root (st_dev) and
keeps aggregates only: no per-file list, so 10 M files cost what 10 files cost, plus the set of
hard-linked inodes and the stack of directories still to visit.
"""

from __future__ import annotations

import os
import stat as stat_mod
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Protocol

from inspector.core.errors import Cancelled
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress
from inspector.core.survey.extensions import extension_of, suffix_decides
from inspector.core.survey.fsview import (
    FileRun,
    FileSystemView,
    LocalFS,
    NativeListing,
    RunListing,
    native_listing,
    run_listing,
)
from inspector.core.survey.names import display_name

if TYPE_CHECKING:
    from inspector.core.survey._listdir import ListDir as _ListDir


def _load_lister() -> _ListDir | None:
    """The directory lister in C (setup.py); without it every view is listed by scandir."""
    try:
        from inspector.core.survey._listdir import list_dir
    except ImportError:  # pragma: no cover - a pure-Python install
        return None
    return list_dir


_LIST_DIR: Final = _load_lister()

# Final: compiled (setup.py), the walk reads these without a dictionary lookup per entry.
MAX_LISTED_ERRORS: Final = 5
MAX_EXTENSIONS: Final = 5000  # beyond this many distinct extensions, the rest pool in "(other)"
OTHER_EXT: Final = "(other)"
PROGRESS_INTERVAL_S: Final = 0.1
_EXT_CACHE_SIZE: Final = 4096
_S_IFMT: Final = stat_mod.S_IFMT(0o177777)
_S_IFREG: Final = stat_mod.S_IFREG
_S_IFDIR: Final = stat_mod.S_IFDIR
_S_IFLNK: Final = stat_mod.S_IFLNK

# Called for every regular file: (path, apparent size, extension). Full identification hooks in.
FileVisitor = Callable[[str, int, str], None]
_NEVER: Final = 1 << 62


class StreamTap(Protocol):
    """Sees the files whose place in the walk's streams reaches a threshold: the file whose
    byte range [start, start + size) passes `next_byte`, or whose ordinal reaches `next_file`.
    Sampling draws ride the walk this way (content/sampling.py) at the cost of two integer
    comparisons per file; `hit` moves the thresholds on."""

    next_byte: int
    next_file: int

    def hit(self, path: str, size: int, ext: str, start: int, ordinal: int) -> None: ...


@dataclass(frozen=True, slots=True)
class ExtensionStat:
    ext: str
    files: int
    bytes: int


@dataclass(frozen=True, slots=True)
class SurveyResult:
    """Aggregates of one walk. `bytes` = sum of apparent sizes of regular files."""

    root: str
    files: int
    dirs: int
    symlinks: int
    other: int
    bytes: int
    allocated_bytes: int
    errors: int
    by_extension: tuple[ExtensionStat, ...]
    warnings: tuple[str, ...] = ()
    complete: bool = True
    elapsed_s: float = 0.0
    # Not walked to the end (scan/estimate.py): (figure, estimate, lo, hi) for files, bytes and
    # dirs, and what they rest on; the integer fields then hold the estimates.
    estimated: tuple[tuple[str, float, float, float], ...] = ()
    basis: str = ""


@dataclass
class _Tally:
    """Running aggregates of a walk."""

    files: int = 0
    dirs: int = 0
    symlinks: int = 0
    other: int = 0
    bytes: int = 0
    allocated: int = 0
    errors: int = 0
    ext: dict[str, list[int]] = field(default_factory=dict)
    seen_inodes: set[int] = field(default_factory=set)
    error_notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, path: str, exc: OSError) -> None:
        self.errors += 1
        if len(self.error_notes) < MAX_LISTED_ERRORS:
            reason = exc.strerror or type(exc).__name__
            self.error_notes.append(f"cannot read {display_name(path)}: {reason}")

    def add_ext(self, ext: str, size: int) -> None:
        self.add_ext_files(ext, 1, size)

    def add_ext_files(self, ext: str, files: int, size: int) -> None:
        """`files` files of one extension at once (a run of files; one for `add_ext`)."""
        table = self.ext
        slot = table.get(ext)
        if slot is None:
            if len(table) >= MAX_EXTENSIONS:
                ext = OTHER_EXT
                slot = table.setdefault(ext, [0, 0])
            else:
                slot = table[ext] = [0, 0]
        slot[0] += files
        slot[1] += size


def tap_run(tap: StreamTap, run: FileRun, prefix: str, ext: str, start: int, ordinal: int) -> None:
    """Give `tap` the files of `run` its thresholds select, exactly those the per-entry loop
    would: the run's files follow `start` bytes and `ordinal` files of the streams."""
    if tap.next_byte >= start + run.bytes and tap.next_file >= ordinal + run.count:
        return  # no draw in this run: nothing to list
    sizes = run.sizes()
    hit_run = getattr(tap, "hit_run", None)
    if hit_run is not None:  # a PoissonTap: paths made only for the draws used
        hit_run(sizes, start, ordinal, ext, prefix, run.namer())
        return
    tap_byte, tap_file = tap.next_byte, tap.next_file
    end = start
    for j, size in enumerate(sizes):
        end += size
        if end > tap_byte or ordinal + j >= tap_file:
            tap.hit(prefix + run.name(j), size, ext, end - size, ordinal + j)
            tap_byte, tap_file = tap.next_byte, tap.next_file


def survey(
    root: str,
    view: FileSystemView | None = None,
    *,
    on_file: FileVisitor | None = None,
    tap: StreamTap | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    raise_on_cancel: bool = False,
) -> SurveyResult:
    """Walk `root` and return its aggregates.

    Unreadable entries are counted in `errors` and the first few named in `warnings`; they are
    never fatal. On cancel the partial aggregates are returned with `complete=False` (or
    `Cancelled` is raised when `raise_on_cancel`). `on_file` sees every regular file, `tap`
    the files its thresholds select.
    """
    view = view or LocalFS()
    started = time.monotonic()
    t = _Tally(dirs=1)  # the root itself counts as a directory, as `find -type d` does
    walk = _Walk(view, root, t, on_file, tap, cancel, progress)
    stack = [root]
    while stack and not walk.cancelled:
        walk.list_dir(stack.pop(), stack)
    progress(_progress(t, root))
    if walk.cancelled and raise_on_cancel:
        raise Cancelled("survey cancelled")
    warnings = t.error_notes + t.warnings
    if t.errors > MAX_LISTED_ERRORS:
        warnings.append(f"{t.errors - MAX_LISTED_ERRORS} more unreadable entries not listed")
    by_ext = tuple(
        sorted(
            (ExtensionStat(ext, n, b) for ext, (n, b) in t.ext.items()),
            key=lambda e: (-e.bytes, -e.files, e.ext),
        )
    )
    return SurveyResult(
        root=root,
        files=t.files,
        dirs=t.dirs,
        symlinks=t.symlinks,
        other=t.other,
        bytes=t.bytes,
        allocated_bytes=t.allocated,
        errors=t.errors,
        by_extension=by_ext,
        warnings=tuple(warnings),
        complete=not walk.cancelled,
        elapsed_s=time.monotonic() - started,
    )


class _Walk:
    """State of one walk; `list_dir` is the hot loop (one lstat per entry, as `du` does)."""

    def __init__(
        self,
        view: FileSystemView,
        root: str,
        tally: _Tally,
        on_file: FileVisitor | None,
        tap: StreamTap | None,
        cancel: CancelToken | None,
        progress: ProgressFn,
    ) -> None:
        self.view = view
        self.tap = tap
        self.root_dev = view.lstat(root).st_dev
        self.t = tally
        self.on_file = on_file
        self.cancel = cancel
        self.progress = progress
        self.cancelled = False
        self.ext_cache: dict[str, str] = {}  # ".jpg" -> "jpg", for suffixes that decide alone
        self.since_check = 0
        self.next_report = time.monotonic() + PROGRESS_INTERVAL_S
        # Every file reaches `on_file` by its path: that walk stays in Python (its reads cost
        # far more than the listing).
        self.native = native_listing(view) if on_file is None and _LIST_DIR is not None else None
        self.runs = run_listing(view) if on_file is None else None
        self.listing = root

    def list_dir(self, directory: str, stack: list[str]) -> None:
        """List one directory: in C when the view's directories are real ones, else here."""
        if self.native is not None and self.list_native(self.native, directory, stack):
            return
        if self.runs is not None and self.list_runs(self.runs, directory, stack):
            return
        self.list_scandir(directory, stack)

    def list_runs(self, view: RunListing, directory: str, stack: list[str]) -> bool:
        """Count one directory listed as runs of files (simulated drives): the same counts,
        order and draws as `list_scandir`, with no object per file. False when the view lists
        this one by scandir."""
        t = self.t
        try:
            listed = view.listing_runs(directory)
        except OSError as exc:
            t.error(directory, exc)
            return True
        if listed is None:
            return False
        others, runs = listed
        prefix = directory if directory.endswith("/") else directory + "/"
        for entry in others:  # directories, symlinks, devices: never regular files
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                t.error(prefix + entry.name, exc)
                continue
            kind = st.st_mode & _S_IFMT
            if kind == _S_IFDIR:
                if st.st_dev != self.root_dev:
                    t.warnings.append(
                        f"skipped {display_name(prefix + entry.name)}: another filesystem"
                    )
                    continue
                t.dirs += 1
                stack.append(prefix + entry.name)
            elif kind == _S_IFLNK:
                t.symlinks += 1
            else:
                t.other += 1
        self.since_check += len(others)
        tap = self.tap
        for run in runs:
            count = run.count
            if not count:
                continue
            name = run.name(0)
            dot = name.rfind(".")
            if dot <= 0:
                ext = ""
            else:
                suffix = name[dot:]
                cached = self.ext_cache.get(suffix)
                ext = self._extension(name, suffix) if cached is None else cached
            if tap is not None:
                tap_run(tap, run, prefix, ext, t.bytes, t.files)
            nbytes = run.bytes
            t.files += count
            t.bytes += nbytes
            t.allocated += run.blocks * 512
            t.add_ext_files(ext, count, nbytes)
            self.since_check += count
            if self.since_check >= 512 and self._check(directory):
                return True
        return True

    def list_native(self, native: NativeListing, directory: str, stack: list[str]) -> bool:
        """Count one directory with the C lister (_listdir.c, same counts and order as
        `list_scandir`); False when the view lists this one itself."""
        t = self.t
        try:
            fd = native.dir_fd(directory)
        except OSError as exc:
            t.error(directory, exc)
            return True
        if fd is None:
            return False
        assert _LIST_DIR is not None
        prefix = directory if directory.endswith("/") else directory + "/"
        self.listing = directory
        try:
            files, nbytes, allocated, dirs, links, other, entries, _, errno_, errors, foreign = (
                _LIST_DIR(
                    fd,
                    prefix,
                    stack,
                    self.ext_cache,
                    self._extension,
                    t.ext,
                    t.add_ext,
                    t.seen_inodes,
                    self.tap,
                    self.root_dev,
                    t.files,
                    t.bytes,
                    self._native_check,
                )
            )
        finally:
            os.close(fd)
        t.files += files
        t.bytes += nbytes
        t.allocated += allocated
        t.dirs += dirs
        t.symlinks += links
        t.other += other
        for name, code in errors:
            t.error(prefix + name, OSError(code, os.strerror(code)))
        for name in foreign:
            t.warnings.append(f"skipped {display_name(prefix + name)}: another filesystem")
        if errno_:  # an I/O error part-way through the listing
            failure = OSError(errno_, os.strerror(errno_))
            native.listing_failed(failure)
            t.error(directory, failure)
        self.since_check += entries % 512
        if self.since_check >= 512:
            self._check(directory)
        return True

    def _native_check(self, files: int, nbytes: int, allocated: int) -> bool:
        """The C lister's call every 512 entries: its counts so far into the tally, then
        cancel and progress. True = stop."""
        t = self.t
        t.files, t.bytes, t.allocated = t.files + files, t.bytes + nbytes, t.allocated + allocated
        return self._check(self.listing)

    def list_scandir(self, directory: str, stack: list[str]) -> None:
        """List one directory by scandir. This is the hot loop of virtual and filtered views:
        per-file work is inlined and counters live in locals, flushed into the tally."""
        t = self.t
        try:
            listing = self.view.scandir(directory)
        except OSError as exc:
            t.error(directory, exc)
            return
        prefix = directory if directory.endswith("/") else directory + "/"
        ext_cache = self.ext_cache
        on_file = self.on_file
        tap = self.tap
        tap_byte = tap.next_byte if tap is not None else _NEVER
        tap_file = tap.next_file if tap is not None else _NEVER
        files = nbytes = allocated = 0
        with listing as entries:
            try:
                for entry in entries:
                    try:
                        st = entry.stat(follow_symlinks=False)
                        kind = st.st_mode & _S_IFMT
                        if kind == _S_IFREG:
                            size = st.st_size
                            start = t.bytes + nbytes
                            ordinal = t.files + files
                            files += 1
                            nbytes += size
                            if st.st_nlink <= 1:
                                allocated += st.st_blocks * 512
                            elif st.st_ino not in t.seen_inodes:
                                t.seen_inodes.add(st.st_ino)
                                allocated += st.st_blocks * 512
                            name = entry.name
                            dot = name.rfind(".")
                            if dot <= 0:
                                ext = ""
                            else:
                                suffix = name[dot:]
                                cached = ext_cache.get(suffix)
                                ext = self._extension(name, suffix) if cached is None else cached
                            t.add_ext(ext, size)
                            if on_file is not None:
                                on_file(prefix + name, size, ext)
                            if start + size > tap_byte or ordinal >= tap_file:
                                assert tap is not None
                                tap.hit(prefix + name, size, ext, start, ordinal)
                                tap_byte, tap_file = tap.next_byte, tap.next_file
                        elif kind == _S_IFDIR:
                            if st.st_dev != self.root_dev:
                                t.warnings.append(
                                    f"skipped {display_name(prefix + entry.name)}: "
                                    "another filesystem"
                                )
                                continue
                            t.dirs += 1
                            stack.append(prefix + entry.name)
                        elif kind == _S_IFLNK:
                            t.symlinks += 1
                        else:
                            t.other += 1
                    except OSError as exc:
                        t.error(prefix + entry.name, exc)
                    self.since_check += 1
                    if self.since_check >= 512:
                        t.files, t.bytes, t.allocated = (
                            t.files + files,
                            t.bytes + nbytes,
                            t.allocated + allocated,
                        )
                        files = nbytes = allocated = 0
                        if self._check(directory):
                            return
            except OSError as exc:  # an I/O error part-way through a directory listing
                t.error(directory, exc)
            finally:
                t.files += files
                t.bytes += nbytes
                t.allocated += allocated

    def _extension(self, name: str, suffix: str) -> str:
        ext = extension_of(name)
        if suffix_decides(suffix) and len(self.ext_cache) < _EXT_CACHE_SIZE:
            self.ext_cache[suffix] = ext
        return ext

    def _check(self, directory: str) -> bool:
        """Every few hundred entries: honour cancel, report progress. True = stop."""
        self.since_check = 0
        if self.cancel is not None and self.cancel.cancelled:
            self.cancelled = True
            return True
        now = time.monotonic()
        if now >= self.next_report:
            self.next_report = now + PROGRESS_INTERVAL_S
            self.progress(_progress(self.t, directory))
        return False


def _progress(t: _Tally, where: str) -> Progress:
    return Progress(stage="survey", done=t.files, bytes_done=t.bytes, detail=display_name(where))
