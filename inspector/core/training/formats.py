"""Byte generators for the formats a training drive can hold: deterministic, format-valid, lazy.

Each generator answers `read(file, offset, length)` for any byte range without building the
file: structure (magic, headers, footers, tar members, CRCs) where the format has it, and
seeded filler elsewhere. An 80 TB drive therefore costs nothing until the sampler reads it, and
the same (drive seed, file index) always gives the same bytes. The structures follow the
signatures of docs/DOMAIN.md, so the real sniffers recognise them as they would a real file.
"""

from __future__ import annotations

import json
import random
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

BLOCK = 64 * 1024  # filler is cut in blocks keyed by (file key, block index)
TAR_BLOCK = 512
_M64 = 0xFFFFFFFFFFFFFFFF
# Filler comes from one fixed pool of random bytes, cut at a keyed offset per block: as
# incompressible as fresh random bytes (zlib's window is 32 KiB, the pool 4 MiB) but a slice
# costs a microsecond, where generating 64 KiB costs ~200 us. Sampling reads thousands of them.
_POOL_SIZE = 4 << 20
_POOL = random.Random(0x1A5E_5EED).randbytes(_POOL_SIZE + BLOCK)


@dataclass(frozen=True, slots=True)
class VFile:
    """One file of a virtual drive: what its bytes are derived from."""

    format: str
    size: int
    key: int  # seed of this file's bytes: (drive seed, content entry, file index) mixed


def mix(*parts: int) -> int:
    """A 64-bit key from integers (splitmix64 steps): stable across runs and platforms."""
    h = 0x9E3779B97F4A7C15
    for p in parts:
        h = (h ^ (p & _M64)) * 0xBF58476D1CE4E5B9 & _M64
        h ^= h >> 31
    return h


def mix2(a: int, b: int) -> int:
    """mix(a, b) for the hot paths (one multiply-xorshift, no loop)."""
    h = ((a ^ (b * 0x9E3779B97F4A7C15)) & _M64) * 0xBF58476D1CE4E5B9 & _M64
    return h ^ (h >> 31)


def random_range(key: int, offset: int, length: int) -> bytes:
    """Incompressible filler (compressed pages, encrypted data) at any offset."""
    index, start = divmod(offset, BLOCK)
    if start + length <= BLOCK:  # within one block (most reads): one slice
        base = mix2(key, index) % _POOL_SIZE + start
        return _POOL[base : base + max(0, length)]
    parts = []
    while length > 0:
        index, start = divmod(offset, BLOCK)
        base = mix2(key, index) % _POOL_SIZE
        take = min(length, BLOCK - start)
        parts.append(_POOL[base + start : base + start + take])
        offset += take
        length -= take
    return b"".join(parts)


def _periodic(pattern: bytes, offset: int, length: int) -> bytes:
    """`pattern` repeated forever, sliced at [offset, offset+length)."""
    start = offset % len(pattern)
    reps = (start + length) // len(pattern) + 1
    return (pattern * reps)[start : start + length]


def _overlay(
    f: VFile,
    offset: int,
    length: int,
    head: bytes,
    tail: bytes,
    filler: Callable[[int, int], bytes],
) -> bytes:
    """Bytes of a file = head at 0, tail at the end, filler in between."""
    end = min(f.size, offset + length)
    if offset >= end:
        return b""
    tail_start = f.size - len(tail)
    if offset >= tail_start and tail_start >= len(head):  # within the tail (a footer read)
        return tail[offset - tail_start : end - tail_start]
    data = filler(offset, end - offset)
    if offset >= len(head) and end <= tail_start:  # neither head nor tail: the filler alone
        return data
    buf = bytearray(data)
    if offset < len(head):
        piece = head[offset:end]
        buf[0 : len(piece)] = piece
    if end > tail_start:
        lo = max(offset, tail_start)
        buf[lo - offset : end - offset] = tail[lo - tail_start : end - tail_start]
    return bytes(buf)


# --- checksums ---------------------------------------------------------------------------


def _crc32c_table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


