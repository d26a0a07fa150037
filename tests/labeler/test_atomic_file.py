"""The one durable write every whole file goes through."""

import os
import stat
from pathlib import Path

import pytest

from labeler.atomic_file import write_atomic


def test_new_content_replaces_old_whole(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "f.json"
    write_atomic(target, "old")
    write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


def test_a_failed_rename_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.txt"
    write_atomic(target, "old")

    def cut(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", cut)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_private_files_are_owner_only(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "secret.key", "s3cret", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
