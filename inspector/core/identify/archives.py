"""Containers: zip (npz, pytorch checkpoints, office files), tar vs webdataset shards, and
compressor frames whose bounded decompressed prefix may reveal jsonl or a tar inside.

Zip is read from its central directory in the tail, never by decompressing members; tar headers
are followed member by member with a cap on members and bytes read.
"""

from __future__ import annotations

import bz2
import io
import lzma
import re
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from inspector.core.identify.model import Identification, found, suspect
from inspector.core.identify.probe import Probe

MAX_ZIP_MEMBERS = 2000
_CD_READ = 256 * 1024
_BOMB_RATIO = 1100  # deflate cannot exceed ~1032:1; more means overlapping or nested tricks
_BOMB_TOTAL = 1 << 40


@dataclass(frozen=True, slots=True)
class ZipListing:
    names: tuple[str, ...]
    bomb: str = ""


def _zip64_end(p: Probe, eocd_abs: int) -> tuple[int, int] | None:
    """(cd_offset, cd_size) from the zip64 locator just before the classic EOCD record."""
    loc = p.read_at(eocd_abs - 20, 20)
    if len(loc) != 20 or not loc.startswith(b"PK\x06\x07"):
        return None
    (rec_at,) = struct.unpack_from("<Q", loc, 8)
    rec = p.read_at(rec_at, 56)
    if len(rec) != 56 or not rec.startswith(b"PK\x06\x06"):
        return None
    cd_size, cd_offset = struct.unpack_from("<QQ", rec, 40)
    return cd_offset, cd_size


def zip_listing(p: Probe) -> ZipListing | Identification:
    """Member names from the central directory (read from the tail), or a suspect verdict."""
    tail = p.tail
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return suspect("zip local header but no central directory (truncated?)")
    eocd_abs = p.size - len(tail) + at
    cd_size, cd_offset = struct.unpack_from("<II", tail, at + 12)
    if cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        z64 = _zip64_end(p, eocd_abs)
        if z64 is None:
            return suspect("zip64 end record missing or broken")
        cd_offset, cd_size = z64
    if cd_offset + cd_size > eocd_abs:
        return suspect("zip central directory lies past its end record")
    cd = p.read_at(cd_offset, min(cd_size, _CD_READ))
    if not cd.startswith(b"PK\x01\x02") and cd_size:
        # Data prepended to the archive (a self-extractor): offsets are relative to its start,
        # and the directory sits just before the end record.
        cd = p.read_at(eocd_abs - cd_size, min(cd_size, _CD_READ))
    names: list[str] = []
    offsets: set[int] = set()
    total = 0
    bomb = ""
    i = 0
    while i + 46 <= len(cd) and len(names) < MAX_ZIP_MEMBERS:
        if cd[i : i + 4] != b"PK\x01\x02":
            if not names:
                return suspect("zip central directory has no valid entries")
            break
        comp, uncomp = struct.unpack_from("<II", cd, i + 20)
        n_len, x_len, c_len = struct.unpack_from("<HHH", cd, i + 28)
        (local,) = struct.unpack_from("<I", cd, i + 42)
        names.append(cd[i + 46 : i + 46 + n_len].decode("utf-8", "replace"))
        total += uncomp
        if uncomp > (1 << 20) and comp and uncomp // comp > _BOMB_RATIO:
            bomb = f"zip member expands {uncomp // comp}:1"
        # 0xFFFFFFFF: the real offset is in the zip64 extra field (archives above 4 GB)
        if local in offsets and uncomp and local != 0xFFFFFFFF:
            bomb = "zip members overlap (same local header)"
        offsets.add(local)
        i += 46 + n_len + x_len + c_len
    if total > _BOMB_TOTAL:
        bomb = f"zip claims {total} bytes uncompressed"
    return ZipListing(tuple(names), bomb)


def _pytorch(names: tuple[str, ...]) -> bool:
    """torch.save zips: <name>/data.pkl with <name>/version (or .data/version) or data/ blobs."""
    present = set(names)
    for name in names:
        if name.endswith("/data.pkl") or name == "data.pkl":
            prefix = name[: -len("data.pkl")]
            if {prefix + "version", prefix + ".data/version"} & present:
                return True
            if any(n.startswith(prefix + "data/") for n in names):
                return True
    return False


