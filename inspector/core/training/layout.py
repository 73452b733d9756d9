"""The file layout of one simulated drive, computed from its recipe without listing any file.

Every figure here is O(1) per content entry, so an 80 TB drive of 80,000 shards is planned in
microseconds; directories are listed and file sizes computed only when the survey asks. Sizes
come in antithetic pairs (mean + d, mean - d), so each entry's total is exact and known up
front: the filesystem's usage agrees with what the survey will add up, and the truth the
sampler is graded on is exact.
"""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from inspector.core.training.formats import FORMATS, Format, VFile, mix, mix2
from inspector.core.training.scenario import ContentSpec, DriveSpec

PARTITION_START = 1 << 20  # GPT partitions start at 1 MiB
FS_BLOCK = 4096
_UNIT = 2.0**-53
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # mix2's constants, for the vectorised sizes
_MIX = np.uint64(0xBF58476D1CE4E5B9)


@dataclass(frozen=True, slots=True)
class EntryPlan:
    """One content entry of a drive: `files` files of one format in `directory`."""

    index: int
    spec: ContentSpec
    format: Format
    files: int
    mean: int
    remainder: int  # bytes added to file 0 so the entry's total is exact
    total_bytes: int
    key: int
    prefix: str  # name template split around its {i} field, to parse names back to indexes
    suffix: str
    field_spec: str  # the {i} field's format spec ("05d")
    base: int = 0  # where its first file lies on the drive (files follow in index order)

    def position(self, i: int) -> int:
        """Byte position of file i on the drive, for the simulated seek cost."""
        return self.base + i * self.mean

    def file_size(self, i: int) -> int:
        if self.files % 2 and i == self.files - 1:
            delta = 0
        else:
            u = (mix2(self.key, i // 2) >> 11) * _UNIT
            delta = int(self.mean * self.spec.spread * u)
        size = self.mean + delta if i % 2 == 0 else self.mean - delta
        return size + self.remainder if i == 0 else size

    def sizes(self, start: int, stop: int) -> list[int]:
        out: list[int] = self.size_array(start, stop).tolist()
        return out

    def size_array(self, start: int, stop: int) -> np.ndarray:
        """Sizes of files [start, stop), exactly as `file_size` gives them, computed a chunk at
        a time in numpy: the survey lists every file of an 80 TB drive, and the same 64-bit
        mix in a Python loop cost more than the walk itself. numpy's uint64 arithmetic wraps
        as the `& _M64` of `mix2` does, and float64 rounds as Python's floats do."""
        if start >= stop:
            return np.zeros(0, dtype=np.int64)
        i = np.arange(start, stop, dtype=np.uint64)
        with np.errstate(over="ignore"):
            h = (np.uint64(self.key) ^ ((i >> np.uint64(1)) * _GOLDEN)) * _MIX
            h ^= h >> np.uint64(31)
        scaled = (h >> np.uint64(11)).astype(np.float64) * (self.mean * self.spec.spread)
        scaled *= _UNIT  # exact (a power of two): the one rounding is the product's, as in Python
        delta = scaled.astype(np.int64)  # truncates, as int() does
        sizes = np.where(i & np.uint64(1), self.mean - delta, self.mean + delta)
        if self.files % 2 and stop == self.files:
            sizes[-1] = self.mean
        if start == 0:
            sizes[0] += self.remainder
        return sizes

    @property
    def disguises(self) -> bool:
        """Whether any file of the entry may carry another format's extension: then names
        depend on the drive's key and vary within a directory."""
        return self.spec.disguise is not None and self.spec.disguise_share > 0

    def names(self, start: int, stop: int) -> list[str]:
        """Names of files [start, stop); with no disguised files they are the same on every
        drive of a recipe (`NameCache` keeps them)."""
        if self.disguises:
            return [self.file_name(i) for i in range(start, stop)]
        prefix, suffix, fs, ext = self.prefix, self.suffix, self.field_spec, self.format.ext
        return [f"{prefix}{format(i, fs)}{suffix}.{ext}" for i in range(start, stop)]

    def plain_name(self, i: int) -> str:
        """File i's name when the entry disguises no file (`file_name`, without the check)."""
        return f"{self.prefix}{format(i, self.field_spec)}{self.suffix}.{self.format.ext}"

    def disguised(self, i: int) -> bool:
        if not self.disguises:
            return False
        share = self.spec.disguise_share
        return share >= 1 or mix2(self.key ^ 0xD15, i) % 1_000_000 < share * 1_000_000

    def file_name(self, i: int) -> str:
        ext = self.spec.disguise if self.disguised(i) else self.format.ext
        return f"{self.spec.name.format(i=i)}.{ext}"

    def index_of(self, name: str) -> int | None:
        stem = name.rsplit(".", 1)[0]
        if not (stem.startswith(self.prefix) and stem.endswith(self.suffix)):
            return None
        middle = stem[len(self.prefix) : len(stem) - len(self.suffix)]
        if not middle.isdigit():
            return None
        i = int(middle)
        return i if 0 <= i < self.files and self.file_name(i) == name else None

    def vfile(self, i: int) -> VFile:
        return VFile(self.format.name, self.file_size(i), mix2(self.key ^ 0xF11E, i))

    def leaf(self, i: int) -> str:
        """Directory (relative) holding file i."""
        if self.files <= self.spec.per_dir:
            return self.spec.directory
        return f"{self.spec.directory}/{i // self.spec.per_dir:04d}"


@dataclass(slots=True)
class DirNode:
    dirs: list[str] = field(default_factory=list)  # child directory names, sorted
    files: list[tuple[EntryPlan, int, int]] = field(default_factory=list)  # entry, start, stop
    ino: int = 0
    entries: int = 0  # listed entries: child directories and files


@dataclass(frozen=True, slots=True)
class DrivePlan:
    spec: DriveSpec
    key: int
    fs_size: int
    entries: tuple[EntryPlan, ...]
    dirs: dict[str, DirNode]  # relative path ("" = root) -> node

    @property
    def file_bytes(self) -> int:
        return sum(e.total_bytes for e in self.entries)

    @property
    def files(self) -> int:
        return sum(e.files for e in self.entries)

    @property
    def used_bytes(self) -> int:
        """What statvfs reports in use: file blocks (rounded up) and directory blocks."""
        return min(
            self.fs_size, self.file_bytes + self.files * FS_BLOCK + len(self.dirs) * FS_BLOCK
        )

    def position_of(self, node: DirNode) -> int:
        """Where a directory's metadata lies: beside its first file (ext4 and XFS keep a
        directory, its inodes and its files' first extents in one allocation group), or in
        the metadata at the start of the drive for a directory without files."""
        if node.files:
            entry, start, _ = node.files[0]
            return entry.position(start)
        return PARTITION_START + node.ino * FS_BLOCK

    def category_bytes(self) -> dict[str, int]:
        """The truth: bytes per category, exactly as laid out."""
        out: dict[str, int] = defaultdict(int)
        for e in self.entries:
            out[e.format.category] += e.total_bytes
        return dict(out)

    def disguised_files(self) -> float:
        """Expected number of disguised files (exact when an entry disguises all or none)."""
        return sum(
            e.files * (e.spec.disguise_share if e.spec.disguise else 0) for e in self.entries
        )


def _split_template(template: str) -> tuple[str, str, str]:
    parts = list(string.Formatter().parse(template))
    prefix, spec = parts[0][0], parts[0][2] or ""
    suffix = "".join(p[0] for p in parts[1:])
    return prefix, suffix, spec


def plan_drive(spec: DriveSpec, seed: int) -> DrivePlan:
    """Lay out the drive's recipe over `fill` of its filesystem."""
    key = mix(seed, *spec.id.encode())
    fs_size = (spec.real_capacity or spec.capacity) - PARTITION_START
    # 0.5 % stays for filesystem metadata, so a drive "100 % full" still adds up
    budget = min(int(fs_size * spec.fill), fs_size - fs_size // 200)
    entries = []
    base = PARTITION_START + (1 << 30)  # after 1 GiB of filesystem metadata
    for index, c in enumerate(spec.recipe.content):
        total = int(budget * c.share)
        files = max(1, round(total / c.size)) if total > 0 else 0
        mean = total // files if files else 0
        prefix, suffix, field_spec = _split_template(c.name)
        entries.append(
            EntryPlan(
                index=index,
                spec=c,
                format=FORMATS[c.format],
                files=files,
                mean=mean,
                remainder=total - mean * files,
                total_bytes=total,
                key=mix(key, index),
                prefix=prefix,
                suffix=suffix,
                field_spec=field_spec,
                base=base,
            )
        )
        base += total + files * (FS_BLOCK // 2)  # files end mid-block on average
    dirs: dict[str, DirNode] = defaultdict(DirNode)
    dirs[""]  # the root exists even on an empty drive
    for e in entries:
        if not e.files:
            continue
        per = e.spec.per_dir
        if e.files <= per:
            dirs[e.spec.directory].files.append((e, 0, e.files))
        else:
            for start in range(0, e.files, per):
                dirs[e.leaf(start)].files.append((e, start, min(e.files, start + per)))
    for path in list(dirs):  # every ancestor exists and lists its children
        while path:
            parent, _, name = path.rpartition("/")
            if name not in dirs[parent].dirs:
                dirs[parent].dirs.append(name)
            path = parent
    for number, (_, node) in enumerate(sorted(dirs.items()), start=2):
        node.dirs.sort()
        node.ino = number
        node.entries = len(node.dirs) + sum(stop - start for _, start, stop in node.files)
    return DrivePlan(spec, key, fs_size, tuple(entries), dict(dirs))
