"""The fixed category vocabulary, which category each format belongs to, and what a file's
extension claims (to spot disguised files). Formats map into exactly one category."""

from __future__ import annotations

from typing import Final

AI_DATASET: Final = "ai-dataset"
AI_MODEL: Final = "ai-model"
ARCHIVE: Final = "archive"
IMAGE: Final = "image"
VIDEO: Final = "video"
AUDIO: Final = "audio"
DOCUMENT: Final = "document"
TEXT: Final = "text"
EXECUTABLE: Final = "executable"
DATABASE: Final = "database"
DISK_IMAGE: Final = "disk-image"
ENCRYPTED: Final = "encrypted"
EMPTY: Final = "empty"
UNKNOWN: Final = "unknown"

CATEGORIES: Final = (
    AI_DATASET,
    AI_MODEL,
    ARCHIVE,
    IMAGE,
    VIDEO,
    AUDIO,
    DOCUMENT,
    TEXT,
    EXECUTABLE,
    DATABASE,
    DISK_IMAGE,
    ENCRYPTED,
    EMPTY,
    UNKNOWN,
)

# How officers read the categories (CLI tables, GUI, reports).
CATEGORY_LABELS: Final[dict[str, str]] = {
    "ai-dataset": "AI datasets",
    "ai-model": "AI models",
    "archive": "Archives",
    "image": "Images",
    "video": "Video",
    "audio": "Audio",
    "document": "Documents",
    "text": "Text",
    "executable": "Programs",
    "database": "Databases",
    "disk-image": "Disk images",
    "encrypted": "Encrypted",
    "empty": "Empty / zero-filled",
    "unknown": "Unknown",
}

# Disk images whose bytes are the disk itself, sector for sector: `inspector scan FILE` can
# attach one read-only and scan what it holds (so can it a fixed VHD: such an image + footer).
RAW_DISK_FORMATS: Final = (
    "ext2",
    "ext3",
    "ext4",
    "vfat",
    "exfat",
    "ntfs",
    "xfs",
    "btrfs",
    "squashfs",
    "partitioned-disk",  # an MBR or GPT partition table: a whole drive
)
ATTACHABLE_FORMATS: Final = frozenset({*RAW_DISK_FORMATS, "iso9660"})  # and a fixed vhd

_FORMATS: Final[dict[str, tuple[str, ...]]] = {
    AI_DATASET: (
        "parquet",
        "arrow",
        "arrow-stream",
        "feather",
        "tfrecord",
        "webdataset",
        "npy",
        "npz",
        "hdf5",
        "jsonl",
        "mds",
        "lmdb",
        "avro",  # row and column stores of the data pipelines that feed training
        "orc",
        "matlab",  # MATLAB's numeric arrays (v7.3 files are HDF5 and named so)
    ),
    AI_MODEL: (
        "safetensors",
        "gguf",
        "ggml",
        "pytorch",
        "onnx",
        "pickle",
        "tflite",
        "keras",
        "tf-savedmodel",
        "tf-checkpoint",
    ),
    ARCHIVE: (
        "zip",
        "tar",
        "7z",
        "rar",
        "gzip",
        "bzip2",
        "xz",
        "zstd",
        "zlib",
        "lz4",
        "snappy",
        "lzip",
        "deflate",
        "cab",
        "jar",
        "lzma",
        "arj",
        "ace",
    ),
    IMAGE: (
        "jpeg",
        "png",
        "gif",
        "webp",
        "tiff",
        "heic",
        "bmp",
        "ico",
        "psd",
        "svg",
        "pcx",
        "tga",
        "qoi",
        "exr",
        "sun-raster",
        "netpbm",
        "sgi",
        "dicom",  # medical scans: pictures, whatever else the file carries
        "emf",
        "wmf",
    ),
    VIDEO: ("mp4", "mov", "mkv", "webm", "avi", "flv", "mpeg", "mpeg-ts", "3gp"),
    AUDIO: (
        "wav",
        "mp3",
        "flac",
        "ogg",
        "m4a",
        "aac",
        "midi",
        "au",
        "aiff",
        "8svx",
        "voc",
        "dsf",
        "dff",
        "hcom",
        "w64",
    ),
    DOCUMENT: ("pdf", "docx", "xlsx", "pptx", "odf", "doc", "rtf", "epub", "ps"),
    TEXT: ("text", "csv", "json", "xml", "html", "source"),
    EXECUTABLE: (
        "elf",
        "pe",
        "mach-o",
        "wasm",
        "dex",
        "java-class",
        "apk",
        "python-bytecode",
        "gettext",  # programs' compiled translations
    ),
    DATABASE: ("sqlite",),
    DISK_IMAGE: (
        "iso9660",
        "qcow2",
        "vmdk",
        "vhd",
        "vhdx",
        "vdi",
        "dmg",
        *RAW_DISK_FORMATS,
    ),
    ENCRYPTED: (
        "luks",
        "bitlocker",
        "encrypted",
        "encrypted-dmg",
        "age",
        "pgp",
        "ansible-vault",
    ),
    EMPTY: ("empty", "zeros"),
    UNKNOWN: ("unknown",),
}

FORMAT_CATEGORY: Final[dict[str, str]] = {
    fmt: category for category, formats in _FORMATS.items() for fmt in formats
}


def category_of(fmt: str) -> str:
    return FORMAT_CATEGORY.get(fmt, UNKNOWN)


