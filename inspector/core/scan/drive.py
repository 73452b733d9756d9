"""Scan one drive through any DriveBackend: mount read-only, survey + identify each filesystem,
aggregate. Backend-agnostic: the udev backend (real drives, loop devices) and the simulated
training backend go through the same function.

A drive that disappears mid-scan shows up as media errors (EIO, or ENOTCONN from a FUSE
driver); when the backend confirms the medium is gone, the walk stops and the result is
returned incomplete. Unmounting and detaching happen in the backend's context manager either way.
"""

from __future__ import annotations

import dataclasses
import errno
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO, Protocol, TypeVar, runtime_checkable

from inspector.core.errors import BadTargetError
from inspector.core.media.drives.model import (
    DeviceInfo,
    Drive,
    DriveBackend,
    MountedFilesystem,
)
from inspector.core.media.privileged import AccessError
from inspector.core.media.raw_result import RawResult
from inspector.core.progress import CancelToken, ProgressFn, no_progress
from inspector.core.scan.aggregate import combine_content, combine_filesystems, combine_surveys
from inspector.core.scan.outside import OutsideCheck, warning_of
from inspector.core.scan.rawscan import RawSampler, ReadsRaw, whole_device
from inspector.core.scan.result import PartitionResult, ScanResult, Unsurveyed
from inspector.core.scan.tree import ScanOptions, scan_tree
from inspector.core.survey.fsview import (
    DirEntryLike,
    FileRun,
    FileSystemView,
    FsUsage,
    StatLike,
    fd_opener,
    native_listing,
    run_listing,
    sampling_clock,
)
from inspector.core.units import format_size

_T = TypeVar("_T")

# Errors that mean "the medium is failing or gone", not "this one file is unreadable".
MEDIA_ERRNOS = frozenset(
    {errno.EIO, errno.ENXIO, errno.ENODEV, errno.ENOTCONN, errno.EUCLEAN, errno.EBADMSG}
)
_PRESENCE_CHECK_INTERVAL_S = 0.5


@runtime_checkable
class ChecksPresence(Protocol):
    """Optional backend capability: say whether a drive's medium is still readable."""

    def present(self, drive: Drive) -> bool: ...


class _LinkedCancel(CancelToken):
    """Cancelled by the caller's token or by us (when the drive vanishes)."""

    def __init__(self, parent: CancelToken | None) -> None:
        super().__init__()
        self._parent = parent

    @property
    def cancelled(self) -> bool:
        return super().cancelled or (self._parent is not None and self._parent.cancelled)


class _VanishWatch:
    """Decides, on a media error, whether the drive is gone; then cancels the walk."""

    def __init__(self, backend: DriveBackend, drive: Drive, token: _LinkedCancel) -> None:
        self._present: Callable[[Drive], bool] | None = (
            backend.present if isinstance(backend, ChecksPresence) else None
        )
        self.drive = drive
        self.token = token
        self.vanished = False
        self._next_check = 0.0

    def media_error(self, exc: OSError) -> None:
        if self.vanished or exc.errno not in MEDIA_ERRNOS:
            return
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + _PRESENCE_CHECK_INTERVAL_S
        self.check()

    def check(self) -> None:
        """After a media error: is the medium gone? A backend that cannot tell is trusted to
        raise media errors only for a missing medium."""
        if self._present is None or not self._present(self.drive):
            self._gone()

    def confirm_gone(self) -> bool:
        """Without a media error seen: only a backend that can tell may say it is gone."""
        if not self.vanished and self._present is not None and not self._present(self.drive):
            self._gone()
        return self.vanished

    def _gone(self) -> None:
        self.vanished = True
        self.token.cancel()


class _GuardedListing:
    """A directory listing whose iteration reports media errors (getdents can fail too)."""

    def __init__(
        self, listing: AbstractContextManager[Iterator[DirEntryLike]], watch: _VanishWatch
    ) -> None:
        self.listing = listing
        self.watch = watch

    def __enter__(self) -> Iterator[DirEntryLike]:
        try:
            return self._entries(self.listing.__enter__())
        except OSError as exc:
            self.watch.media_error(exc)
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.listing.__exit__(None, None, None)

    def _entries(self, entries: Iterator[DirEntryLike]) -> Iterator[DirEntryLike]:
        try:
            yield from entries
        except OSError as exc:
            self.watch.media_error(exc)
            raise