_CRC32C = _crc32c_table()


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc = _CRC32C[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def masked_crc32c(data: bytes) -> int:
    """TFRecord's masked CRC32C: rotate right by 15, add a constant."""
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


# --- formats with a head and a tail over random filler ------------------------------------


def _parquet(f: VFile, offset: int, length: int) -> bytes:
    # A footer (thrift FileMetaData) of plausible length, its u32 LE length, then PAR1.
    footer_len = 4096 + f.key % 60000
    footer_len = min(footer_len, max(1, f.size - 12))
    tail = b""  # made only for a read that reaches it (most reads are of the head)
    if offset + length > f.size - footer_len - 8:
        tail = random_range(f.key ^ 1, 0, footer_len) + struct.pack("<I", footer_len) + b"PAR1"
    return _overlay(f, offset, length, b"PAR1", tail, lambda o, n: random_range(f.key, o, n))


def _arrow(f: VFile, offset: int, length: int) -> bytes:
    footer_len = 1024 + f.key % 8192
    tail = b""  # made only for a read that reaches it
    if offset + length > f.size - footer_len - 10:
        tail = random_range(f.key ^ 1, 0, footer_len) + struct.pack("<i", footer_len) + b"ARROW1"
    head = b"ARROW1\x00\x00"
    return _overlay(f, offset, length, head, tail, lambda o, n: random_range(f.key, o, n))


def _tfrecord(f: VFile, offset: int, length: int) -> bytes:
    # Records of u64 length, masked CRC32C of the length, data, masked CRC32C of the data.
    # The first record is fully valid (both CRCs); the rest of the file is its payload.
    rec_len = 100 + f.key % 156  # small first record (an Example proto): its CRCs are cheap
    data = random_range(f.key ^ 2, 0, rec_len)
    length_bytes = struct.pack("<Q", rec_len)
    head = (
        length_bytes
        + struct.pack("<I", masked_crc32c(length_bytes))
        + data
        + struct.pack("<I", masked_crc32c(data))
    )
    second_len = max(0, f.size - len(head) - 16)
    second = struct.pack("<Q", second_len)
    head += second + struct.pack("<I", masked_crc32c(second))
    return _overlay(f, offset, length, head, b"", lambda o, n: random_range(f.key, o, n))


def _npy(f: VFile, offset: int, length: int) -> bytes:
    items = max(1, (f.size - 128) // 4)
    header = f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({items},), }}"
    header = header.ljust(128 - 10 - 1) + "\n"
    head = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()
    return _overlay(f, offset, length, head, b"", lambda o, n: random_range(f.key, o, n))


def _hdf5(f: VFile, offset: int, length: int) -> bytes:
    head = b"\x89HDF\r\n\x1a\n" + bytes([0, 0, 0, 0, 0, 8, 8, 0, 4, 0, 16, 0])
    return _overlay(f, offset, length, head, b"", lambda o, n: random_range(f.key, o, n))


def _safetensors(f: VFile, offset: int, length: int) -> bytes:
    return _overlay(
        f, offset, length, safetensors_head(f.size), b"", lambda o, n: random_range(f.key, o, n)
    )


@lru_cache(maxsize=256)
def safetensors_head(size: int) -> bytes:
    """u64 header length, JSON header (space-padded to 8) whose tensor data ends exactly at the
    end of the file, as the format requires."""

    def header_for(data_len: int) -> bytes:
        doc = {
            "__metadata__": {"format": "pt"},
            "model.embed_tokens.weight": {
                "dtype": "BF16",
                "shape": [max(1, data_len // 2)],
                "data_offsets": [0, data_len],
            },
        }
        return json.dumps(doc, separators=(",", ":")).encode()

    data_len = size
    for _ in range(8):  # the header's length changes the data length: iterate to a fixed point
        raw = header_for(data_len)
        padded = (len(raw) + 7) // 8 * 8
        new_len = max(0, size - 8 - padded)
        if new_len == data_len:
            break
        data_len = new_len
    raw = header_for(data_len)
    raw += b" " * ((len(raw) + 7) // 8 * 8 - len(raw))
    return struct.pack("<Q", len(raw)) + raw


def _gguf_string(text: str) -> bytes:
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def _gguf(f: VFile, offset: int, length: int) -> bytes:
    head = (
        b"GGUF"
        + struct.pack("<IQQ", 3, 291, 2)
        + _gguf_string("general.architecture")
        + struct.pack("<I", 8)  # type: string
        + _gguf_string("llama")
        + _gguf_string("general.name")
        + struct.pack("<I", 8)
        + _gguf_string("training-model")
    )
    return _overlay(f, offset, length, head, b"", lambda o, n: random_range(f.key, o, n))


def _jpeg(f: VFile, offset: int, length: int) -> bytes:
    head = (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
        b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65))
    )
    return _overlay(f, offset, length, head, b"\xff\xd9", lambda o, n: random_range(f.key, o, n))


def _png(f: VFile, offset: int, length: int) -> bytes:
    head = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x0f\x00\x00\x00\x0a\x00\x08\x02\x00\x00\x00"
    )
    tail = b"\x00\x00\x00\x00IEND\xaeB`\x82"
    return _overlay(f, offset, length, head, tail, lambda o, n: random_range(f.key, o, n))


