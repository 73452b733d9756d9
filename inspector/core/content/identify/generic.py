"""Everything that is not AI-specific: a fast magic table of our own, then the `filetype`
library, then Magika (loaded lazily, once) for what cheap checks cannot name.

Magika calls safetensors "npy" and zero-filled files "iso" with high confidence, so its labels
for formats we check structurally are not trusted: by the time Magika runs, those checks failed.
"""

from __future__ import annotations

import struct
from typing import Any, Final

from inspector.core.content.identify import categories as cat
from inspector.core.content.identify.model import Identification, found
from inspector.core.content.identify.probe import Probe

# Long signatures of common files that no structural check can also claim (no tar member name,
# no HDF5 user block or AI header starts so): named first, before the structural sniffers
# (photos and documents are most of a drive's small files).
DECISIVE: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"\x7fELF", "elf"),
)
DECISIVE_FIRST_BYTES: Final = bytes(sorted({prefix[0] for prefix, _ in DECISIVE}))
# prefix -> format; looked up by the first two bytes, longest prefixes first.
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    *DECISIVE,  # (already named by sniff_decisive_magic where it runs first)
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"8BPS", "psd"),
    (b"%!PS", "ps"),
    (b"{\\rtf", "rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x04\x22\x4d\x18", "lz4"),
    (b"MSCF\x00\x00\x00\x00", "cab"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"\x00asm", "wasm"),
    (b"dex\n", "dex"),
    (b"fLaC", "flac"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"MThd", "midi"),
    (b"QFI\xfb", "qcow2"),
    (b"KDMV", "vmdk"),
    (b"# Disk DescriptorFile", "vmdk"),
    (b"vhdxfile", "vhdx"),
    (b"conectix", "vhd"),
    (b"FLV\x01", "flv"),
    (b".snd", "au"),
    (b"\x00\x00\x01\xba", "mpeg"),  # program stream pack header
    (b"\x00\x00\x01\xb3", "mpeg"),  # video elementary stream sequence header
    (b"riff\x2e\x91\xcf\x11\xa5\xd6\x28\xdb\x04\xc1\x00\x00", "w64"),  # Sony Wave64
    (b"DSD \x1c\x00\x00\x00\x00\x00\x00\x00", "dsf"),  # Sony DSD stream file
    (b"Creative Voice File\x1a", "voc"),
    (b"qoif", "qoi"),
    (b"\x76\x2f\x31\x01", "exr"),  # OpenEXR
    (b"\x59\xa6\x6a\x95", "sun-raster"),
    (b"\xd7\xcd\xc6\x9a", "wmf"),  # placeable Windows metafile
    (b"RE~^", "rar"),  # RAR 1.4
    (b"Obj\x01", "avro"),  # Avro object container file
    (b"MATLAB 5.0 MAT-file", "matlab"),  # (v7.3 files are HDF5 and named so first)
    (b"\xde\x12\x04\x95", "gettext"),  # compiled translations (.mo), little-endian
    (b"\x95\x04\x12\xde", "gettext"),  # and big-endian
    # compressors without a frame the archive sniffers decode (named, not looked into)
    (b"\xff\x06\x00\x00sNaPpY", "snappy"),
    (b"\x02\x21\x4c\x18", "lz4"),  # legacy frame
    (b"LZIP\x01", "lzip"),
    # encrypted containers and messages that carry a header (headerless ones: the entropy test)
    (b"encrcdsa", "encrypted-dmg"),
    (b"age-encryption.org/v1\n", "age"),
    (b"-----BEGIN AGE ENCRYPTED FILE-----", "age"),
    (b"-----BEGIN PGP MESSAGE-----", "pgp"),
    (b"$ANSIBLE_VAULT;", "ansible-vault"),
)
_BY_TWO: Final[dict[bytes, tuple[tuple[bytes, str], ...]]] = {}
for _prefix, _fmt in sorted(_MAGIC, key=lambda m: -len(m[0])):
    _BY_TWO[_prefix[:2]] = (*_BY_TWO.get(_prefix[:2], ()), (_prefix, _fmt))