class _GuardedView:
    """A FileSystemView that reports media errors to a _VanishWatch (and re-raises them)."""

    def __init__(self, inner: FileSystemView, watch: _VanishWatch) -> None:
        self.inner = inner
        self.watch = watch

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]:
        try:  # os.scandir fails here, at the call: keep that timing for the survey
            listing = self.inner.scandir(path)
        except OSError as exc:
            self.watch.media_error(exc)
            raise
        return _GuardedListing(listing, self.watch)

    def _guarded(self, call: Callable[[str], _T], path: str) -> _T:
        """`call(path)`, its media errors told to the watch (and re-raised)."""
        try:
            return call(path)
        except OSError as exc:
            self.watch.media_error(exc)
            raise

    def lstat(self, path: str) -> StatLike:
        return self._guarded(self.inner.lstat, path)

    def dir_fd(self, path: str) -> int | None:
        """Forwarded when the inner view has real directories (the survey's C lister)."""
        native = native_listing(self.inner)
        return None if native is None else self._guarded(native.dir_fd, path)

    def listing_failed(self, exc: OSError) -> None:
        self.watch.media_error(exc)

    def listing_runs(self, path: str) -> tuple[list[DirEntryLike], list[FileRun]] | None:
        """Forwarded when the inner view lists directories as runs of files."""
        runs = run_listing(self.inner)
        return None if runs is None else self._guarded(runs.listing_runs, path)

    def open_read(self, path: str) -> BinaryIO:
        return self._guarded(self.inner.open_read, path)

    def usage(self, path: str) -> FsUsage | None:
        return self.inner.usage(path)

    def fd_opener(self) -> Callable[[str], int] | None:
        inner = fd_opener(self.inner)
        if inner is None:
            return None

        def guarded(path: str) -> int:
            try:
                return inner(path)
            except OSError as exc:
                self.watch.media_error(exc)
                raise

        return guarded

    def sampling_clock(self) -> Callable[[], float]:
        return sampling_clock(self.inner)


def device_info(drive: Drive) -> DeviceInfo:
    return DeviceInfo(
        path=drive.path,
        model=drive.model,
        serial=drive.serial,
        wwn=drive.wwn,
        bus=drive.bus,
        capacity_bytes=drive.capacity_bytes,
        read_only=True,
    )


def _where(drive: Drive, number: int) -> str:
    return f"{drive.path} partition {number}" if number else drive.path


def on_drive_path(path: str, root: str, number: int) -> str:
    """A path under our private mount point as it is on the drive: "partition 2:/vault/x.bin"
    ("/vault/x.bin" for a filesystem on the whole device). Evidence must name what a second
    examiner finds on the drive, not /tmp/inspector-ro-…/p0 that existed for one scan."""
    base = root.rstrip("/")
    if not base or not (path == base or path.startswith(base + "/")):
        return path
    inner = path[len(base) :] or "/"
    return f"partition {number}:{inner}" if number else inner


def _relabel(result: ScanResult, root: str, where: str, number: int) -> ScanResult:
    """Name paths in warnings by drive and partition, and evidence paths by partition and
    path on the drive, not by our private mount point."""
    base = root.rstrip("/")

    def fix(notes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n.replace(base, f"[{where}]") for n in notes) if base else notes

    survey = dataclasses.replace(result.survey, warnings=fix(result.survey.warnings))
    dis = result.content.disguised
    examples = tuple(on_drive_path(p, root, number) for p in dis.examples)
    content = dataclasses.replace(
        result.content, disguised=dataclasses.replace(dis, examples=examples)
    )
    return dataclasses.replace(
        result, survey=survey, content=content, warnings=fix(result.warnings)
    )


