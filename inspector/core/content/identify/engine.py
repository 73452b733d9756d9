"""The order in which sniffers look at a file, and the `Identifier` that opens files.

Order matters: signatures no structural format can share (jpeg, png, pdf, ...) first, then
structural checks with a magic guard (exact and cheap, dispatched by the first byte; among them
gguf, legacy ggml, tflite, TF SavedModel and TF checkpoint index), the generic magic table,
structural checks without magic (safetensors, tfrecord, legacy Arrow streams, pickle 0/1, MDS,
LMDB, onnx), zero-filled, text, late checks that may cost extra reads (disk and filesystem
images, media marks past byte 0, far HDF5 user blocks, ONNX external data, TF checkpoint data
shards), the `filetype`
table, the entropy test, and Magika last (≈5 ms a file). Structural checks win over everything
after them.
"""

from __future__ import annotations

import os
from typing import Final

from inspector.core.content.identify import (
    ai_data,
    ai_models,
    archives,
    crypto,
    disks,
    generic,
    media,
    text,
    zips,
)
from inspector.core.content.identify.model import (
    UNIDENTIFIED,
    Identification,
    Sniffer,
    found,
    found_inside,
    suspect,
)
from inspector.core.content.identify.probe import LONG_RECORD_LIMIT, WINDOW_MAX, Probe
from inspector.core.survey.fsview import FileSystemView, fd_opener

_UNKNOWN_SIZE: Final = 1 << 62  # size of a decompressed payload we only see a prefix of


def _payload_probe(p: Probe, payload: bytes, complete: bool) -> Probe:
    inner = Probe(p.view, p.path, len(payload) if complete else _UNKNOWN_SIZE, payload)
    inner.prefix_only = not complete
    return inner


def _may_need_more(p: Probe, payload: bytes) -> bool:
    """A prefix cut short (its decoder stopped at the limit) of text with no line end yet, or of
    a tar with fewer than 4 members in it."""
    if b"\n" not in payload and b"\0" not in payload:
        return True
    tar_inside = archives.tar_members(_payload_probe(p, payload, False))
    return isinstance(tar_inside, list) and len(tar_inside) < 4


def _long_payload_records(p: Probe) -> bool:
    """A compressed jsonl whose first record is longer than the usual prefix: decode up to
    archives.LONG_PREFIX from the head plus one more window of input, and look for the end of
    a record."""
    data = p.head if p.whole else p.head + p.read_at(len(p.head), WINDOW_MAX)
    opened = archives.decompress_prefix(p, archives.LONG_PREFIX, data)
    return opened is not None and opened[1] is not None and text.record_boundary_in(opened[1])


def _long_records(p: Probe) -> Identification | None:
    """A plain file that starts like JSON with no line end in its head: jsonl when a record
    boundary follows, read on from the head up to LONG_RECORD_LIMIT (records up to ~4 MiB are
    found, as in compressed files; a JSON document has no such boundary)."""
    p.read_limit = LONG_RECORD_LIMIT
    offset = len(p.head)
    while True:
        window = p.read_at(offset, WINDOW_MAX)
        if text.record_boundary_in(window):
            return found("jsonl", "long records")
        if len(window) < WINDOW_MAX:  # end of file, or of what one file may cost
            return None
        offset += WINDOW_MAX - 4  # a boundary may straddle two windows


def sniff_compressed(p: Probe) -> Identification | None:
    """A compressor frame: name what its decompressed prefix holds when it is AI data or a tar
    (jsonl.zst, tfrecord.gz, webdataset .tar.gz), else the compressor itself (an archive).

    A first prefix usually decides (archives.FIRST_PREFIX); text without a line break, or a tar
    whose first members are large, get one longer look (64 KiB)."""
    opened = archives.decompress_prefix(p)
    if opened is None:
        return None
    compressor, payload, asked = opened
    if (
        payload is not None
        and len(payload) == asked < archives.DECOMPRESSED_PREFIX  # cut short by the limit
        and _may_need_more(p, payload)
    ):
        widened = archives.decompress_prefix(p, archives.DECOMPRESSED_PREFIX)
        if widened is not None:
            compressor, payload, asked = widened
    if payload:
        complete = len(payload) < asked and p.whole  # the stream ended within the prefix
        kind = text.classify_text(payload, complete)
        if kind is not None and kind.format == "jsonl":
            return found_inside("jsonl", compressor)
        one_long_line = not complete and b"\n" not in payload
        if kind and kind.format == "json" and one_long_line and _long_payload_records(p):
            return found_inside("jsonl", compressor, f"{compressor}, long records")
        inner = _payload_probe(p, payload, complete)
        inner_sniffers = (
            archives.sniff_tar,
            ai_data.sniff_tfrecord,
            ai_data.sniff_npy,
            ai_models.sniff_pickle,  # joblib / compressed checkpoints
            ai_models.sniff_pickle_unframed,
        )
        for sniffer in inner_sniffers:
            kind = sniffer(inner)
            if kind is not None and not kind.warning:
                if kind.format == "tar":
                    return found(compressor, "tar inside")
                return found_inside(kind.format, compressor)
    if ai_data.mds_named_shard(p):
        return found("mds", f"{compressor} shard")
    return found(compressor, "" if payload else "payload not decodable")