_FTYP_BRANDS: Final = {
    b"heic": "heic",
    b"heix": "heic",
    b"mif1": "heic",
    b"msf1": "heic",
    b"avif": "heic",
    b"qt  ": "mov",
    b"M4A ": "m4a",
    b"M4B ": "m4a",
    b"3gp4": "3gp",
    b"3gp5": "3gp",
    b"3g2a": "3gp",
}
_RIFF: Final = {b"WAVE": "wav", b"AVI ": "avi", b"WEBP": "webp"}
_IFF: Final = {b"AIFF": found("aiff"), b"AIFC": found("aiff"), b"8SVX": found("8svx")}


def sniff_decisive_magic(p: Probe) -> Identification | None:
    head = p.head
    for prefix, fmt in DECISIVE:
        if head.startswith(prefix):
            return found(fmt)
    return None


def sniff_magic(p: Probe) -> Identification | None:
    """Generic formats by their magic bytes, with a few checks where the magic is short."""
    head = p.head
    for prefix, fmt in _BY_TWO.get(head[:2], ()):
        if head.startswith(prefix):
            return found(fmt)
    if head[4:8] == b"ftyp" and len(head) >= 12:
        return found(_FTYP_BRANDS.get(head[8:12], "mp4"))
    riff = head.startswith(b"RIFF") or head.startswith(b"RIFX")  # RIFX: big-endian
    if riff and head[8:12] in _RIFF:
        return found(_RIFF[head[8:12]])
    if head.startswith(b"FORM"):
        return _IFF.get(head[8:12])
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return found("webm" if b"webm" in head[:64] else "mkv")
    if head.startswith(b"\xca\xfe\xba\xbe") and len(head) >= 8:
        # Java class files and fat Mach-O binaries share a magic; Java's major version >= 45.
        (major,) = struct.unpack_from(">H", head, 6)
        return found("java-class" if major >= 45 else "mach-o")
    if head.startswith(b"MZ") and len(head) >= 64:
        (pe_at,) = struct.unpack_from("<I", head, 60)
        if head[pe_at : pe_at + 4] == b"PE\0\0" or pe_at + 4 > len(head):
            return found("pe")
    if head.startswith(b"BM") and len(head) >= 26:
        (declared,) = struct.unpack_from("<I", head, 2)
        if declared == p.size:
            return found("bmp")
    if head[2:4] == b"\r\n" and len(head) >= 16:
        # Python bytecode: a 16-bit version magic (3000-3999 for Python 3, 62211 for 2.7)
        # then CR LF, then (3.7+) a flags word of 0-3.
        (version,) = struct.unpack_from("<H", head, 0)
        if 3000 <= version < 4000 and struct.unpack_from("<I", head, 4)[0] <= 3:
            return found("python-bytecode")
        if version == 62211:
            return found("python-bytecode")
    return None


_FILETYPE_FORMAT: Final = {
    "jpg": "jpeg",
    "apng": "png",
    "tif": "tiff",
    "cr2": "tiff",
    "m4v": "mp4",
    "mpg": "mpeg",
    "wmv": "mpeg",
    "avif": "heic",
    "odt": "odf",
    "ods": "odf",
    "odp": "odf",
    "xls": "doc",
    "ppt": "doc",
    "gz": "gzip",
    "bz2": "bzip2",
    "zst": "zstd",
    "exe": "pe",
    "dcm": "dicom",
    "br": "zip",
    "deb": "zip",
    "rpm": "zip",
    "ar": "zip",
    "Z": "zip",
    "lz": "zip",
    "lzo": "zip",
}
_FILETYPE_ARCHIVES: Final = {
    "br": "brotli",
    "deb": "deb",
    "rpm": "rpm",
    "ar": "ar",
    "Z": "compress",
}