def sniff_zip(p: Probe) -> Identification | None:
    head = p.head
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    listing = zip_listing(p)
    if isinstance(listing, Identification):
        return listing
    if listing.bomb:
        return suspect(f"zip bomb: {listing.bomb}")
    names = listing.names
    files = [n for n in names if not n.endswith("/")]
    if files and all(n.endswith(".npy") for n in files):
        return found("npz")
    if _pytorch(names):
        return found("pytorch", "zip checkpoint")
    if "[Content_Types].xml" in names:
        for prefix, fmt in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return found(fmt)
    if names and names[0] == "mimetype":
        if b"application/vnd.oasis.opendocument" in head[:200]:
            return found("odf")
        if b"application/epub+zip" in head[:200]:
            return found("epub")
    if "classes.dex" in names and "AndroidManifest.xml" in names:
        return found("apk")
    if "META-INF/MANIFEST.MF" in names:
        return found("jar")
    return found("zip")


# ---- tar and webdataset -------------------------------------------------------------------

MAX_TAR_MEMBERS = 16
MAX_TAR_HEADERS = 64  # pax and long-name headers included
_TAR_FILE_KINDS = frozenset(b"0\x007")  # regular files (old and new style), contiguous


_OCTAL_FIELD = re.compile(rb"^ *[0-7]{1,11}[ \0]*$")


def _tar_number(field: bytes) -> int | None:
    """Octal ASCII, or GNU base-256 (positive only); None when malformed or negative."""
    if field[:1] == b"\x80":
        return int.from_bytes(field[1:], "big")
    if field[:1] == b"\xff":
        return None  # base-256 negative
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        return None


def _tar_header_ok(block: bytes) -> bool:
    """The header checksum: the sum of its bytes with the checksum field read as spaces."""
    if not _OCTAL_FIELD.match(block[148:156]):
        return False
    stored = int(block[148:156].rstrip(b"\0 ").lstrip(b" "), 8)
    return stored == sum(block[:148]) + 8 * 32 + sum(block[156:512])


def _pax_path(records: bytes) -> str | None:
    """The `path` of a pax extended header (names longer than ustar's 100 bytes)."""
    at = records.find(b" path=")
    if at < 0:
        return None
    end = records.find(b"\n", at)
    return records[at + 6 : end if end > 0 else len(records)].decode("utf-8", "replace")


def _same_kind(block: bytes, magic: bytes) -> bool:
    """A later header: ustar/GNU archives repeat their magic; old v7 ones need the checksum."""
    if magic.strip(b"\0"):
        return block[257:263] == magic
    return _tar_header_ok(block)


def tar_members(p: Probe) -> list[str] | Identification | None:
    """Names of the first members, or None when this is not a tar, or a suspect verdict.

    The first header's checksum is verified; later headers must carry the same magic (or a
    valid checksum for old v7 archives) — cheap enough to follow a few dozen members."""
    head = p.head
    first = head[:512]
    if len(first) < 512 or not _tar_header_ok(first):
        return None
    magic = first[257:263]
    ustar = magic.startswith(b"ustar")
    names: list[str] = []
    offset = 0
    long_name: str | None = None
    for _ in range(MAX_TAR_HEADERS):
        block = head[offset : offset + 512] if offset + 512 <= len(head) else p.read_at(offset, 512)
        if len(block) < 512 or block[0] == 0:  # end of archive (zero blocks) or cut short
            break
        if offset and not _same_kind(block, magic):
            break
        size = _tar_number(block[124:136])
        if size is None:
            return suspect("tar member with a negative or malformed size")
        kind = block[156]
        if kind == 0x4C:  # "L", GNU long name: the name is the member's data
            raw = p.read_at(offset + 512, min(size, 4096))
            long_name = raw.rstrip(b"\0").decode("utf-8", "replace")
        elif kind == 0x78:  # "x", pax extended header: "NN path=VALUE\n" records
            long_name = _pax_path(p.read_at(offset + 512, min(size, 4096))) or long_name
        elif kind in _TAR_FILE_KINDS:
            name = long_name or block[:100].rstrip(b"\0").decode("utf-8", "replace")
            if ustar and block[345] and not long_name:
                name = block[345:500].rstrip(b"\0").decode("utf-8", "replace") + "/" + name
            names.append(name)
            long_name = None
            if len(names) >= MAX_TAR_MEMBERS:
                break
        offset += 512 + (size + 511) // 512 * 512
        if offset >= p.size:
            break
    return names


