"""Every format of the issue is recognised from real files, also when renamed (disguised)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspector.core.content.identify import Identifier, identify, is_disguised
from inspector.core.content.identify.checksums import crc32c
from inspector.core.survey.fsview import LocalFS
from tests.unit import corpus


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return corpus.build(tmp_path_factory.mktemp("corpus"))


def _identify(path: Path):
    return identify(LocalFS(), str(path), path.stat().st_size)


@pytest.mark.parametrize("name", sorted(corpus.EXPECTED))
def test_recognised(files, name):
    fmt, category = corpus.EXPECTED[name]
    result = _identify(files[name])
    assert (result.format, result.category) == (fmt, category), result
    assert not result.warning


# Structural formats, renamed: the name must not matter (MDS shards and index.json are judged
# with their directory, so they stay where they are).
RENAMED = sorted(set(corpus.EXPECTED) - {"mds", "mds-index"})


@pytest.mark.parametrize("name", RENAMED)
def test_recognised_when_renamed(files, name, tmp_path):
    fmt, category = corpus.EXPECTED[name]
    for new_name in ("holiday.jpg", "notes.txt", "noextension"):
        copy = tmp_path / new_name
        shutil.copyfile(files[name], copy)
        result = _identify(copy)
        assert (result.format, result.category) == (fmt, category), (new_name, result)


@pytest.mark.parametrize(
    ("name", "ext", "hidden"),
    [
        ("parquet", "jpg", True),
        ("safetensors", "txt", True),
        ("encrypted", "mp4", True),
        ("webdataset", "tar", False),
        ("jsonl-zst", "zst", False),
        ("npz", "zip", False),
        ("pytorch", "pt", False),
        ("jpeg", "png", False),  # a media confusion hides nothing
        ("empty", "jpg", False),
        ("text", "bin", False),  # .bin claims nothing
        ("jsonl", "log", False),  # structured logs
        ("jsonl", "txt", True),
    ],
)
def test_disguised(files, name, ext, hidden):
    result = _identify(files[name])
    compressed = bool(result.inside)
    assert is_disguised(ext, result.format, result.category, compressed=compressed) is hidden


def test_crc32c_check_value():
    assert crc32c(b"123456789") == 0xE3069283  # the published CRC-32C check value


def test_magika_only_for_what_cheap_checks_cannot_name(files):
    identifier = Identifier(LocalFS())
    assert identifier.magika is not None
    before = identifier.magika.calls
    for name in corpus.EXPECTED:
        path = files[name]
        identifier.identify(str(path), path.stat().st_size)
    assert identifier.magika.calls == before


def test_magika_names_what_we_do_not(tmp_path):
    path = tmp_path / "page"
    # UTF-16 text: not UTF-8, no magic of ours or filetype's; Magika reads it.
    path.write_bytes("<html><body>bonjour tout le monde</body></html>\n".encode("utf-16") * 20)
    result = _identify(path)
    assert result.category == "text", result


def test_mds_shard_without_config_and_renamed(tmp_path):
    """The layout check alone names a shard moved away from its index.json."""
    samples = [b"\x05\0\0\0hello" for _ in range(30)]
    for config in (b"", b'{"format": "mds"}'):
        path = tmp_path / "renamed.bin"
        path.write_bytes(corpus.mds_shard_bytes(samples, config))
        assert _identify(path).format == "mds"


def test_compressed_mds_shard_is_named_by_its_index(tmp_path):
    import zstandard

    corpus.mds(tmp_path / "ds")
    raw = (tmp_path / "ds" / "shard.00000.mds").read_bytes()
    zipped = tmp_path / "ds" / "shard.00001.mds.zstd"
    zipped.write_bytes(zstandard.ZstdCompressor().compress(raw))
    result = _identify(zipped)
    assert (result.format, result.category) == ("mds", "ai-dataset")


def test_every_format_maps_into_the_fixed_vocabulary():
    from inspector.core.content.identify.categories import (
        CATEGORIES,
        EXTENSION_CATEGORY,
        FORMAT_CATEGORY,
    )

    assert set(FORMAT_CATEGORY.values()) <= set(CATEGORIES)
    assert set(EXTENSION_CATEGORY.values()) <= set(CATEGORIES)
    for fmt, category in set(corpus.EXPECTED.values()):
        assert FORMAT_CATEGORY[fmt] == category


def test_every_format_a_sniffer_can_name_has_a_category():
    """Format names in the sniffers' tables must be in the vocabulary map (else they would be
    reported as 'unknown' category)."""
    import re

    from inspector.core.content.identify import generic
    from inspector.core.content.identify.categories import FORMAT_CATEGORY

    source = Path(generic.__file__).parent
    names = set()
    for module in source.glob("*.py"):
        names |= set(re.findall(r'found\(\s*"([^"]+)"', module.read_text()))
    names |= {fmt for _, fmt in generic._MAGIC}
    names |= set(generic._FTYP_BRANDS.values()) | set(generic._RIFF.values())
    names |= set(generic._FILETYPE_FORMAT.values()) | set(generic._MAGIKA_FORMAT.values())
    assert names - set(FORMAT_CATEGORY) == set()


def test_python_bytecode(tmp_path):
    import py_compile

    source = tmp_path / "m.py"
    source.write_text("x = 1\n")
    compiled = py_compile.compile(str(source), cfile=str(tmp_path / "m.pyc"))
    result = _identify(Path(compiled))
    assert (result.format, result.category) == ("python-bytecode", "executable")


def test_webdataset_with_long_pax_names(tmp_path):
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for i in range(6):
            for ext in ("jpg", "json"):
                info = tarfile.TarInfo(f"{'deep/' * 30}sample{i:04d}.{ext}")  # > 100 bytes
                info.size = 3
                tar.addfile(info, io.BytesIO(b"abc"))
    path = tmp_path / "shard.tar"
    path.write_bytes(buf.getvalue())
    assert _identify(path).format == "webdataset"


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        # byte 8 is "{" and byte 9 '"', as in a safetensors header, but this is JSON lines
        (b'{"text":{"a":1}}\n{"text":{"a":2}}\n', "jsonl"),
        (b"GGUF models are quantised weights.\n" * 3, "text"),
        (b"PAR1 is the parquet magic\n", "text"),
    ],
)
def test_text_that_starts_like_a_header_is_text(tmp_path, content, fmt):
    path = tmp_path / "notes"
    path.write_bytes(content)
    result = _identify(path)
    assert result.format == fmt and not result.warning


@pytest.mark.parametrize("protocol", [2, 3, 4, 5])
@pytest.mark.parametrize("obj", [{"w": [1.5, 2.5]}, [1, 2], (1, "a"), "text", b"raw", 2**40, {1}])
def test_pickles_of_every_protocol(tmp_path, protocol, obj):
    import pickle

    path = tmp_path / "state.bin"
    path.write_bytes(pickle.dumps(obj, protocol=protocol))
    assert _identify(path).format == "pickle"


def test_compressed_shard_needs_a_real_index(tmp_path):
    import zstandard

    corpus.mds(tmp_path / "ds")
    raw = (tmp_path / "ds" / "shard.00000.mds").read_bytes()
    (tmp_path / "ds" / "index.json").write_text('{"not": "an mds index"}')
    zipped = tmp_path / "ds" / "shard.00001.mds.zstd"
    zipped.write_bytes(zstandard.ZstdCompressor().compress(raw))
    assert _identify(zipped).format == "zstd"


def test_every_category_has_a_label_for_officers():
    from inspector.core.content.identify.categories import CATEGORIES, CATEGORY_LABELS

    assert set(CATEGORY_LABELS) == set(CATEGORIES)


def test_lmdb_lock_file_and_compressed_pickle(tmp_path):
    import pickle
    import struct
    import zlib

    lock = tmp_path / "lock.mdb"
    lock.write_bytes(struct.pack("<II", 0xBEEFC0DE, 0x1002) + bytes(8184))
    assert _identify(lock).format == "lmdb"
    packed = tmp_path / "model.joblib"
    packed.write_bytes(zlib.compress(pickle.dumps({"coef": list(range(300))}, protocol=4)))
    assert _identify(packed).format == "pickle"
