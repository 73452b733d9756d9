"""Archive variants that real writers produce: tars that are grouped <stem>.<ext> without being
webdataset shards, gzip files of several members, and torch.export (.pt2) zips."""

from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import zipfile
from pathlib import Path

import pytest

from inspector.core.content.identify import Identifier
from inspector.core.content.identify.archives import FIRST_PREFIX, _gunzip, webdataset_like
from inspector.core.survey.fsview import LocalFS

rng = random.Random(7)


def _identify(path: Path) -> tuple[str, str, str]:
    result = Identifier(LocalFS()).identify(str(path), path.stat().st_size)
    assert not result.warning, result
    return result.format, result.category, result.note


def _tar(names: list[str], *, size: int = 300, fmt: int = tarfile.USTAR_FORMAT) -> bytes:
    """A tar of `names` in the order given; names ending in "/" are directory entries."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for name in names:
            info = tarfile.TarInfo(name.rstrip("/"))
            if name.endswith("/"):
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = size
                tar.addfile(info, io.BytesIO(rng.randbytes(size)))
    return buf.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- tars grouped by stem that are not shards -----------------------------------------------

_STEMS = ["__init__", "_array_utils_impl", "_arraypad_impl", "_arraysetops_impl", "_datasource"]
NOT_SHARDS = {
    # tarfile.add() of a directory and `tar --sort=name` list a package's .py/.pyi side by side
    "typed_python_tree": ["lib/"] + [f"lib/{s}.{e}" for s in _STEMS for e in ("py", "pyi")],
    "pyarrow_package": [
        "pyarrow/",
        "pyarrow/__init__.pxd",
        "pyarrow/__init__.py",
        "pyarrow/_acero.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_acero.pxd",
        "pyarrow/_acero.pyx",
        "pyarrow/_azurefs.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_azurefs.pyx",
        "pyarrow/_compute.cpython-311-x86_64-linux-gnu.so",
        "pyarrow/_compute.pxd",
        "pyarrow/_compute.pyx",
    ],
    "c_project": [f"src/{s}.{e}" for s in ("hash", "lexer", "parser", "util") for e in "ch"],
    "objects_beside_sources": [f"build/{s}.{e}" for s in ("a", "b", "c", "d") for e in "co"],
    "photos_with_xmp": ["photos/"]
    + [f"photos/IMG_{i:04d}.{e}" for i in range(6) for e in ("jpg", "xmp")],
    "office_exports": [
        f"{s}.{e}" for s in ("budget", "notes", "report", "slides") for e in ("docx", "pdf")
    ],
    "spreadsheets_and_pdfs": [f"q{i}.{e}" for i in range(1, 5) for e in ("pdf", "xlsx")],
    "google_takeout": [
        f"Takeout/Google Photos/IMG_{i:04d}.{e}" for i in range(6) for e in ("jpg", "jpg.json")
    ],
    "google_takeout_supplemental": [
        f"IMG_{i:04d}.{e}" for i in range(6) for e in ("jpg", "jpg.supplemental-metadata.json")
    ],
    "live_photos": [f"IMG_{i:04d}.{e}" for i in range(6) for e in ("HEIC", "MOV")],
    "live_photos_jpg": [f"IMG_{i:04d}.{e}" for i in range(6) for e in ("JPG", "MOV")],
    "web_assets": [f"static/{s}.{e}" for s in _STEMS for e in ("png", "webp")],
    "photo_exports": [f"export/IMG_{i:04d}.{e}" for i in range(6) for e in ("JPG", "tif")],
}


@pytest.mark.parametrize("layout", sorted(NOT_SHARDS))
def test_grouped_tree_is_a_tar(tmp_path, layout):
    path = _write(tmp_path, f"{layout}.tar", _tar(NOT_SHARDS[layout]))
    assert _identify(path)[:2] == ("tar", "archive")


def test_sorted_source_tree_in_pax_format_is_a_tar(tmp_path):
    # Python's tarfile default (pax) and a long path on every member
    names = [f"{'numpy-2.x/' * 12}{s}.{e}" for s in _STEMS for e in ("py", "pyi")]
    path = _write(tmp_path, "src.tar", _tar(names, fmt=tarfile.PAX_FORMAT))
    assert _identify(path)[:2] == ("tar", "archive")


def test_sdist_tar_gz_is_not_ai_data(tmp_path):
    names = ["numpy-2.x/numpy/_core/"]
    names += [f"numpy-2.x/numpy/_core/{s}.{e}" for s in _STEMS for e in ("py", "pyi")]
    path = _write(tmp_path, "numpy-2.x.tar.gz", gzip.compress(_tar(names), mtime=0))
    assert _identify(path) == ("gzip", "archive", "tar inside")


# ---- webdataset shards ----------------------------------------------------------------------


def _shard(fields: tuple[str, ...], samples: int = 6, prefix: str = "") -> list[str]:
    return [f"{prefix}{i:06d}.{field}" for i in range(samples) for field in fields]


SHARDS = {
    "two_fields": _shard(("cls", "jpg")),
    "three_fields": _shard(("cls", "jpg", "json")),
    "five_fields": _shard(("cls", "jpg", "json", "npy", "txt")),
    "multipart_fields": _shard(("cls", "input.npy", "seg.png")),
    "multipart_target_metadata": _shard(("jpg", "metadata.json", "target.cls")),
    "same_type_two_fields": _shard(("input.npy", "target.npy")),
    "audio": _shard(("flac", "json")),
    "video": _shard(("mp4", "txt")),
    "tensors": _shard(("pth", "pyd")),
    "keys_in_a_directory": _shard(("cls", "jpg"), prefix="train/"),
    "leading_directory_entry": ["wds/", *_shard(("cls", "jpg", "json"), prefix="wds/")],
    "upper_case_extensions": _shard(("CLS", "JPG")),
    "one_custom_field": _shard(("jpg", "json", "lbl")),
    "one_sample": _shard(("jpg", "txt"), samples=1),
}


@pytest.mark.parametrize("layout", sorted(SHARDS))
def test_shard_is_webdataset(tmp_path, layout):
    path = _write(tmp_path, f"{layout}.tar", _tar(SHARDS[layout]))
    assert _identify(path) == ("webdataset", "ai-dataset", "tar shard")


def test_shard_in_pax_format_is_webdataset(tmp_path):
    path = _write(tmp_path, "shard.tar", _tar(SHARDS["three_fields"], fmt=tarfile.PAX_FORMAT))
    assert _identify(path) == ("webdataset", "ai-dataset", "tar shard")


@pytest.mark.parametrize("layout", ["three_fields", "multipart_fields", "five_fields"])
def test_gzipped_shard_is_webdataset(tmp_path, layout):
    path = _write(tmp_path, "shard.tar.gz", gzip.compress(_tar(SHARDS[layout]), mtime=0))
    assert _identify(path) == ("webdataset", "ai-dataset", "gzip")


@pytest.mark.parametrize(
    ("names", "shard"),
    [
        ([b"a.cls", b"a.jpg", b"b.cls", b"b.jpg"], True),
        ([b"a.seg.png", b"a.input.npy", b"b.seg.png", b"b.input.npy"], True),
        ([b"a.py", b"a.pyi", b"b.py", b"b.pyi"], False),
        ([b"a.jpg", b"a.xmp", b"b.jpg", b"b.xmp"], False),  # one field and a sidecar
        ([b"a.jpg", b"a.jpg.json", b"b.jpg", b"b.jpg.json"], False),  # Takeout
        ([b"a.jpg", b"a.meta.json", b"b.jpg", b"b.meta.json"], True),  # a named json field
        ([b"a.png", b"a.webp", b"b.png", b"b.webp"], False),  # one picture, two encodings
        ([b"a.jpg", b"a.seg.png", b"b.jpg", b"b.seg.png"], True),  # an image and its mask
        ([b"a.png", b"a.webp", b"a.txt", b"b.png", b"b.webp", b"b.txt"], True),  # and a caption
        ([b"a.cls", b"a.jpg", b"b.cls", b"a.txt"], False),  # key a not adjacent
        ([b"a.cls", b"b.cls", b"c.cls", b"d.cls"], False),  # one file per key
        ([b"a.cls", b"a.jpg", b"b.py", b"c.py", b"d.py"], False),  # too few grouped keys
    ],
)
def test_webdataset_like(names, shard):
    assert webdataset_like(names) is shard


# ---- gzip files of several members ----------------------------------------------------------


def _records(n: int, start: int = 0) -> list[bytes]:
    return [
        json.dumps({"id": i, "text": f"record {i} " + "lorem ipsum " * 40}).encode() + b"\n"
        for i in range(start, start + n)
    ]


def test_multi_member_jsonl_gz_first_member_one_record(tmp_path):
    # `cat one.jsonl.gz rest.jsonl.gz`: the first member ends after one record
    data = gzip.compress(b"".join(_records(1)), mtime=0)
    data += gzip.compress(b"".join(_records(200, 1)), mtime=0)
    path = _write(tmp_path, "data.jsonl.gz", data)
    assert _identify(path) == ("jsonl", "ai-dataset", "gzip")


def test_jsonl_gz_written_one_record_per_member(tmp_path):
    data = b"".join(gzip.compress(record, mtime=0) for record in _records(300))
    path = _write(tmp_path, "records.gz", data)
    assert _identify(path) == ("jsonl", "ai-dataset", "gzip")


def test_jsonl_gz_with_zero_padding_after_its_member(tmp_path):
    data = gzip.compress(b"".join(_records(50)), mtime=0) + b"\0" * 1024  # tape padding
    path = _write(tmp_path, "padded.jsonl.gz", data)
    assert _identify(path) == ("jsonl", "ai-dataset", "gzip")


def test_shard_gzipped_in_two_members_is_webdataset(tmp_path):
    tar = _tar(SHARDS["three_fields"], size=100)
    data = gzip.compress(tar[:700], mtime=0) + gzip.compress(tar[700:], mtime=0)
    path = _write(tmp_path, "shard.tar.gz", data)
    assert _identify(path) == ("webdataset", "ai-dataset", "gzip")


def test_multi_member_gzip_of_binary_stays_gzip(tmp_path):
    data = gzip.compress(rng.randbytes(100), mtime=0) + gzip.compress(rng.randbytes(9000))
    path = _write(tmp_path, "blob.gz", data)
    assert _identify(path) == ("gzip", "archive", "")


def test_multi_member_gunzip_is_bounded_by_the_limit():
    payload = b"".join(_records(100))
    data = b"".join(gzip.compress(payload[i : i + 500], mtime=0) for i in range(0, 20_000, 500))
    assert _gunzip(data, FIRST_PREFIX) == payload[:FIRST_PREFIX]
    assert _gunzip(data, 10) == payload[:10]
    assert _gunzip(data + b"garbage", 1 << 20) == payload[:20_000]


# ---- torch.export archives (.pt2) -----------------------------------------------------------

PT2_LAYOUT = [  # torch.export.save, torch 2.6+ (as written by 2.13)
    "exported_program/data/weights/weight_0",
    "exported_program/data/weights/weight_1",
    "exported_program/data/weights/model_weights_config.json",
    "exported_program/data/constants/model_constants_config.json",
    "exported_program/models/model.json",
    "exported_program/data/sample_inputs/model.pt",
    "exported_program/archive_format",
    "exported_program/archive_version",
    "exported_program/.data/version",
    "exported_program/byteorder",
    "exported_program/.data/serialization_id",
]


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name in names:
            zf.writestr(name, b"pt2" if name.endswith("archive_format") else rng.randbytes(40))
    return buf.getvalue()


@pytest.mark.parametrize(
    "names",
    [
        PT2_LAYOUT,
        [n.replace("exported_program/", "model/") for n in PT2_LAYOUT],
        ["archive_format", "archive_version", "models/model.json", "data/weights/weight_0"],
        # AOTInductor package (aoti_compile_and_package)
        ["package/archive_format", "package/data/aotinductor/model/model.wrapper.so"],
        # torch.export.save before torch 2.6
        [
            "ep/serialized_exported_program.json",
            "ep/serialized_state_dict.pt",
            "ep/serialized_constants.pt",
            "ep/version",
        ],
    ],
)
def test_torch_export_archive_is_pytorch(tmp_path, names):
    path = _write(tmp_path, "model.pt2", _zip(names))
    assert _identify(path) == ("pytorch", "ai-model", "torch.export archive")


@pytest.mark.parametrize(
    "names",
    [
        ["docs/archive_format", "docs/readme.txt"],  # the marker alone
        ["my_archive_format", "models/model.json"],  # not the marker file
        ["a/archive_format", "b/models/model.json"],  # under another root
        ["serialized_exported_program.json", "notes.txt"],
    ],
)
def test_zip_with_partial_torch_export_names_is_a_zip(tmp_path, names):
    path = _write(tmp_path, "files.zip", _zip(names))
    assert _identify(path) == ("zip", "archive", "")


def test_torch_save_zip_is_still_a_checkpoint(tmp_path):
    names = ["archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/version"]
    path = _write(tmp_path, "model.pt", _zip(names))
    assert _identify(path) == ("pytorch", "ai-model", "zip checkpoint")