def webdataset_like(names: list[str]) -> bool:
    """Members grouped as <key>.<ext>, consecutive, most keys with ≥2 distinct extensions."""
    if len(names) < 2:
        return False
    groups: list[tuple[str, set[str]]] = []
    for name in names:
        base = name.rsplit("/", 1)[-1]
        dot = base.find(".")
        if dot <= 0:
            return False
        key = name[: len(name) - len(base) + dot]
        ext = base[dot + 1 :]
        if groups and groups[-1][0] == key:
            groups[-1][1].add(ext)
        elif any(g[0] == key for g in groups):
            return False  # a key's files must be adjacent
        else:
            groups.append((key, {ext}))
    complete = groups[:-1] if len(groups) > 1 else groups  # the last group may be cut short
    multi = sum(1 for _, exts in complete if len(exts) >= 2)
    return multi > 0 and multi * 3 >= len(complete) * 2


def sniff_tar(p: Probe) -> Identification | None:
    members = tar_members(p)
    if members is None or isinstance(members, Identification):
        return members
    if webdataset_like(members):
        return found("webdataset", "tar shard")
    return found("tar")


# ---- compressor frames --------------------------------------------------------------------

DECOMPRESSED_PREFIX = 64 * 1024  # the most any payload check gets
FIRST_PREFIX = 16 * 1024  # usually enough: more only for text without a line break
_ZSTD_MAX_WINDOW = 1 << 25  # refuse frames that would make us allocate more


def _gunzip(data: bytes, limit: int) -> bytes:
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, limit)


_zstd_local = threading.local()


def _unzstd(data: bytes, limit: int) -> bytes:
    import zstandard  # lazily: only compressed samples pay for it

    # One decompression context per thread, reused: creating one costs more than decoding
    # 16 KiB. The window limit refuses frames that would make us allocate more.
    dctx = getattr(_zstd_local, "dctx", None)
    if dctx is None:
        dctx = _zstd_local.dctx = zstandard.ZstdDecompressor(max_window_size=_ZSTD_MAX_WINDOW)
    try:
        with dctx.stream_reader(io.BytesIO(data), read_across_frames=True) as reader:
            out: bytes = reader.read(limit)
    except zstandard.ZstdError as exc:
        raise ValueError(str(exc)) from None
    return out


def _unxz(data: bytes, limit: int) -> bytes:
    return lzma.LZMADecompressor(memlimit=1 << 26).decompress(data, limit)


def _unbz2(data: bytes, limit: int) -> bytes:
    return bz2.BZ2Decompressor().decompress(data, limit)


COMPRESSORS: tuple[tuple[bytes, str, Callable[[bytes, int], bytes]], ...] = (
    (b"\x1f\x8b\x08", "gzip", _gunzip),
    (b"\x28\xb5\x2f\xfd", "zstd", _unzstd),
    (b"\xfd7zXZ\x00", "xz", _unxz),
    (b"BZh", "bzip2", _unbz2),
)


def decompress_prefix(p: Probe, limit: int = FIRST_PREFIX) -> tuple[str, bytes | None] | None:
    """(compressor, first `limit` bytes of its payload) — payload None when undecodable."""
    head = p.head
    for magic, name, fn in COMPRESSORS:
        if head.startswith(magic):
            if name == "bzip2" and not (len(head) > 3 and 0x31 <= head[3] <= 0x39):
                return None
            try:
                return name, fn(head, min(limit, DECOMPRESSED_PREFIX))
            except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError, MemoryError):
                return name, None
    if _zlib_header(head):
        # A bare zlib stream (TFRecord's ZLIB option) has only a 2-byte header with a check
        # value, so it counts only when it really inflates.
        try:
            payload = zlib.decompressobj().decompress(head, min(limit, DECOMPRESSED_PREFIX))
        except zlib.error:
            return None
        return ("zlib", payload) if payload else None
    return None


def _zlib_header(head: bytes) -> bool:
    """CMF/FLG of RFC 1950: deflate, window <= 32 KiB, no preset dictionary, check value."""
    return (
        len(head) >= 2
        and head[0] & 0x0F == 8
        and head[0] >> 4 <= 7
        and not head[1] & 0x20
        and (head[0] << 8 | head[1]) % 31 == 0
    )