def sniff_filetype(p: Probe) -> Identification | None:
    """The `filetype` library's magic table, for what ours does not list."""
    import filetype  # lazily: the fast path rarely gets here

    kind = filetype.guess(p.head[:8192])
    if kind is None:
        return None
    ext = kind.extension
    fmt = _FILETYPE_FORMAT.get(ext, ext)
    if fmt in cat.FORMAT_CATEGORY:
        note = f"filetype: {_FILETYPE_ARCHIVES[ext]}" if ext in _FILETYPE_ARCHIVES else ""
        return found(fmt, note or "filetype")
    return Identification(ext, _filetype_category(kind.mime), "filetype")


def _filetype_category(mime: str) -> str:
    top = mime.split("/", 1)[0]
    return {"image": cat.IMAGE, "video": cat.VIDEO, "audio": cat.AUDIO}.get(top, cat.UNKNOWN)


# Magika labels for formats our structural checks decide: when Magika says one of these, our
# check has already failed, so the label is not believed.
_MAGIKA_DISTRUSTED: Final = frozenset(
    {"npy", "npz", "h5", "parquet", "pickle", "pytorch", "iso", "sqlite", "tar", "zip"}
)
_MAGIKA_FORMAT: Final = {
    "qt": "mov",
    "bzip": "bzip2",
    "sevenzip": "7z",
    "pebin": "pe",
    "macho": "mach-o",
    "javabytecode": "java-class",
    "pythonbytecode": "python-bytecode",
    "postscript": "ps",
    "xls": "doc",
    "xlsb": "xlsx",
    "ppt": "doc",
    "odt": "odf",
    "ods": "odf",
    "odp": "odf",
    "txt": "text",
    "markdown": "text",
    "tsv": "csv",
}
_MAGIKA_GROUP: Final = {
    "video": cat.VIDEO,
    "audio": cat.AUDIO,
    "image": cat.IMAGE,
    "document": cat.DOCUMENT,
    "code": cat.TEXT,
    "text": cat.TEXT,
    "executable": cat.EXECUTABLE,
    "archive": cat.ARCHIVE,
}
MAGIKA_MIN_SCORE: Final = 0.9  # below this, a binary label is a guess: better unknown than wrong
_MAGIKA_SAMPLE: Final = 4096  # Magika's model looks at (at most) 4 KiB at each end


class MagikaAdapter:
    """Magika loaded on first use (≈0.1 s) and kept; `None` result when it is unavailable."""

    def __init__(self) -> None:
        self._magika: Any = None
        self._failed = False
        self.calls = 0

    def _load(self) -> Any:
        if self._magika is None and not self._failed:
            try:
                from magika import Magika

                from inspector.core.paths import magika_model_dir  # pathlib, urllib: lazily

                self._magika = Magika(model_dir=magika_model_dir())
            except Exception:  # a broken install must not stop a scan: fall back to unknown
                self._failed = True
        return self._magika

    def identify(self, p: Probe) -> Identification | None:
        magika = self._load()
        if magika is None:
            return None
        head = p.head
        # The first and last 4 KiB are what Magika reads from a file; joining them keeps the
        # reads bounded and reuses the bytes already in hand.
        data = head if p.whole else head[:_MAGIKA_SAMPLE] + p.tail[-_MAGIKA_SAMPLE:]
        self.calls += 1
        result = magika.identify_bytes(data)
        if not result.ok:
            return None
        label = str(result.output.label)
        group = str(result.output.group)
        if result.score < MAGIKA_MIN_SCORE:
            # On odd binaries Magika guesses (3gp, wasm, swf) at 0.5-0.85, and "txt" at 0.1-0.5
            # (ARJ, VOC, ORC, compressed npy): our text check has already said "binary" by now,
            # and a guess must not overrule it.
            return None
        if label in ("unknown", "undefined", "empty") or label in _MAGIKA_DISTRUSTED:
            return None
        fmt = _MAGIKA_FORMAT.get(label, label)
        if fmt in cat.FORMAT_CATEGORY:
            return found(fmt, "magika")
        category = {"sqlite": cat.DATABASE}.get(label) or _MAGIKA_GROUP.get(group, cat.UNKNOWN)
        if category == cat.TEXT:
            fmt = "source" if group == "code" else "text"
        return Identification(fmt, category, f"magika: {label}")
