"""Sniffers for AI training-data formats: structure, not just magic bytes (DOMAIN.md table).

npz lives with the zip reader (archives.py) and jsonl with the text sniffer (text.py).
"""

from __future__ import annotations

import itertools
import re
import struct
from typing import Final

from inspector.core.content.identify.binary import i32le, u32le, u64le
from inspector.core.content.identify.checksums import masked_crc32c
from inspector.core.content.identify.model import Identification, found, suspect
from inspector.core.content.identify.probe import HEAD_BYTES, Probe

_U32: Final = struct.Struct("<I")
_I32: Final = struct.Struct("<i")


def sniff_parquet(p: Probe) -> Identification | None:
    """`PAR1` at 0 and at EOF-4; the u32 footer length before it must fit in the file."""
    if not p.head.startswith((b"PAR1", b"PARE")):  # PARE: encrypted footer
        return None
    if p.size < 12:
        return suspect("parquet magic but too short for a footer")
    tail = p.tail
    if tail[-4:] not in (b"PAR1", b"PARE"):
        return suspect("parquet magic at 0 but not at the end (truncated?)")
    (footer,) = _U32.unpack(tail[-8:-4])
    if footer == 0 or footer > p.size - 12:
        return suspect(f"parquet footer length {footer} does not fit a {p.size}-byte file")
    return found("parquet")


def sniff_arrow_file(p: Probe) -> Identification | None:
    """Arrow IPC file (= feather v2): `ARROW1` padded at 0, footer length and `ARROW1` at EOF."""
    head = p.head
    if head.startswith(b"FEA1"):
        return found("feather", "feather v1") if p.tail.endswith(b"FEA1") else None
    if not head.startswith(b"ARROW1"):
        return None
    tail = p.tail
    if p.size < 18 or not tail.endswith(b"ARROW1"):
        return suspect("arrow magic at 0 but not at the end (truncated?)")
    (footer,) = _I32.unpack(tail[-10:-6])
    if footer <= 0 or footer > p.size - 18:
        return suspect(f"arrow footer length {footer} does not fit a {p.size}-byte file")
    return found("arrow", "IPC file / feather v2")


def _flatbuffer_message(buf: bytes) -> tuple[int, int] | None:
    """(version, header_type) of an Arrow `Message` flatbuffer, or None when malformed."""
    if len(buf) < 8:
        return None
    (root,) = _U32.unpack_from(buf, 0)
    if root + 4 > len(buf):
        return None
    (vt_rel,) = _I32.unpack_from(buf, root)
    vtable = root - vt_rel
    if vtable < 0 or vtable + 4 > len(buf):
        return None
    vt_size, _table_size = struct.unpack_from("<HH", buf, vtable)
    if vt_size < 8 or vt_size % 2 or vtable + vt_size > len(buf):
        return None
    version_off, type_off = struct.unpack_from("<HH", buf, vtable + 4)
    version = struct.unpack_from("<h", buf, root + version_off)[0] if version_off else 0
    if type_off == 0 or root + type_off >= len(buf):
        return None
    return version, buf[root + type_off]


_ARROW_MAX_SCHEMA: Final = 1 << 24  # a schema's flatbuffer; far above any real table's


def sniff_arrow_stream(p: Probe) -> Identification | None:
    """Arrow IPC stream: 0xFFFFFFFF continuation, i32 metadata length, a `Message` flatbuffer
    whose header is a Schema (type 1) with a known metadata version (V1..V5 = 0..4)."""
    head = p.head
    if not head.startswith(b"\xff\xff\xff\xff") or len(head) < 16:
        return None
    (length,) = _I32.unpack_from(head, 4)
    if length <= 0 or length % 8 or length > p.size - 8:
        return None
    parsed = _flatbuffer_message(head[8 : 8 + length])
    if parsed is None:
        return None
    version, header_type = parsed
    if 0 <= version <= 4 and header_type == 1:
        return found("arrow-stream", "IPC stream")
    return None


def sniff_arrow_stream_legacy(p: Probe) -> Identification | None:
    """Arrow IPC stream in the framing Arrow wrote before 0.15 (and `use_legacy_format=True`):
    no continuation marker, an i32 metadata length (length + 4 padded to 8) and the Schema
    `Message` flatbuffer; the same flatbuffer checks as the current framing."""
    head = p.head
    if len(head) < 16:
        return None
    length = i32le(head, 0)
    if length <= 0 or (length + 4) % 8 or length > p.size - 4 or length > _ARROW_MAX_SCHEMA:
        return None
    parsed = _flatbuffer_message(head[4 : 4 + length])
    if parsed is not None and 0 <= parsed[0] <= 4 and parsed[1] == 1:
        return found("arrow-stream", "IPC stream, pre-0.15 framing")
    return None


