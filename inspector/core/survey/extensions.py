"""File-name extensions as the survey aggregates them (case-folded, double extensions kept)."""

from __future__ import annotations

# Compression suffixes whose inner suffix is worth keeping (`.tar.gz`, `.jsonl.zst`).
_OUTER = frozenset({"gz", "bz2", "xz", "zst", "zstd", "lz4", "br", "lzma", "sz"})
_INNER = frozenset(
    {
        "tar",
        "jsonl",
        "json",
        "ndjson",
        "csv",
        "tsv",
        "txt",
        "parquet",
        "npy",
        "arrow",
        "sql",
        "log",
        "xml",
        "pkl",
        "pickle",
        "nii",
        "warc",
        "mds",
        "tfrecord",
        "bin",
    }
)
MAX_EXT_LEN = 12


def _valid(ext: str) -> bool:
    return 0 < len(ext) <= MAX_EXT_LEN and ext.replace("_", "").replace("-", "").isalnum()


def extension_of(name: str) -> str:
    """Return the case-folded extension of `name` without the dot, or "" when it has none.

    Hidden files (".bashrc") and odd suffixes (spaces, very long, non-alphanumeric) have none.
    """
    dot = name.rfind(".")
    if dot <= 0:
        return ""
    ext = name[dot + 1 :].casefold()
    if not _valid(ext) or not ext.isascii():
        return ""
    if ext in _OUTER:
        inner_dot = name.rfind(".", 0, dot)
        if inner_dot > 0:
            inner = name[inner_dot + 1 : dot].casefold()
            if inner in _INNER:
                return f"{inner}.{ext}"
    return ext


def suffix_decides(suffix: str) -> bool:
    """True when the last suffix alone (".jpg") decides the extension, so it may be cached.

    Outer compression suffixes (".gz") depend on the stem (".tar.gz" vs ".gz").
    """
    return suffix[1:].casefold() not in _OUTER
