"""scan_drive through a backend double: aggregation, system refusal, vanishing drives."""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager

import pytest

from inspector.core.content.result import CategoryShare, ContentResult, DisguisedShare
from inspector.core.errors import BadTargetError
from inspector.core.media.drives.model import Drive, FilesystemInfo, MountedFilesystem, Partition
from inspector.core.scan.aggregate import combine_content
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.tree import ScanOptions
from inspector.core.survey.fsview import LocalFS
from inspector.core.survey.walk import survey

OPTIONS = ScanOptions(budget_s=0)


class FailingFS(LocalFS):
    """Listing directories fails with `err` once `budget` directories were listed."""

    def __init__(self, err: int, budget: int) -> None:
        self.err = err
        self.budget = budget

    def _spend(self, path: str) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise OSError(self.err, os.strerror(self.err), path)

    def scandir(self, path):
        self._spend(path)
        return super().scandir(path)

    def dir_fd(self, path):  # the survey's C lister opens directories through this
        self._spend(path)
        return super().dir_fd(path)


class FailingOpensFS(LocalFS):
    """Files open (through the descriptor path identification uses) until `budget` opens were
    made, then fail with `err`, as when a drive is pulled during content sampling."""

    def __init__(self, err: int, budget: int) -> None:
        self.err = err
        self.budget = budget

    def fd_opener(self):
        inner = super().fd_opener()

        def opener(path: str) -> int:
            self.budget -= 1
            if self.budget < 0:
                raise OSError(self.err, os.strerror(self.err), path)
            return inner(path)

        return opener


class Backend:
    name = "double"

    def __init__(self, roots, views=None, present=None):
        self.roots = roots
        self.views = views or {}
        self.mounted_now = False
        if present is not None:
            self.present = present

    def drives(self):
        return []

    def watch(self, listener):
        raise NotImplementedError

    @contextmanager
    def mount(self, drive):
        self.mounted_now = True
        try:
            yield [
                MountedFilesystem(
                    partition=p,
                    view=self.views.get(p.number, LocalFS()),
                    root=self.roots[p.number],
                    filesystem=FilesystemInfo(p.fs_type, p.fs_uuid, p.fs_label, 100, 40, 60, 0.4),
                    mount_options="ro",
                )
                for p in drive.partitions
                if p.number in self.roots
            ]
        finally:
            self.mounted_now = False


def make_drive(partitions, system=False):
    return Drive(
        identity="fs:x",
        path="/dev/sim0",
        model="Sim",
        vendor=None,
        serial="S",
        wwn=None,
        bus="simulated",
        port_path=None,
        bay=None,
        capacity_bytes=1000,
        partition_table="gpt",
        partitions=tuple(partitions),
        system=system,
    )


def tree(root, dirs, files_per_dir, size=10):
    for d in range(dirs):
        os.makedirs(root / f"d{d}")
        for f in range(files_per_dir):
            (root / f"d{d}" / f"f{f}.bin").write_bytes(b"x" * size)


def part(n, fs="ext4"):
    return Partition(f"/dev/sim0p{n}", n, n * 100, 100, fs, f"uuid-{n}", f"L{n}")


def test_partitions_are_aggregated(tmp_path):
    tree(tmp_path / "a", 2, 3)
    tree(tmp_path / "b", 1, 5, size=7)
    luks = part(3, "crypto_LUKS")
    backend = Backend({1: str(tmp_path / "a"), 2: str(tmp_path / "b")})
    result = scan_drive(backend, make_drive([part(1), part(2, "vfat"), luks]), OPTIONS)
    # the LUKS partition's files are unknown, not zero: the drive is not completely surveyed
    assert not result.complete
    assert [u.where for u in result.unsurveyed] == ["/dev/sim0p3"]
    assert any(w.startswith("/dev/sim0p3") and "unknown, not zero" in w for w in result.warnings)
    assert [p.number for p in result.partitions] == [1, 2, 3]
    assert [p.survey.files if p.survey else None for p in result.partitions] == [6, 5, None]
    assert (result.survey.files, result.survey.dirs, result.survey.bytes) == (11, 3 + 2, 95)
    assert result.survey.by_extension[0].files == 11
    assert result.filesystem.type == "mixed" and result.filesystem.used_bytes == 80
    assert any("partition 3 (crypto_LUKS): not mounted" in w for w in result.warnings)
    assert result.device.read_only and result.device.serial == "S"
    assert not backend.mounted_now