def sniff_tfrecord(p: Probe) -> Identification | None:
    """u64 record length, then the masked CRC32C of those 8 bytes: verify it, and the second
    record's length CRC too when it lies in the head (the data CRC would cost a pure-Python
    pass over the record; two length CRCs already leave a 2^-64 chance of a false match)."""
    head = p.head
    if len(head) < 16 or head[6] or head[7]:
        return None  # a length of 2^48 or more: cheap rejection of text and most binaries
    length = u64le(head, 0)
    if masked_crc32c(head[:8]) != u32le(head, 8):
        return None
    if length > p.size - 16:
        return suspect(f"tfrecord first record of {length} bytes runs past the end of file")
    second = 16 + length
    in_head = second + 12 <= len(head)
    if in_head and masked_crc32c(head[second : second + 8]) != u32le(head, second + 8):
        return suspect("tfrecord first record is sound but the second is not")
    return found("tfrecord")


_NPY_KEYS: Final = (b"'descr'", b"'fortran_order'", b"'shape'")
_NPY_HEADER_END: Final = 4096  # bytes of the header read at each end


def sniff_npy(p: Probe) -> Identification | None:
    """`\\x93NUMPY`, version 1-3, a header length that fits, a dict with descr/order/shape."""
    head = p.head
    if not head.startswith(b"\x93NUMPY") or len(head) < 10:
        return None
    major = head[6]
    if major == 1:
        (hlen,) = struct.unpack_from("<H", head, 8)
        start = 10
    elif major in (2, 3) and len(head) >= 12:
        (hlen,) = _U32.unpack_from(head, 8)
        start = 12
    else:
        return suspect(f"npy magic with unknown version {major}")
    if start + hlen > p.size:
        return suspect("npy header runs past the end of file")
    # The header is a dict literal; only `descr` can be long (a structured dtype with hundreds of
    # fields runs to megabytes), so the other keys are near one end: look at both ends.
    first = head[start : start + min(hlen, _NPY_HEADER_END)]
    ends = first
    if hlen > _NPY_HEADER_END:
        ends += p.read_at(start + hlen - _NPY_HEADER_END, _NPY_HEADER_END)
    if first.startswith(b"{") and all(k in ends for k in _NPY_KEYS):
        return found("npy")
    return suspect("npy magic without a descr/fortran_order/shape header")


_HDF5: Final = b"\x89HDF\r\n\x1a\n"


# Where a superblock may start within the head: 0 and each power of two from 512 below
# HEAD_BYTES; from HEAD_BYTES on, hdf5_past_head reads each candidate.
_HDF5_NEAR_OFFSETS: Final = (0, *(512 << k for k in range(32) if 512 << k < HEAD_BYTES))


def sniff_hdf5(p: Probe) -> Identification | None:
    """The superblock signature at 0, 512, 1024, 2048, ... (a user block may precede it).

    Offsets within the head are checked; larger user blocks are sought late (sniff_hdf5_far),
    so an ordinary binary costs no extra reads."""
    head = p.head
    for offset in _HDF5_NEAR_OFFSETS:
        if offset + 8 > len(head):
            break
        if head[offset] == 0x89 and head[offset : offset + 8] == _HDF5:
            if len(head) > offset + 8 and head[offset + 8] <= 3:  # superblock version 0..3
                return found("hdf5")
            return suspect("hdf5 signature with an unknown superblock version")
    return None


_HDF5_NAMES: Final = frozenset(("h5", "hdf5", "he5", "hdf", "nc", "nc4", "h5ad", "mat"))
_HDF5_FAR_LIMIT: Final = 1 << 30
HDF5_NEAR_LIMIT: Final = 64 * 1024  # user blocks of 16 and 32 KiB: sought in any file


def hdf5_past_head(p: Probe, limit: int) -> Identification | None:
    """An HDF5 superblock at a power-of-two offset from the end of the head up to `limit`
    (user blocks are any power of two from 512 up); one small read per candidate."""
    offset = HEAD_BYTES
    while offset + 8 <= p.size and offset < limit:
        block = p.read_at(offset, 9)
        if block.startswith(_HDF5):
            if len(block) > 8 and block[8] <= 3:
                return found("hdf5", f"user block of {offset} bytes")
            return suspect("hdf5 signature with an unknown superblock version")
        offset *= 2
    return None


