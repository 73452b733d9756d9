"""Containers: tar vs webdataset shards, and compressor frames whose bounded decompressed
prefix may reveal jsonl or a tar inside (zip archives are in `zips`).

Tar headers are followed member by member with a cap on members and bytes read.
"""

from __future__ import annotations

import bz2
import io
import lzma
import threading
import zlib
from collections.abc import Callable
from typing import Final

from inspector.core.content.identify.model import Identification, found, suspect
from inspector.core.content.identify.probe import Probe

# ---- tar and webdataset -------------------------------------------------------------------

# Members named before judging webdataset vs plain tar: 8 show 2-4 samples' groups; every
# header past the head is one more read from the drive (shards' members are 100 KB and up).
MAX_TAR_MEMBERS: Final = 8
MAX_TAR_HEADERS: Final = 64  # pax and long-name headers included


def _tar_number(field: bytes) -> int | None:
    """Octal ASCII, or GNU base-256 (positive only); None when malformed or negative."""
    if field[11] == 0:  # the usual "00000001750\0": add up the digits (no C calls compiled)
        value = 0
        for at in range(11):
            digit = field[at] - 0x30
            if not 0 <= digit <= 7:
                break
            value = value * 8 + digit
        else:
            return value
    first = field[0]
    if first == 0x80:
        return int.from_bytes(field[1:], "big")
    if first == 0xFF:
        return None  # base-256 negative
    digits = field.strip(b"\0 ")
    if not digits:
        return 0
    if not digits.isdigit():  # int() would also take "-7", "+7", "0o7" and "7_7"
        return None
    try:
        return int(digits, 8)
    except ValueError:  # an 8 or a 9
        return None


def _tar_header_ok(block: bytes) -> bool:
    """The header checksum: the sum of its bytes with the checksum field read as spaces.

    The field holds optional spaces, octal digits, then spaces or NULs ("0012345\\0",
    " 12345\\0 "); it is read byte by byte (compiled, that makes no C calls)."""
    at = 148
    while at < 156 and block[at] == 0x20:
        at += 1
    digits_from = at
    stored = 0
    while at < 156 and 0x30 <= block[at] <= 0x37:
        stored = stored * 8 + block[at] - 0x30
        at += 1
    if at == digits_from:
        return False
    field_sum = 0
    for i in range(148, 156):
        byte = block[i]
        if i >= at and byte != 0x20 and byte != 0:
            return False  # something after the digits other than padding
        field_sum += byte
    # Each 256-byte half sums to at most 65,280, below Adler-32's modulus, so the low word of a
    # half's Adler-32 is exactly 1 + its byte sum: two C calls instead of adding in Python.
    total = (zlib.adler32(block[:256]) & 0xFFFF) + (zlib.adler32(block[256:512]) & 0xFFFF) - 2
    return stored == total - field_sum + 8 * 32  # the checksum field counts as eight spaces


def _pax_path(records: bytes) -> bytes | None:
    """The `path` of a pax extended header (names longer than ustar's 100 bytes)."""
    at = records.find(b" path=")
    if at < 0:
        return None
    end = records.find(b"\n", at)
    return records[at + 6 : end if end > 0 else len(records)]


