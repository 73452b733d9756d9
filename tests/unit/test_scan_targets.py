"""Block devices and images as scan targets: the one-line refusals that need no root."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from inspector.core.errors import BadTargetError
from inspector.core.media import privileged
from inspector.core.media.privileged import LocalRoot, PrivilegeError
from inspector.core.scan.target import scan_target
from inspector.core.scan.tree import ScanOptions


def test_a_file_too_small_to_be_a_disk(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("plain text\n" * 20)
    with pytest.raises(BadTargetError, match="too small to be a disk"):
        scan_target(str(junk), ScanOptions(budget_s=0))


def test_without_root_the_message_says_what_is_needed(tmp_path, monkeypatch):
    if not shutil.which("mkfs.vfat"):
        pytest.skip("mkfs.vfat (dosfstools) is not installed")
    image = tmp_path / "stick.img"
    with open(image, "wb") as f:
        f.truncate(8 << 20)
    subprocess.run(["mkfs.vfat", str(image)], check=True, capture_output=True)
    monkeypatch.setattr(privileged.os, "geteuid", lambda: 1000)
    monkeypatch.setenv(privileged.ESCALATE_ENV, "no-such-pkexec")  # whether pkexec is here or not
    with pytest.raises(PrivilegeError) as exc:
        scan_target(str(image), ScanOptions(budget_s=0))
    message = str(exc.value)
    assert "needs root" in message and "sudo" in message and "\n" not in message
    assert "no-such-pkexec" in message
    with pytest.raises(PrivilegeError):
        LocalRoot()


def test_a_small_folder_is_identified_whole_in_one_walk_without_a_sample(tmp_path, monkeypatch):
    """The pilot's descents list every directory of a small tree: it then identifies each file
    once (exact shares) instead of drawing thousands of samples over a handful of files."""
    from inspector.core.content import sampling  # scan_tree imports it when it samples

    for d in range(3):
        (tmp_path / f"d{d}").mkdir()
        for f in range(4):
            (tmp_path / f"d{d}" / f"f{f}.txt").write_text("hello\n" * (d + f + 1))

    def no_sampling(*args: object, **kwargs: object) -> object:
        raise AssertionError("a tree the pilot saw whole was sampled")

    monkeypatch.setattr(sampling, "survey_and_sample", no_sampling)
    result = scan_target(str(tmp_path), ScanOptions(budget_s=5, seed=1))
    assert result.complete
    assert result.content.method == "full"
    assert result.survey.files == 12
    assert [c.category for c in result.content.categories] == ["text"]
