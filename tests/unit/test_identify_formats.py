"""Every format of the issue is recognised from real files, also when renamed (disguised)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspector.core.fsview import LocalFS
from inspector.core.identify import Identifier, identify, is_disguised
from inspector.core.identify.checksums import crc32c
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
    ],
)
def test_disguised(files, name, ext, hidden):
    result = _identify(files[name])
    assert is_disguised(ext, result.format, result.category) is hidden


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