def _mp4(f: VFile, offset: int, length: int) -> bytes:
    ftyp = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
    mdat = struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", max(16, f.size - len(ftyp)))
    return _overlay(f, offset, length, ftyp + mdat, b"", lambda o, n: random_range(f.key, o, n))


def _mp3(f: VFile, offset: int, length: int) -> bytes:
    head = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64"
    return _overlay(f, offset, length, head, b"", lambda o, n: random_range(f.key, o, n))


def _pdf(f: VFile, offset: int, length: int) -> bytes:
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    tail = b"\ntrailer\n<< /Root 1 0 R >>\nstartxref\n116\n%%EOF\n"
    return _overlay(f, offset, length, head, tail, lambda o, n: random_range(f.key, o, n))


_LUKS_HEAD = (
    b"LUKS\xba\xbe\x00\x02"
    + struct.pack(">Q", 16384)
    + b"\x00" * 48  # label
    + b"sha256".ljust(32, b"\x00")
)


def luks_header(key: int) -> bytes:
    """A LUKS2 binary header (magic, version 2, header size, label, checksum algorithm)."""
    return _LUKS_HEAD + random_range(key ^ 3, 0, 64)


def _luks(f: VFile, offset: int, length: int) -> bytes:
    return _overlay(
        f, offset, length, luks_header(f.key), b"", lambda o, n: random_range(f.key, o, n)
    )


def _encrypted(f: VFile, offset: int, length: int) -> bytes:
    # A VeraCrypt-like container: high entropy from the first byte, no header at all.
    end = min(f.size, offset + length)
    return random_range(f.key, offset, max(0, end - offset))


# --- text-like formats: periodic, low entropy ----------------------------------------------


def _lines(f: VFile, offset: int, length: int, lines: list[str]) -> bytes:
    end = min(f.size, offset + length)
    if offset >= end:
        return b""
    return _periodic("".join(lines).encode(), offset, end - offset)


def _jsonl(f: VFile, offset: int, length: int) -> bytes:
    rows = [
        json.dumps({"id": f.key % 100000 + i, "text": f"sample text number {i} of the corpus"})
        + "\n"
        for i in range(16)
    ]
    return _lines(f, offset, length, rows)


def _text(f: VFile, offset: int, length: int) -> bytes:
    rows = [f"Note {i}: meeting at the hotel lobby, bring the chargers.\n" for i in range(8)]
    return _lines(f, offset, length, rows)


def _zeros(f: VFile, offset: int, length: int) -> bytes:
    return bytes(max(0, min(f.size, offset + length) - offset))


# --- webdataset: a whole tar of grouped members --------------------------------------------


def tar_header(name: str, size: int) -> bytes:
    """A POSIX ustar header with a valid checksum (the sum of its bytes, the checksum field
    counted as spaces): the fixed part and its sum are made once per name."""
    start, fixed_sum = _header_fixed(name)
    size_field = f"{size:011o}\x00".encode()
    checksum = fixed_sum + sum(size_field)
    return b"".join(
        (start[:124], size_field, start[136:148], f"{checksum:06o}\x00 ".encode(), start[156:])
    )


@lru_cache(maxsize=4096)
def _header_fixed(name: str) -> tuple[bytes, int]:
    """The header of `name` without its size field, and the sum of its bytes but that field's."""
    h = bytearray(TAR_BLOCK)
    h[0:100] = name.encode().ljust(100, b"\x00")
    h[100:108] = b"0000644\x00"
    h[108:116] = b"0001750\x00"
    h[116:124] = b"0001750\x00"
    h[136:148] = b"14700000000\x00"
    h[148:156] = b" " * 8
    h[156:157] = b"0"
    h[257:263] = b"ustar\x00"
    h[263:265] = b"00"
    return bytes(h), sum(h)


def _pad(n: int) -> int:
    return (n + TAR_BLOCK - 1) // TAR_BLOCK * TAR_BLOCK


def webdataset_sample_bytes(key: int) -> int:
    """Bytes one sample (jpg + cls + json members) takes in a shard of this key."""
    jpg = 20000 + key % 40000
    return 3 * TAR_BLOCK + _pad(jpg) + 2 * TAR_BLOCK