def test_system_drive_is_refused_before_mounting(tmp_path):
    backend = Backend({1: str(tmp_path)})
    with pytest.raises(BadTargetError, match="never mounted or scanned"):
        scan_drive(backend, make_drive([part(1)], system=True), OPTIONS)


def test_vanished_drive_gives_partial_result(tmp_path):
    tree(tmp_path / "a", 50, 2)
    backend = Backend(
        {1: str(tmp_path / "a")},
        views={1: FailingFS(errno.EIO, budget=5)},
        present=lambda drive: False,
    )
    result = scan_drive(backend, make_drive([part(1)]), OPTIONS)
    assert result.complete is False
    assert result.survey.files < 100
    assert any("disappeared" in w for w in result.warnings)
    assert not backend.mounted_now


def test_drive_pulled_during_content_sampling_gives_partial_result(tmp_path):
    tree(tmp_path / "a", 50, 2)
    backend = Backend(
        {1: str(tmp_path / "a")},
        views={1: FailingOpensFS(errno.EIO, budget=20)},
        present=lambda drive: False,
    )
    result = scan_drive(backend, make_drive([part(1)]), ScanOptions(budget_s=30, seed=1))
    assert result.complete is False
    assert any("disappeared" in w for w in result.warnings), result.warnings
    assert result.survey.files == 100  # the walk had finished; sampling was cut short


def test_io_error_on_a_present_drive_is_just_an_unreadable_entry(tmp_path):
    tree(tmp_path / "a", 10, 2)
    backend = Backend(
        {1: str(tmp_path / "a")},
        views={1: FailingFS(errno.EIO, budget=8)},
        present=lambda drive: True,
    )
    result = scan_drive(backend, make_drive([part(1)]), OPTIONS)
    assert result.complete is True
    assert result.survey.errors == 3  # 11 directories, 8 listed
    assert not any("disappeared" in w for w in result.warnings)
    unreadable = [w for w in result.warnings if w.startswith("cannot read")]
    assert unreadable and all("[/dev/sim0 partition 1]/d" in w for w in unreadable), unreadable
    assert not any(str(tmp_path) in w for w in result.warnings), "no private mount paths"


def test_permission_errors_do_not_count_as_vanishing(tmp_path):
    tree(tmp_path / "a", 10, 2)
    backend = Backend({1: str(tmp_path / "a")}, views={1: FailingFS(errno.EACCES, budget=8)})
    result = scan_drive(backend, make_drive([part(1)]), OPTIONS)
    assert result.complete is True and result.survey.errors == 3


def test_backend_without_presence_check_trusts_media_errors(tmp_path):
    tree(tmp_path / "a", 10, 2)
    backend = Backend({1: str(tmp_path / "a")}, views={1: FailingFS(errno.ENOTCONN, budget=2)})
    assert scan_drive(backend, make_drive([part(1)]), OPTIONS).complete is False


def test_content_is_byte_weighted(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_bytes(b"1" * 300)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "y").write_bytes(b"2" * 100)
    sa, sb = survey(str(tmp_path / "a")), survey(str(tmp_path / "b"))

    def content(share, ci, disguised):
        return ContentResult(
            method="sampled",
            samples=100,
            categories=(CategoryShare("ai-dataset", share, ci, int(share * 300), 1),),
            disguised=DisguisedShare(disguised, (0.0, disguised)),
        )

    both = combine_content(
        [(content(1.0, (0.9, 1.0), 0.0), sa), (content(0.2, (0.1, 0.3), 1.0), sb)]
    )
    (cat,) = both.categories
    assert cat.bytes_share == pytest.approx(0.75 * 1.0 + 0.25 * 0.2)
    assert cat.ci == (pytest.approx(0.75 * 0.9 + 0.25 * 0.1), pytest.approx(0.75 + 0.25 * 0.3))
    assert both.disguised.files_share == pytest.approx(0.5)  # file-weighted: 1 file each
    assert both.samples == 200 and both.method == "sampled"
    only = content(0.5, (0.4, 0.6), 0.0)
    assert combine_content([(only, sa)]) is only