def tar_members(p: Probe) -> list[bytes] | Identification | None:
    """Names of the first members, or None when this is not a tar, or a suspect verdict.

    The first header's checksum is verified; later headers must carry the same magic (or a
    valid checksum for old v7 archives) — cheap enough to follow a few dozen members."""
    head = p.head
    if len(head) < 512 or not _tar_header_ok(head[:512]):
        return None
    magic = head[257:263]
    ustar = magic.startswith(b"ustar")
    v7 = not magic.strip(b"\0")
    names: list[bytes] = []
    offset = 0
    long_name: bytes | None = None
    for _ in range(MAX_TAR_HEADERS):
        if offset + 512 <= len(head):
            buf, at = head, offset
        else:
            buf, at = p.read_at(offset, 512), 0
            if len(buf) < 512:
                break  # cut short
        if buf[at] == 0:
            break  # end of archive (zero blocks)
        if offset and (
            not _tar_header_ok(buf[at : at + 512]) if v7 else buf[at + 257 : at + 263] != magic
        ):
            break  # ustar/GNU archives repeat their magic; old v7 ones need the checksum
        size = _tar_number(buf[at + 124 : at + 136])
        if size is None:
            return suspect("tar member with a negative or malformed size")
        kind = buf[at + 156]
        if kind == 0x30 or kind == 0 or kind == 0x37:  # regular files (old and new style)
            name = buf[at : at + 100].rstrip(b"\0")
            if long_name:
                names.append(long_name)
                long_name = None
            elif ustar and buf[at + 345]:  # a ustar name prefix (the directory part)
                names.append(buf[at + 345 : at + 500].rstrip(b"\0") + b"/" + name)
            else:
                names.append(name)
            if len(names) >= MAX_TAR_MEMBERS:
                break
        elif kind == 0x4C:  # "L", GNU long name: the name is the member's data
            long_name = p.read_at(offset + 512, min(size, 4096)).rstrip(b"\0")
        elif kind == 0x78:  # "x", pax extended header: "NN path=VALUE\n" records
            long_name = _pax_path(p.read_at(offset + 512, min(size, 4096))) or long_name
        offset += 512 + (size + 511) // 512 * 512
        if offset >= p.size:
            break
    return names


# Extensions of webdataset sample fields (the last dot component, lower-cased: "seg.png" is a
# png field). Grouping alone is not enough: sorted source trees (foo.py + foo.pyi, foo.c +
# foo.h, pyarrow's .pyx/.pxd/.so), photos with .xmp sidecars and office exports (budget.docx +
# budget.pdf) are grouped <stem>.<ext> too. Shards hold what webdataset's decoders and writers
# handle: images, class labels, text, json, arrays, pickles/tensors, msgpack, audio, video.
# A sample counts when two of its fields are in this set (a custom third field may be anything).
# Camera-only containers (heic, mov, raw) are left out: a photo folder with Live Photo pairs
# (IMG_1.JPG + IMG_1.MOV) is not training data.
WDS_FIELD_EXTENSIONS: Final = frozenset(
    b"jpg jpeg png webp gif bmp ppm pgm pbm pnm tif tiff "  # images
    b"cls cls2 class count index inx id label "  # integers / labels
    b"txt text transcript caption "  # text
    b"json jsn cbor mp msgpack "  # structured
    b"npy npz pyd pickle pth ten tb safetensors "  # arrays, tensors
    b"wav flac mp3 m4a ogg opus sax wma "  # audio
    b"mp4 webm ogv mjpeg h264".split()  # video
)
# A sample's fields hold different things (an image and its label, caption, mask "seg.png").
# A key whose only fields are bare image extensions is one picture in several encodings: web
# assets (logo.png + logo.webp), exports (photo.jpg + photo.tif). It does not count as a sample.
_BARE_IMAGES: Final = frozenset(b"jpg jpeg png webp gif bmp ppm pgm pbm pnm tif tiff".split())
# Sidecars written next to a media file and named after it, extension included: Google Takeout's
# IMG_1.jpg.json (or IMG_1.jpg.supplemental-metadata.json). Their key groups {jpg, jpg.json}
# look like a 2-field sample, but a field is never named after another field's extension.
_SIDECAR_OF: Final = frozenset(
    b"jpg jpeg png webp gif bmp tif tiff heic heif dng raw cr2 nef arw "
    b"mp4 mov avi mkv 3gp m4v webm mp3 m4a wav".split()
)