def _webdataset(f: VFile, offset: int, length: int) -> bytes:
    # Sample k: "<k>.jpg" (JPEG bytes), "<k>.cls" (class id), "<k>.json" (caption); all samples
    # have the same layout, so any offset maps to (sample, member) arithmetically. The shard
    # ends with the two zero blocks of a tar; `size` was chosen as a whole number of samples.
    jpg_len = 20000 + f.key % 40000
    period = webdataset_sample_bytes(f.key)
    end = min(f.size, offset + length)
    out = bytearray()
    pos = offset
    while pos < end:
        sample, within = divmod(pos, period)
        if (sample + 1) * period > f.size - 2 * TAR_BLOCK:
            out += bytes(end - pos)  # end-of-archive zero blocks
            break
        take = _wds_range(f.key, sample, jpg_len, within, min(end - pos, period - within))
        out += take
        pos += len(take)
    return bytes(out)


def _wds_range(key: int, sample: int, jpg_len: int, offset: int, length: int) -> bytes:
    """Bytes [offset, offset + length) of sample k's three members, each a header block and
    its data padded to whole blocks: only the segments asked for are made (the sniffers read
    tar headers, not whole images)."""
    jpg_end = TAR_BLOCK + _pad(jpg_len)
    # segment bounds: jpg header, jpg data, cls header, cls block, json header, json block
    bounds = (0, TAR_BLOCK, jpg_end, jpg_end + TAR_BLOCK, jpg_end + 2 * TAR_BLOCK,
              jpg_end + 3 * TAR_BLOCK, jpg_end + 4 * TAR_BLOCK)  # fmt: skip
    end = offset + length
    out = bytearray()
    for index in range(6):
        lo, hi = max(offset, bounds[index]), min(end, bounds[index + 1])
        if lo < hi:
            out += _wds_segment(key, sample, jpg_len, index, lo - bounds[index], hi - lo)
    return bytes(out)


def _wds_segment(key: int, sample: int, jpg_len: int, index: int, a: int, n: int) -> bytes:
    """Bytes [a, a + n) of segment `index` of sample k (see `_wds_range`)."""
    if index == 1:  # the JPEG, padded with zeros to its block
        b = min(a + n, jpg_len)
        data = _jpeg(VFile("jpeg", jpg_len, mix(key, sample)), a, b - a) if a < b else b""
        return data + bytes(n - len(data))
    name = f"{sample:08d}"
    if index == 0:
        return tar_header(f"{name}.jpg", jpg_len)[a : a + n]
    cls = str(sample % 1000).encode()
    if index in (2, 3):
        block = tar_header(f"{name}.cls", len(cls)) if index == 2 else cls.ljust(TAR_BLOCK, b"\0")
        return block[a : a + n]
    caption = json.dumps({"caption": f"an image of class {sample % 1000}"}).encode()
    if index == 4:
        return tar_header(f"{name}.json", len(caption))[a : a + n]
    return caption.ljust(TAR_BLOCK, b"\0")[a : a + n]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    category: str  # ARCHITECTURE.md vocabulary; the truth the sampler's estimate is graded on
    ext: str  # the extension files of this format get unless disguised
    read: Callable[[VFile, int, int], bytes]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("parquet", "ai-dataset", "parquet", _parquet),
        Format("arrow", "ai-dataset", "arrow", _arrow),
        Format("tfrecord", "ai-dataset", "tfrecord", _tfrecord),
        Format("webdataset", "ai-dataset", "tar", _webdataset),
        Format("npy", "ai-dataset", "npy", _npy),
        Format("hdf5", "ai-dataset", "h5", _hdf5),
        Format("jsonl", "ai-dataset", "jsonl", _jsonl),
        Format("safetensors", "ai-model", "safetensors", _safetensors),
        Format("gguf", "ai-model", "gguf", _gguf),
        Format("jpeg", "image", "jpg", _jpeg),
        Format("png", "image", "png", _png),
        Format("mp4", "video", "mp4", _mp4),
        Format("mp3", "audio", "mp3", _mp3),
        Format("pdf", "document", "pdf", _pdf),
        Format("text", "text", "txt", _text),
        Format("luks", "encrypted", "img", _luks),
        Format("encrypted", "encrypted", "hc", _encrypted),
        Format("zeros", "empty", "bin", _zeros),
    )
}