# (bytes a format's file can start with, sniffer); None = it can start with anything.
MAGIC_GUARDED: Final[tuple[tuple[bytes | None, Sniffer], ...]] = (
    (generic.DECISIVE_FIRST_BYTES, generic.sniff_decisive_magic),
    (b"P", ai_data.sniff_parquet),
    (b"AF", ai_data.sniff_arrow_file),
    (b"\xff", ai_data.sniff_arrow_stream),
    (b"\x93", ai_data.sniff_npy),
    (None, ai_data.sniff_hdf5),  # a user block may come first
    (b"G", ai_models.sniff_gguf),
    (ai_models.GGML_FIRST_BYTES, ai_models.sniff_ggml),
    (ai_models.TFLITE_FIRST_BYTES, ai_models.sniff_tflite),  # "TFL3" at 4
    (b"\x08", ai_models.sniff_tf_savedmodel),  # before onnx, which could read it as ir_version 1
    (b"\x00", ai_models.sniff_tf_checkpoint),
    (b"L", crypto.sniff_luks),
    (None, crypto.sniff_bitlocker),
    (b"P", zips.sniff_zip),
    (b"\x80", ai_models.sniff_pickle),
    # gzip, zstd, xz, bzip2, zlib CMF bytes, .lzma (0x5d), joblib's zfile ("ZF")
    (b"\x1f\x28\xfdB\x08\x18\x28\x38\x48\x58\x68\x78\x5dZ", sniff_compressed),
    (None, archives.sniff_tar),
    (None, generic.sniff_magic),
    (media.FIRST_BYTES, media.sniff_media),
)
# The guarded sniffers worth calling for each possible first byte, in order.
_BY_FIRST_BYTE: Final[tuple[tuple[Sniffer, ...], ...]] = tuple(
    tuple(sniffer for starts, sniffer in MAGIC_GUARDED if starts is None or byte in starts)
    for byte in range(256)
)
WITHOUT_MAGIC: Final[tuple[Sniffer, ...]] = (
    ai_models.sniff_safetensors,
    ai_data.sniff_tfrecord,
    ai_data.sniff_arrow_stream_legacy,
    ai_models.sniff_pickle_unframed,
    ai_data.sniff_mds_shard,
    ai_data.sniff_lmdb,
    ai_models.sniff_onnx,
    crypto.sniff_zeros,
    ai_data.sniff_mds_by_name,
)
LATE: Final[tuple[Sniffer, ...]] = (
    disks.sniff_disk_image,  # before the HDF5 search: an ISO's system area is zeros
    media.sniff_media_late,
    ai_data.sniff_hdf5_far,
    ai_models.sniff_onnx_external_data,
    ai_models.sniff_tf_checkpoint_data,
    generic.sniff_filetype,
    crypto.sniff_high_entropy,
)
ALL_SNIFFERS: Final[tuple[Sniffer, ...]] = (
    *(sniffer for _, sniffer in MAGIC_GUARDED),
    *WITHOUT_MAGIC,
    *LATE,
)


def _run(sniffer: Sniffer, p: Probe) -> Identification | None:
    try:
        return sniffer(p)
    except OSError:
        raise  # unreadable: the caller counts an error, not a class
    except Exception as exc:  # hostile bytes must never end a scan; say which sniffer balked
        return _balked(sniffer, exc)


def _balked(sniffer: Sniffer, exc: Exception) -> Identification:
    name = getattr(sniffer, "__name__", "sniffer").removeprefix("sniff_")
    return suspect(f"{name} check failed on malformed data ({type(exc).__name__})")


def identify_probe(p: Probe, magika: generic.MagikaAdapter | None) -> Identification:
    """Name the content of the file behind `p` (see the module doc for the order)."""
    if p.size == 0:
        return found("empty")
    head = p.head
    if not head:
        return suspect("file is shorter than its size says (changed while reading?)")
    first_warning: Identification | None = None
    for group in (_BY_FIRST_BYTE[head[0]], WITHOUT_MAGIC):
        for sniffer in group:
            try:  # inline rather than _run: this loop is the hot path
                result = sniffer(p)
            except OSError:
                raise
            except Exception as exc:
                result = _balked(sniffer, exc)
            if result is None:
                continue
            if not result.warning:
                return result
            first_warning = first_warning or result
    kind = text.classify_text(head, p.whole)
    if kind is not None:
        if p.size > len(head):  # a text user block (16 or 32 KiB) may front an HDF5 file
            hdf5 = ai_data.hdf5_past_head(p, ai_data.HDF5_NEAR_LIMIT)
            if hdf5 is not None:
                return hdf5
        if kind.format == "json" and not p.whole and b"\n" not in head:
            return _long_records(p) or kind
        return kind  # text that happens to start like a header ("GGUF models ...") is text
    if first_warning is not None:
        return first_warning  # it looked like a known format but broke: unknown, with a warning
    for sniffer in LATE:
        result = _run(sniffer, p)
        if result is not None:
            return result
    if magika is not None:
        result = _run(magika.identify, p)
        if result is not None:
            return result
    return UNIDENTIFIED


_SHARED_MAGIKA: Final = generic.MagikaAdapter()


class Identifier:
    """Identifies files of one view; counts the bytes it read (for `sampled_bytes`)."""

    def __init__(self, view: FileSystemView, *, use_magika: bool = True) -> None:
        self.view = view
        self.magika = _SHARED_MAGIKA if use_magika else None
        self.bytes_read = 0
        self._open_fd = fd_opener(view)

    def identify(self, path: str, size: int) -> Identification:
        """Identify one file. Raises OSError when it cannot be opened or read."""
        if self._open_fd is not None:
            fd = self._open_fd(path)
            try:
                return self._identify(Probe(self.view, path, size, fd))
            finally:
                os.close(fd)
        with self.view.open_read(path) as handle:
            return self._identify(Probe(self.view, path, size, handle))

    def _identify(self, probe: Probe) -> Identification:
        try:
            return identify_probe(probe, self.magika)
        finally:
            self.bytes_read += probe.bytes_read


def identify(view: FileSystemView, path: str, size: int) -> Identification:
    """Identify one file of `view` (convenience wrapper; scans keep one `Identifier`)."""
    return Identifier(view).identify(path, size)