def sniff_hdf5_far(p: Probe) -> Identification | None:
    """An HDF5 superblock past the head (a late check: nothing else named the file). User
    blocks of 16 and 32 KiB are sought in every file; larger ones, a read per candidate, only
    when the head is all zeros (h5py's user blocks) or the name says HDF5/NetCDF-4."""
    if p.size <= HEAD_BYTES + 8:
        return None
    hinted = not p.head.lstrip(b"\0") or p.name.rsplit(".", 1)[-1].lower() in _HDF5_NAMES
    return hdf5_past_head(p, _HDF5_FAR_LIMIT + 1 if hinted else HDF5_NEAR_LIMIT)


_MDS_SHARD_NAME: Final = re.compile(r"^shard\.\d{5}\.mds(\.(zstd|gz|bz2|br|snappy|zst))?$")


def sniff_mds_shard(p: Probe) -> Identification | None:
    """MosaicML MDS shard: u32 sample count n, n+1 u32 offsets, the writer's JSON config, the
    samples; the first offset points past table and config, the last one is the file size."""
    head = p.head
    if len(head) < 12:
        return None
    n = u32le(head, 0)
    if n == 0 or 4 * (n + 2) > p.size:
        return None
    first = u32le(head, 4)
    if first < 4 * (n + 2) or first > p.size:
        return None
    table_end = 4 * (n + 2)
    last = (
        head[table_end - 4 : table_end] if table_end <= len(head) else p.read_at(table_end - 4, 4)
    )
    if len(last) != 4 or u32le(last, 0) != p.size:
        return None
    if first > table_end and p.read_at(table_end, 1) != b"{":
        return None  # MDSWriter puts its JSON config between the offsets and the samples
    shown = min(n + 1, (len(head) - 4) // 4)
    offsets = struct.unpack_from(f"<{shown}I", head, 4)
    if any(b < a for a, b in itertools.pairwise(offsets)):
        return None
    return found("mds", "shard")


def mds_index(text: str) -> Identification | None:
    """An MDS `index.json`: {"shards": [{"format": "mds", ...}], "version": 2}."""
    if '"shards"' in text and '"mds"' in text and '"raw_data"' in text:
        return found("mds", "index")
    return None


_INDEX_READ: Final = 64 * 1024


def mds_named_shard(p: Probe) -> bool:
    """A shard named shard.NNNNN.mds (or .mds.zstd, ...) beside an index.json listing "shards":
    how MDS lays out a dataset, and the only sign left when the shard is compressed."""
    if ".mds" not in p.path or not _MDS_SHARD_NAME.match(p.name):
        return False
    index = p.read_sibling("index.json", _INDEX_READ)
    return index is not None and b'"shards"' in index[1]


_LMDB_MAGIC: Final = 0xBEEFC0DE
_LMDB_MAGIC_BYTES: Final = _U32.pack(_LMDB_MAGIC)
_P_META: Final = 0x08


def sniff_lmdb(p: Probe) -> Identification | None:
    """LMDB data.mdb: page 0 is a meta page (flag P_META) whose meta starts with 0xBEEFC0DE
    (page header of 16 bytes on 64-bit builds, 12 on 32-bit) and version 1."""
    head = p.head
    mark = _LMDB_MAGIC_BYTES
    if not (head[:4] == mark or head[12:16] == mark or head[16:20] == mark):
        return None  # the magic sits at 0 (lock file), 16 or 12 (meta page, 64/32-bit)
    if len(head) >= 8 and struct.unpack_from("<I", head, 0)[0] == _LMDB_MAGIC:
        return found("lmdb", "lock file")  # lock.mdb: its reader table starts with the magic
    for header_len, flags_at in ((16, 10), (12, 6)):
        if len(head) < header_len + 8:
            return None
        magic, version = struct.unpack_from("<II", head, header_len)
        if magic == _LMDB_MAGIC and version == 1:
            (flags,) = struct.unpack_from("<H", head, flags_at)
            if flags & _P_META:
                return found("lmdb")
    return None


def sniff_mds_by_name(p: Probe) -> Identification | None:
    """Last structural resort for a shard the layout check could not confirm."""
    return found("mds", "shard beside index.json") if mds_named_shard(p) else None