def scan_drive(
    backend: DriveBackend,
    drive: Drive,
    options: ScanOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    target: str | None = None,
) -> ScanResult:
    """Mount `drive` read-only through `backend`, scan every filesystem, unmount, raw-sample
    what did not mount (and the whole device with --raw or when nothing is recognised),
    compare each filesystem with the raw written blocks, aggregate."""
    if drive.system:
        raise BadTargetError(
            f"{drive.path}: holds the running system's filesystems; never mounted or scanned"
        )
    started = time.monotonic()
    token = _LinkedCancel(cancel)
    watch = _VanishWatch(backend, drive, token)
    device = device_info(drive)
    warnings = list(drive.warnings)
    done: list[tuple[MountedFilesystem, ScanResult]] = []
    failures: dict[int, str] = {}
    try:
        with backend.mount(drive) as mounted:
            failures = dict(getattr(mounted, "failures", {}))
            read_only = all(fs.device_read_only for fs in mounted)
            device = dataclasses.replace(device, read_only=read_only)
            for fs in mounted:
                if token.cancelled:
                    break
                result = scan_tree(
                    fs.root,
                    _GuardedView(fs.view, watch),
                    options,
                    filesystem=fs.filesystem,
                    device=device,
                    progress=progress,
                    cancel=token,
                    target=target or drive.path,
                )
                if result.survey.errors or result.content.errors:
                    # unreadable entries or failed draws: a dying drive, or just bad files?
                    watch.confirm_gone()
                number = fs.partition.number
                done.append((fs, _relabel(result, fs.root, _where(drive, number), number)))
                warnings += fs.warnings
    except (AccessError, OSError) as exc:
        # Mounting (or unmounting) failed: if the drive vanished that is a partial result,
        # otherwise the officer gets the one-line reason.
        if not watch.confirm_gone():
            if isinstance(exc, AccessError):
                raise
            raise AccessError(f"{drive.path}: {exc.strerror or exc}") from None
        warnings.append(f"{drive.path}: {exc}")
    raws: dict[int, RawResult] = {}
    outside: list[OutsideCheck] = []
    if not watch.vanished and not token.cancelled and isinstance(backend, ReadsRaw):
        sampler = RawSampler(backend, drive, options, progress, token, warnings, watch.check)
        mounted_numbers = {fs.partition.number for fs, _ in done}
        wanted = [p for p in drive.partitions if p.number not in mounted_numbers]
        # the officer asked for the whole device, or nothing on it was recognised
        if (options.raw or not drive.partitions) and not any(p.number == 0 for p in wanted):
            wanted.append(whole_device(drive))
        raws = sampler.partitions(wanted, mounted=bool(mounted_numbers))
        if options.budget_s > 0 and getattr(backend, "raw_of_mounted", False):
            outside = sampler.outside([(fs.partition, fs.filesystem) for fs, _ in done])
    if watch.vanished:
        warnings.append(
            f"{drive.path}: the drive disappeared during the scan (media errors): partial result"
        )
    stopped = watch.vanished or token.cancelled
    return _result(
        drive,
        options,
        device,
        done,
        _Found(raws, tuple(outside), failures),
        warnings,
        stopped,
        watch.vanished,
        started,
        target,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """What raw sampling found, and why partitions did not mount."""

    raws: dict[int, RawResult]
    outside: tuple[OutsideCheck, ...]
    mount_failures: dict[int, str]


def _result(
    drive: Drive,
    options: ScanOptions,
    device: DeviceInfo,
    done: list[tuple[MountedFilesystem, ScanResult]],
    found: _Found,
    warnings: list[str],
    stopped: bool,
    vanished: bool,
    started: float,
    target: str | None,
) -> ScanResult:
    by_number = {fs.partition.number: (fs, r) for fs, r in done}
    raws = found.raws
    partitions = []
    for p in drive.partitions:
        hit = by_number.get(p.number)
        raw = raws.get(p.number)
        if hit is None and not vanished:
            reason = p.fs_type or "no filesystem recognised"
            why = found.mount_failures.get(p.number, "not mounted")
            how = f"raw-sampled instead: {raw.finding_text}" if raw is not None else "not surveyed"
            warnings.append(f"{_where(drive, p.number)} ({reason}): {why}, {how}")
        partitions.append(
            PartitionResult(
                path=p.path,
                number=p.number,
                start_bytes=p.start_bytes,
                size_bytes=p.size_bytes,
                fs_type=p.fs_type,
                filesystem=hit[0].filesystem if hit else None,
                survey=hit[1].survey if hit else None,
                content=hit[1].content if hit else None,
                raw=raw,
            )
        )
    if not drive.partitions and 0 in raws and not vanished:
        warnings.append(
            f"{drive.path}: no partition table or filesystem recognised, raw-sampled: "
            f"{raws[0].finding_text}"
        )
    surveys = [r.survey for _, r in done]
    draws_failed = False
    for fs, r in done:
        warnings += [w for w in r.warnings if w not in r.survey.warnings]
        if r.content.errors:
            draws_failed = True
            warnings.append(
                f"{_where(drive, fs.partition.number)}: {r.content.errors:,} sample draws "
                "failed (unreadable): content shares are partial and may be biased"
            )
    for check in found.outside:
        note = warning_of(check, _where(drive, check.partition))
        if note:
            warnings.append(note)
    survey = combine_surveys(drive.path, surveys)
    warnings += survey.warnings
    raw_ok = all(r.complete or r.stopped == "budget" for r in raws.values()) and all(
        c.raw.complete or c.raw.stopped == "budget" for c in found.outside
    )
    complete = not stopped and not draws_failed and raw_ok and all(r.complete for _, r in done)
    complete = complete and not drive.layout_unknown
    result = ScanResult(
        target=target or drive.path,
        complete=complete,
        elapsed_s=time.monotonic() - started,
        survey=survey,
        content=combine_content([(r.content, r.survey) for _, r in done], options.seed),
        device=device,
        filesystem=combine_filesystems([fs.filesystem for fs, _ in done]),
        # One filesystem on the whole device: no partition list (the top level says it all).
        partitions=tuple(partitions) if drive.partition_table else (),
        # the whole device sampled (--raw), or its only partition when nothing mounted
        raw=raws.get(0) or (next(iter(raws.values())) if len(raws) == 1 and not done else None),
        warnings=tuple(dict.fromkeys(warnings)),
        removed=vanished,
        outside=found.outside,
    )
    # Ciphertext, a filesystem that would not mount, a container: the walk counted none of
    # their files, so "0 files" would read as certain; the result is complete only when every
    # area holding data was surveyed.
    gaps = result.unsurveyed
    if gaps:
        warning = _unsurveyed(gaps, result.unsurveyed_bytes)
        result = dataclasses.replace(result, complete=False, warnings=(*result.warnings, warning))
    return result


def _unsurveyed(gaps: tuple[Unsurveyed, ...], known_bytes: int | None) -> str:
    size = f" ({format_size(known_bytes)})" if known_bytes is not None else ""
    where = ", ".join(u.where for u in gaps)
    return (
        f"{where}{size}: no filesystem could be read there, so its files are unknown, not "
        "zero; file counts and content shares cover the filesystems that were read"
    )
