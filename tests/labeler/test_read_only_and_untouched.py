"""A file is checked before it is touched; a read-only project is open for viewing.

A zero-byte `.hitl` or a file from a newer version is refused with not one byte changed (it
used to be switched to WAL first). A project on a write-protected drive, or marked read-only,
opens for reading (status, doctor, export work) and every write says so in one plain line,
where it used to be exit 3, "unexpected OperationalError"."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from labeler.annotations import Shape
from labeler.cli import main
from labeler.errors import ReadOnlyProjectError, SchemaTooNewError, StoreError
from labeler.project import Project
from labeler.schema import SCHEMA_VERSION
from labeler.store import Store
from tests.read_only import read_only_file, read_only_folder


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder and its SHA-256: what "untouched" means."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def test_a_zero_byte_file_is_refused_untouched(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.hitl"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="empty"):
        Project.open(path)
    assert main(["status", "-p", str(path)]) == 1
    assert "the project file is empty (0 bytes)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.hitl"]  # no -wal, no -shm
    assert path.stat().st_size == 0


def test_a_newer_file_in_rollback_mode_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.hitl"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = fingerprint(tmp_path)
    with pytest.raises(SchemaTooNewError, match="newer HITL Labeler"):
        Store.open(path)
    assert fingerprint(tmp_path) == before  # still in rollback mode: never switched to WAL
    assert path.read_bytes()[18:20] == b"\x01\x01"


def test_a_damaged_file_is_refused_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.hitl"
    Store(path, create=True, target_version=1).close()
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 16] = b"\xee" * 16  # the head of a page of the file overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"damaged|cannot read"):
        Store.open(path)
    assert path.read_bytes() == bytes(data)  # not migrated, not "repaired"


@pytest.fixture
def labeled(project: Project) -> Path:
    rec = project.queue.next_todo()
    assert rec is not None
    project.work.submit(rec.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
    path = Path(project.path)
    project.close()
    return path


def test_a_read_only_file_opens_for_viewing(labeled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = labeled.read_bytes()
    with read_only_file(labeled):
        with Project.open(labeled) as p:
            assert p.store.readonly and "read-only" in p.store.readonly_reason
            assert p.queue.counts()["submitted"] == 1  # reading works
            rec = p.queue.next_todo()
            assert rec is not None
            with pytest.raises(ReadOnlyProjectError, match="open for viewing only"):
                p.work.submit(rec.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
            with pytest.raises(ReadOnlyProjectError):
                p.work.save_draft(rec.id, [], "Asha")
        assert main(["status", "-p", str(labeled)]) == 0
        assert main(["export", "-p", str(labeled), "-f", "coco", "-o", str(tmp_path / "x")]) == 0
        capsys.readouterr()
        assert main(["scan", "-p", str(labeled)]) == 1
        err = capsys.readouterr().err
        assert "read-only" in err and "copy the project folder" in err and err.count("\n") == 1
        assert main(["workers", "add", "Ravi", "-p", str(labeled)]) == 1
    assert labeled.read_bytes() == before  # (SQLite may leave an empty -wal beside it)


def test_a_project_on_a_write_protected_drive(labeled: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = labeled.parent
    for extra in folder.glob(labeled.name + "-*"):
        extra.unlink()  # closed cleanly: what a copied project folder holds
    before = fingerprint(folder)
    with read_only_folder(folder):
        with Project.open(labeled) as p:
            assert p.store.readonly
            assert p.queue.counts()["submitted"] == 1
            with pytest.raises(ReadOnlyProjectError, match="read-only"):
                p.add_worker("Ravi")
        assert main(["doctor", "-p", str(labeled)]) == 0
        assert "integrity     ok" in capsys.readouterr().out
    assert fingerprint(folder) == before
