"""The project file: WAL and durability settings, one writer and many readers, meta, and
clear errors for files that are not (or no longer) projects."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from labeler.errors import IntegrityError, StoreError
from labeler.project import Project
from labeler.store import Store


def test_wal_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    with Store(tmp_path / "s.hitl", create=True) as s:
        assert s.scalar("PRAGMA journal_mode") == "wal"
        assert s.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        with pytest.raises(Exception, match="FOREIGN KEY"):
            s.execute(
                "INSERT INTO drafts (image_id, shapes, started_at, updated_at)"
                " VALUES (999, '[]', 'x', 'x')"
            )


def test_create_and_open_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no project file here"):
        Store.open(tmp_path / "absent.hitl")
    Store(tmp_path / "s.hitl", create=True).close()
    with pytest.raises(StoreError, match="already exists"):
        Store(tmp_path / "s.hitl", create=True)
    (tmp_path / "empty.hitl").write_bytes(b"")
    with pytest.raises(StoreError, match="the project file is empty"):
        Store.open(tmp_path / "empty.hitl")
    (tmp_path / "photo.hitl").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    with pytest.raises(StoreError, match="not a HITL Labeler project file"):
        Store.open(tmp_path / "photo.hitl")
    bare = Store(tmp_path / "bare.hitl", create=True)
    with pytest.raises(StoreError, match="not a HITL Labeler project"):
        Project(bare)
    bare.close()


def test_meta_and_transactions_roll_back_whole(tmp_path: Path) -> None:
    with Store(tmp_path / "s.hitl", create=True) as s:
        s.set_meta("name", "one")
        s.set_meta("name", "two")
        assert s.get_meta("name") == "two" and s.get_meta("nope", "dflt") == "dflt"
        with pytest.raises(RuntimeError), s.write():
            s.execute("INSERT INTO meta VALUES ('a', '1')")
            with s.write():  # nested: a savepoint inside the same transaction
                s.execute("INSERT INTO meta VALUES ('b', '2')")
            raise RuntimeError("power cut in the middle")
        assert s.get_meta("a") is None and s.get_meta("b") is None


def test_readers_see_only_committed_work_while_the_writer_writes(tmp_path: Path) -> None:
    with Store(tmp_path / "s.hitl", create=True) as s:
        s.set_meta("count", "0")
        inside = threading.Event()
        release = threading.Event()
        seen: list[str | None] = []
        errors: list[BaseException] = []

        def writer() -> None:
            try:
                with s.write():
                    s.execute("UPDATE meta SET value = '1' WHERE key = 'count'")
                    inside.set()
                    release.wait(10)
            except BaseException as exc:
                errors.append(exc)

        def reader() -> None:
            seen.append(s.get_meta("count"))

        w = threading.Thread(target=writer)
        w.start()
        assert inside.wait(10)
        readers = [threading.Thread(target=reader) for _ in range(4)]
        for r in readers:
            r.start()
        for r in readers:
            r.join(10)
        assert seen == ["0"] * 4  # not blocked, and never the half-done transaction
        release.set()
        w.join(10)
        assert not errors
        assert s.get_meta("count") == "1"


def test_damage_is_found(tmp_path: Path) -> None:
    path = tmp_path / "s.hitl"
    with Store(path, create=True) as s, s.write() as db:
        db["meta"].insert_all({"key": f"k{i}", "value": "v" * 200} for i in range(2000))
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    for at in range(5 * page, len(data) - page, 3 * page):  # scribble over many pages
        data[at + 100 : at + 600] = b"\x07" * 500
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        Store.open(path).check_integrity()
    assert isinstance(err.value, (IntegrityError, StoreError))
    assert str(path.resolve()) in str(err.value)
