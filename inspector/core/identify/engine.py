"""The order in which sniffers look at a file, and the `Identifier` that opens files.

Order matters: structural checks with a magic guard first (they are exact and cheap), the
generic magic table next, then structural checks without magic (safetensors, tfrecord, MDS,
LMDB, onnx), zero-filled, text, then the `filetype` table, the entropy test, and Magika last
(≈5 ms a file). Structural checks win over everything after them.
"""

from __future__ import annotations

import io

from inspector.core.fsview import FileSystemView
from inspector.core.identify import ai_data, ai_models, archives, crypto, generic, text
from inspector.core.identify.model import UNIDENTIFIED, Identification, Sniffer, found, suspect
from inspector.core.identify.probe import Probe

_UNKNOWN_SIZE = 1 << 62  # size of a decompressed payload we only see a prefix of


def sniff_compressed(p: Probe) -> Identification | None:
    """A compressor frame: name what its decompressed prefix holds when it is AI data or a tar
    (jsonl.zst, tfrecord.gz, webdataset .tar.gz), else the compressor itself (an archive)."""
    opened = archives.decompress_prefix(p)
    if opened is None:
        return None
    compressor, payload = opened
    if payload:
        complete = len(payload) < archives.DECOMPRESSED_PREFIX
        inner = Probe(
            p.view,
            p.path,
            len(payload) if complete else _UNKNOWN_SIZE,
            io.BytesIO(payload),
        )
        kind = text.classify_text(payload, complete)
        if kind is not None and kind.format == "jsonl":
            return found("jsonl", compressor)
        for sniffer in (archives.sniff_tar, ai_data.sniff_tfrecord, ai_data.sniff_npy):
            kind = sniffer(inner)
            if kind is not None and not kind.warning:
                if kind.format == "tar":
                    return found(compressor, "tar inside")
                return found(kind.format, compressor)
    if ai_data.mds_compressed_shard(p):
        return found("mds", f"{compressor} shard")
    return found(compressor, "" if payload else "payload not decodable")


MAGIC_GUARDED: tuple[Sniffer, ...] = (
    ai_data.sniff_parquet,
    ai_data.sniff_arrow_file,
    ai_data.sniff_arrow_stream,
    ai_data.sniff_npy,
    ai_data.sniff_hdf5,
    ai_models.sniff_gguf,
    crypto.sniff_luks,
    crypto.sniff_bitlocker,
    archives.sniff_zip,
    ai_models.sniff_pickle,
    sniff_compressed,
    archives.sniff_tar,
    generic.sniff_magic,
)
WITHOUT_MAGIC: tuple[Sniffer, ...] = (
    ai_models.sniff_safetensors,
    ai_data.sniff_tfrecord,
    ai_data.sniff_mds_shard,
    ai_data.sniff_lmdb,
    ai_models.sniff_onnx,
    crypto.sniff_zeros,
)
LATE: tuple[Sniffer, ...] = (
    generic.sniff_disk_image_footer,
    generic.sniff_filetype,
    crypto.sniff_high_entropy,
)


def _run(sniffer: Sniffer, p: Probe) -> Identification | None:
    try:
        return sniffer(p)
    except OSError:
        raise  # unreadable: the caller counts an error, not a class
    except Exception as exc:  # hostile bytes must never end a scan; say which sniffer balked
        name = getattr(sniffer, "__name__", "sniffer").removeprefix("sniff_")
        return suspect(f"{name} check failed on malformed data ({type(exc).__name__})")


def identify_probe(p: Probe, magika: generic.MagikaAdapter | None) -> Identification:
    """Name the content of the file behind `p` (see the module doc for the order)."""
    if p.size == 0:
        return found("empty")
    if not p.head:
        return suspect("file is shorter than its size says (changed while reading?)")
    first_warning: Identification | None = None
    for group in (MAGIC_GUARDED, WITHOUT_MAGIC):
        for sniffer in group:
            result = _run(sniffer, p)
            if result is None:
                continue
            if not result.warning:
                return result
            first_warning = first_warning or result
    if first_warning is not None:
        return first_warning  # it looked like a known format but broke: unknown, with a warning
    kind = text.classify_text(p.head, p.whole)
    if kind is not None:
        return kind
    for sniffer in LATE:
        result = _run(sniffer, p)
        if result is not None:
            return result
    if magika is not None:
        result = _run(magika.identify, p)
        if result is not None:
            return result
    return UNIDENTIFIED


_SHARED_MAGIKA = generic.MagikaAdapter()


class Identifier:
    """Identifies files of one view; counts the bytes it read (for `sampled_bytes`)."""

    def __init__(self, view: FileSystemView, *, use_magika: bool = True) -> None:
        self.view = view
        self.magika = _SHARED_MAGIKA if use_magika else None
        self.bytes_read = 0

    def identify(self, path: str, size: int) -> Identification:
        """Identify one file. Raises OSError when it cannot be opened or read."""
        with self.view.open_read(path) as handle:
            probe = Probe(self.view, path, size, handle)
            try:
                return identify_probe(probe, self.magika)
            finally:
                self.bytes_read += probe.bytes_read


def identify(view: FileSystemView, path: str, size: int) -> Identification:
    """Identify one file of `view` (convenience wrapper; scans keep one `Identifier`)."""
    return Identifier(view).identify(path, size)