# What an extension claims. Extensions that claim nothing in particular (bin, dat, img, ...)
# are absent: a file can only be disguised when its name makes a claim.
_EXTENSIONS: Final[dict[str, list[str]]] = {
    AI_DATASET: [
        "parquet",
        "arrow",
        "feather",
        "ipc",
        "arrows",
        "tfrecord",
        "tfrecords",
        "npy",
        "npz",
        "h5",
        "hdf5",
        "hdf",
        "he5",
        "jsonl",
        "ndjson",
        "jsonl.gz",
        "jsonl.zst",
        "jsonl.zstd",
        "ndjson.gz",
        "ndjson.zst",
        "mds",
        "mdb",
    ],
    AI_MODEL: [
        "safetensors",
        "gguf",
        "ggml",
        "pt",
        "pth",
        "ckpt",
        "onnx",
        "pkl",
        "pickle",
        "tflite",
        "keras",
        "pb",
    ],
    ARCHIVE: [
        "zip",
        "tar",
        "tgz",
        "gz",
        "tar.gz",
        "tar.xz",
        "tar.bz2",
        "tar.zst",
        "7z",
        "rar",
        "bz2",
        "xz",
        "zst",
        "zstd",
        "lz4",
        "snappy",
        "lzip",
        "deflate",
        "cab",
    ],
    IMAGE: [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "tif",
        "tiff",
        "heic",
        "heif",
        "bmp",
        "ico",
        "psd",
        "svg",
        "pcx",
        "tga",
        "qoi",
        "exr",
        "ras",
        "pbm",
        "pgm",
        "ppm",
        "pnm",
        "pam",
        "sgi",
        "rgb",
        "dcm",
        "emf",
        "wmf",
    ],
    VIDEO: [
        "mp4",
        "m4v",
        "mov",
        "mkv",
        "webm",
        "avi",
        "flv",
        "mpg",
        "mpeg",
        "3gp",
        "wmv",
        "m2ts",
        "mts",
    ],
    AUDIO: [
        "wav",
        "mp3",
        "flac",
        "ogg",
        "oga",
        "m4a",
        "aac",
        "mid",
        "midi",
        "opus",
        "dsf",
        "dff",
        "w64",
        "voc",
        "8svx",
    ],
    DOCUMENT: [
        "pdf",
        "docx",
        "xlsx",
        "pptx",
        "odt",
        "ods",
        "odp",
        "doc",
        "xls",
        "ppt",
        "rtf",
        "epub",
        "ps",
    ],
    TEXT: [
        "txt",
        "text",
        "md",
        "rst",
        "csv",
        "tsv",
        "json",
        "xml",
        "html",
        "htm",
        "log",
        "ini",
        "cfg",
        "conf",
        "yaml",
        "yml",
        "toml",
        "py",
        "c",
        "h",
        "cpp",
        "hpp",
        "java",
        "js",
        "ts",
        "go",
        "rs",
        "rb",
        "sh",
        "sql",
        "css",
    ],
    EXECUTABLE: ["exe", "dll", "so", "elf", "dylib", "msi", "class", "wasm", "dex", "pyc", "apk"],
    DATABASE: ["sqlite", "sqlite3", "db"],
    DISK_IMAGE: ["iso", "qcow2", "vmdk", "vhd", "vhdx", "vdi", "dmg"],
}

EXTENSION_CATEGORY: Final[dict[str, str]] = {
    ext: category for category, exts in _EXTENSIONS.items() for ext in exts
}

# Content that legitimately differs in category from its extension's usual claim: a webdataset
# shard is a .tar, jsonl often ships as .json, office files, checkpoints and keras models are
# zips (what a compressor frame holds is allowed by `is_disguised` itself).
_COMPATIBLE: Final[dict[str, frozenset[str]]] = {
    "tar": frozenset({"webdataset"}),
    "zip": frozenset({"npz", "pytorch", "keras", "docx", "xlsx", "pptx", "odf", "epub", "jar"}),
    "json": frozenset({"jsonl", "mds"}),  # an MDS dataset's index.json
    "log": frozenset({"jsonl"}),  # structured logs are JSON lines, not hidden datasets
    "db": frozenset({"lmdb"}),
    "mds": frozenset({"zstd", "gzip"}),
    "pb": frozenset({"text", "source"}),  # a text-format graph saved as .pb (as_text=True)
    "ts": frozenset({"mpeg-ts"}),  # TypeScript sources and MPEG transport streams share it
}
# Extensions that name a compressor: content found inside such a frame (a jsonl in .gz, a
# joblib zlib pickle named .gz) is what the name promised, a compressed file.
_COMPRESSOR_EXTENSIONS: Final = frozenset(
    {"gz", "tgz", "z", "zst", "zstd", "xz", "lzma", "bz2", "lz4", "deflate", "zlib"}
)
_MEDIA: Final = frozenset({IMAGE, VIDEO, AUDIO})


def is_disguised(ext: str, fmt: str, category: str, compressed: bool = False) -> bool:
    """True when the name claims one category and the content is another.

    Unknown and empty content make no counter-claim; image/video/audio confusions (a .mov
    named .mp4) are not hiding anything; known container relations are allowed; a payload
    found inside a compressor frame (`compressed`) in a file named for a compressor is no
    disguise, whatever the payload is.
    """
    claimed = EXTENSION_CATEGORY.get(ext)
    if claimed is None or category in (UNKNOWN, EMPTY) or claimed == category:
        return False
    if compressed and ext.rsplit(".", 1)[-1] in _COMPRESSOR_EXTENSIONS:
        return False
    if claimed in _MEDIA and category in _MEDIA:
        return False
    return fmt not in _COMPATIBLE.get(ext, frozenset())