def webdataset_like(names: list[bytes]) -> bool:
    """Members grouped as <key>.<ext>, keys' members adjacent, and most keys with ≥2 distinct
    sample-field extensions (WDS_FIELD_EXTENSIONS): a shard, not a sorted tree of files."""
    if len(names) < 2:
        return False
    fields = WDS_FIELD_EXTENSIONS
    groups: list[set[bytes]] = []  # per key: its sample-field extensions
    current: set[bytes] = set()
    keys: set[bytes] = set()
    last = b""
    for name in names:
        base = name.rfind(b"/") + 1
        dot = name.find(b".", base)
        if dot <= base:  # no extension, or a hidden file
            return False
        key = name[:dot]
        if key != last:
            if key in keys:
                return False  # a key's files must be adjacent
            keys.add(key)
            current = set()
            groups.append(current)
            last = key
        cut = name.rfind(b".")
        field = name[cut + 1 :].lower()  # the last dot component: "seg.png" -> "png"
        if field in fields:
            if (
                cut > dot
                and field == b"json"
                and name[dot + 1 : name.find(b".", dot + 1)].lower() in _SIDECAR_OF
            ):
                continue  # IMG_1.jpg.json: metadata of a photo, not a field of a sample
            current.add(name[dot + 1 :])
    complete = groups[:-1] if len(groups) > 1 else groups  # the last group may be cut short
    multi = sum(1 for exts in complete if len(exts) >= 2 and not _one_picture(exts))
    return multi > 0 and multi * 3 >= len(complete) * 2


def _one_picture(fields: set[bytes]) -> bool:
    return all(field.lower() in _BARE_IMAGES for field in fields)


def sniff_tar(p: Probe) -> Identification | None:
    head = p.head
    if len(head) < 512:
        return None
    for at in range(148, 156):  # quick rejection: the checksum field is octal digits, " ", NUL
        byte = head[at]
        if not (0x30 <= byte <= 0x37 or byte == 0x20 or byte == 0):
            return None
    members = tar_members(p)
    if members is None or isinstance(members, Identification):
        return members
    if webdataset_like(members):
        return found("webdataset", "tar shard")
    return found("tar")


# ---- compressor frames --------------------------------------------------------------------

DECOMPRESSED_PREFIX: Final = 64 * 1024  # the most any payload check gets
# What streaming decoders (gzip, xz, zlib) produce first: their cost grows with the output, and
# 4 KiB shows a tar header, a tfrecord, npy or pickle start, or a few jsonl records. Block codecs
# (zstd, bzip2) decode a whole block whatever the limit, so they give the full prefix at once.
FIRST_PREFIX: Final = 4 * 1024
LONG_PREFIX: Final = 4 * 1024 * 1024  # only to find where a jsonl record longer than 64 KiB ends
# Compressed input a prefix may be decoded from (the head, and more when the head runs out first).
COMPRESSED_INPUT: Final = 64 * 1024
_ZSTD_MAX_WINDOW: Final = 1 << 25  # refuse frames that would make us allocate more


# Compressed bytes handed to a streaming decoder at a time: a decoder keeps a copy of input it
# has not consumed, and copying the rest of a 64 KiB head costs more than decoding 4 KiB.
_FEED: Final = 8 * 1024


_GZIP_MAGIC: Final = b"\x1f\x8b\x08"
# Each member needs a fresh decoder (~2 µs): 256 bound a head packed with empty 20-byte members
# to ~0.5 ms, and still give 256 records of a file written one record per member.
_GZIP_MAX_MEMBERS: Final = 256


def _gunzip(data: bytes, limit: int) -> bytes:
    """Up to `limit` bytes of payload from the gzip stream at the start of `data`.

    A gzip file may hold several members one after another (`cat a.gz b.gz`, writers that
    compress record by record); their payloads concatenate, so decoding goes on with the next
    member until `limit` or the end of `data`. Trailing bytes that are not a member (padding)
    end it."""
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = b""
    at = 0
    pending = b""
    members = 1
    while len(out) < limit:
        if decoder.eof:
            # unused_data: what follows the member in the bytes fed so far (data[:at])
            at -= len(decoder.unused_data)
            if members >= _GZIP_MAX_MEMBERS or not data.startswith(_GZIP_MAGIC, at):
                break
            members += 1
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
            pending = b""
        if not pending:
            if at >= len(data):
                break
            pending = data[at : at + _FEED]
            at += len(pending)
        out += decoder.decompress(pending, limit - len(out))
        pending = decoder.unconsumed_tail
    return out


