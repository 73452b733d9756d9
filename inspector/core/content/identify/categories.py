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
    ),
    IMAGE: ("jpeg", "png", "gif", "webp", "tiff", "heic", "bmp", "ico", "psd", "svg"),
    VIDEO: ("mp4", "mov", "mkv", "webm", "avi", "flv", "mpeg", "3gp"),
    AUDIO: ("wav", "mp3", "flac", "ogg", "m4a", "aac", "midi", "au", "aiff"),
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
    DISK_IMAGE: ("iso9660", "qcow2", "vmdk", "vhd", "vhdx", "dmg"),
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
    ],
    VIDEO: ["mp4", "m4v", "mov", "mkv", "webm", "avi", "flv", "mpg", "mpeg", "3gp", "wmv"],
    AUDIO: ["wav", "mp3", "flac", "ogg", "oga", "m4a", "aac", "mid", "midi", "opus"],
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
    DISK_IMAGE: ["iso", "qcow2", "vmdk", "vhd", "vhdx", "dmg"],
}

EXTENSION_CATEGORY: Final[dict[str, str]] = {
    ext: category for category, exts in _EXTENSIONS.items() for ext in exts
}

# Content that legitimately differs in category from its extension's usual claim: a webdataset
# shard is a .tar, jsonl often ships as .json or .gz, office files, checkpoints and keras models
# are zips.
_COMPATIBLE: Final[dict[str, frozenset[str]]] = {
    "tar": frozenset({"webdataset"}),
    "gz": frozenset({"jsonl", "tfrecord", "webdataset"}),
    "tgz": frozenset({"webdataset"}),
    "tar.gz": frozenset({"webdataset"}),
    "zst": frozenset({"jsonl", "webdataset"}),
    "zstd": frozenset({"jsonl", "webdataset"}),
    "tar.zst": frozenset({"webdataset"}),
    "xz": frozenset({"jsonl"}),
    "bz2": frozenset({"jsonl"}),
    "zip": frozenset({"npz", "pytorch", "keras", "docx", "xlsx", "pptx", "odf", "epub", "jar"}),
    "json": frozenset({"jsonl", "mds"}),  # an MDS dataset's index.json
    "log": frozenset({"jsonl"}),  # structured logs are JSON lines, not hidden datasets
    "db": frozenset({"lmdb"}),
    "mds": frozenset({"zstd", "gzip"}),
    "pb": frozenset({"text", "source"}),  # a text-format graph saved as .pb (as_text=True)
}
_MEDIA: Final = frozenset({IMAGE, VIDEO, AUDIO})


def is_disguised(ext: str, fmt: str, category: str) -> bool:
    """True when the name claims one category and the content is another.

    Unknown and empty content make no counter-claim; image/video/audio confusions (a .mov
    named .mp4) are not hiding anything; known container relations are allowed.
    """
    claimed = EXTENSION_CATEGORY.get(ext)
    if claimed is None or category in (UNKNOWN, EMPTY) or claimed == category:
        return False
    if claimed in _MEDIA and category in _MEDIA:
        return False
    return fmt not in _COMPATIBLE.get(ext, frozenset())