def _buffered(
    decoder: lzma.LZMADecompressor | bz2.BZ2Decompressor, data: bytes, limit: int
) -> bytes:
    """Feed `data` to an lzma/bz2 decoder in _FEED slices until `limit` bytes come out."""
    out = b""
    at = 0
    while len(out) < limit and not decoder.eof:
        chunk = b""
        if decoder.needs_input:
            if at >= len(data):
                break
            chunk = data[at : at + _FEED]
            at += _FEED
        out += decoder.decompress(chunk, limit - len(out))
    return out


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
    return _buffered(lzma.LZMADecompressor(memlimit=1 << 26), data, limit)


def _unbz2(data: bytes, limit: int) -> bytes:
    return _buffered(bz2.BZ2Decompressor(), data, limit)


def _unlzma(data: bytes, limit: int) -> bytes:
    return _buffered(lzma.LZMADecompressor(lzma.FORMAT_ALONE, memlimit=1 << 26), data, limit)


def _unzfile(data: bytes, limit: int) -> bytes:
    """joblib's old zfile (joblib < 0.10, still read by joblib: `.pkl` and `.npy.z` files of
    scikit-learn models saved then): "ZF", the payload length in hex padded to 19 characters,
    then one zlib stream."""
    if not _zlib_header(data[_ZFILE_HEADER:]):
        raise ValueError("not a joblib zfile")
    return zlib.decompressobj().decompress(
        data[_ZFILE_HEADER : _ZFILE_HEADER + limit + _FEED], limit
    )


_ZFILE_HEADER: Final = 21


COMPRESSORS: Final[tuple[tuple[bytes, str, Callable[[bytes, int], bytes], bool], ...]] = (
    # magic, name, decoder, block codec
    (b"\x1f\x8b\x08", "gzip", _gunzip, False),
    (b"\x28\xb5\x2f\xfd", "zstd", _unzstd, True),
    (b"\xfd7zXZ\x00", "xz", _unxz, False),
    (b"BZh", "bzip2", _unbz2, True),
    # .lzma "alone" files (joblib's compress="lzma"): lc/lp/pb properties, dictionary size
    (b"\x5d\x00\x00", "lzma", _unlzma, False),
    (b"ZF0x", "zlib", _unzfile, False),  # joblib's zfile wraps a zlib stream
)


def _decoded(fn: Callable[[bytes, int], bytes], data: bytes, limit: int) -> bytes | None:
    try:
        return fn(data, limit)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError, MemoryError):
        return None  # not a valid stream of this compressor


def decompress_prefix(
    p: Probe, limit: int | None = None, data: bytes | None = None
) -> tuple[str, bytes | None, int] | None:
    """(compressor, first bytes of its payload, the limit asked) — payload None when
    undecodable; a payload shorter than the limit ended (or the head's input did).

    `limit` None: FIRST_PREFIX from streaming decoders, DECOMPRESSED_PREFIX from block codecs;
    at most DECOMPRESSED_PREFIX unless `data` (compressed bytes from the start of the file,
    longer than the head) is given: then up to LONG_PREFIX."""
    head = p.head if data is None else data
    cap = DECOMPRESSED_PREFIX if data is None else LONG_PREFIX
    for magic, name, fn, block_codec in COMPRESSORS:
        if head.startswith(magic):
            if name == "bzip2" and not (len(head) > 3 and 0x31 <= head[3] <= 0x39):
                return None
            if limit is None:
                limit = DECOMPRESSED_PREFIX if block_codec else FIRST_PREFIX
            limit = min(limit, cap)
            payload = _decoded(fn, head, limit)
            if payload is not None and len(payload) < limit and data is None and len(head) < p.size:
                # The head ran out first (a zstd or bzip2 block is whole or nothing): go on
                # with up to COMPRESSED_INPUT bytes of the file (a read error is the caller's).
                more = head + p.read_at(len(head), COMPRESSED_INPUT - len(head))
                payload = _decoded(fn, more, limit)
            return name, payload, limit
    if _zlib_header(head):
        # A bare zlib stream (TFRecord's ZLIB option) has only a 2-byte header with a check
        # value, so it counts only when it really inflates.
        limit = FIRST_PREFIX if limit is None else min(limit, cap)
        try:
            payload = zlib.decompressobj().decompress(head[: limit + _FEED], limit)
        except zlib.error:
            return None
        return ("zlib", payload, limit) if payload else None
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
