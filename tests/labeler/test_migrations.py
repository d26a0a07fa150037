"""Opening a project file written by an older program keeps all its data; a file from a
newer program is refused untouched; a damaged file gives a clear error."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from labeler import annotations as ann
from labeler.annotations import Shape
from labeler.cli import main
from labeler.errors import SchemaTooNewError, StoreError
from labeler.project import Project
from labeler.quality.records import Flag
from labeler.schema import MIGRATIONS, SCHEMA_VERSION
from labeler.store import Store
from tests.conftest import TAXONOMY_TEXT, make_images

TABLES_V1 = {"meta", "taxonomy_versions", "workers", "images", "drafts", "submissions", "proposals"}


def _tables(store: Store) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}


def _dump(store: Store) -> dict[str, list[dict]]:
    """The version 1 tables; columns later versions added (empty for old rows) left out."""
    out = {}
    for t in sorted(TABLES_V1):
        rows = store.query(f"SELECT * FROM {t} ORDER BY rowid")
        added = ADDED_COLUMNS.get(t, ())
        assert all(r[c] is None for r in rows for c in added)
        out[t] = [{k: v for k, v in r.items() if k not in added} for r in rows]
    return out


ADDED_COLUMNS = {"drafts": ("rejected",)}  # 8: rejected suggestions kept with the draft


def _raw_dump(path: Path) -> dict[str, list[dict]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        return {
            t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
            for t in sorted(TABLES_V1)
        }
    finally:
        conn.close()


S1 = "00000000-0000-4000-8000-000000000001"  # uuids as the program writes them
S2 = "00000000-0000-4000-8000-000000000002"


def make_v1_project(tmp_path: Path) -> Path:
    """A project as version 1 of the program left it: images, a draft, two revisions of a
    submission and a proposal, written with that version's schema only."""
    from labeler import taxonomy

    images = make_images(tmp_path / "images", 3)
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in images]
    path = tmp_path / "old.hitl"
    with Store(path, create=True, target_version=1) as s:
        assert s.schema_version == 1
        assert _tables(s) == TABLES_V1
        tax = taxonomy.parse(TAXONOMY_TEXT)
        t = "2025-01-02T03:04:05.000Z"
        with s.write() as db:
            db["meta"].insert_all(
                [
                    {"key": "project_id", "value": "p-1"},
                    {"key": "name", "value": "Old project"},
                    {"key": "image_root", "value": "images"},
                    {"key": "kind", "value": "boxes"},
                    {"key": "device_id", "value": "dev-1"},
                    {"key": "created_at", "value": t},
                ]
            )
            db["taxonomy_versions"].insert(
                {"version": 1, "created_at": t, "source": "", "taxonomy": tax.to_json()}
            )
            db["workers"].insert({"name": "Asha", "created_at": t, "settings": '{"zoom": 2}'})
            for i, (p, d) in enumerate(zip(images, digests, strict=True)):
                db["images"].insert(
                    {
                        "id": i + 1,
                        "path": p.name,
                        "seq": i + 1,
                        "size": p.stat().st_size,
                        "mtime_ns": p.stat().st_mtime_ns,
                        "width": 64,
                        "height": 48,
                        "format": "JPEG",
                        "sha256": d,
                        "status": ["submitted", "in_progress", "flagged"][i],
                        "added_at": t,
                    }
                )
            db["drafts"].insert(
                {
                    "image_id": 2,
                    "worker": "Asha",
                    "shapes": ann.dumps([Shape.box("house", 1, 1, 9, 9)]),
                    "started_at": t,
                    "updated_at": t,
                }
            )
            base = {
                "image_id": 1,
                "image_sha256": digests[0],
                "image_path": images[0].name,
                "width": 64,
                "height": 48,
                "taxonomy_version": 1,
                "worker": "Asha",
                "device_id": "dev-1",
                "started_at": t,
                "duration_ms": 1200,
            }
            db["submissions"].insert(
                {**base, "uuid": S1, "shapes": ann.dumps([Shape.box("tree", 1, 1, 5, 5)]),
                 "submitted_at": t, "revision": 1, "supersedes": None}
            )  # fmt: skip
            db["submissions"].insert(
                {**base, "uuid": S2, "shapes": ann.dumps([Shape.box("tree", 2, 2, 6, 6)]),
                 "submitted_at": t, "revision": 2, "supersedes": S1}
            )  # fmt: skip
            db["proposals"].insert(
                {
                    "uuid": "p-1",
                    "image_id": 3,
                    "image_sha256": digests[2],
                    "image_path": images[2].name,
                    "name": "tractor",
                    "reason": "machines",
                    "region": None,
                    "taxonomy_version": 1,
                    "worker": "Asha",
                    "device_id": "dev-1",
                    "created_at": t,
                }
            )
    return path


def test_version_1_file_opens_with_everything_kept(tmp_path: Path) -> None:
    path = make_v1_project(tmp_path)
    before = _raw_dump(path)  # read with plain sqlite3: no migration runs
    assert before["submissions"] and before["images"]
    with Project.open(path) as p:
        assert p.store.schema_version == SCHEMA_VERSION
        assert _tables(p.store) >= TABLES_V1 | {"delivery"}
        after = _dump(p.store)
        for row in after["proposals"]:  # version 8 added each proposal's picture: none here
            assert row.pop("crop") is None and row.pop("crop_state") is None
        assert after == before
        assert p.name == "Old project" and p.device_id == "dev-1"
        assert p.worker_settings("Asha") == {"zoom": 2}
        assert p.work.draft(2) == [Shape.box("house", 1, 1, 9, 9)]
        latest = p.work.latest_for_image(1)
        assert latest is not None and latest.uuid == S2 and latest.supersedes == S1
        assert [pr.uuid for pr in p.work.proposals()] == ["p-1"]
        # the image its proposal flagged gets a flag record, so it reaches the station
        (flag,) = [
            Flag.from_dict(json.loads(r["record"]))
            for r in p.store.query("SELECT record FROM flags")
        ]
        assert (flag.image_path, flag.note, flag.worker) == (
            before["images"][2]["path"],
            "tractor: machines",
            "Asha",
        )
        # and the migrated project works: scan finds nothing new, new work is revision 3
        assert p.index.scan().unchanged == 3
        nxt = p.queue.next_todo()
        assert nxt is not None and nxt.id == 2
        assert p.work.submit(1, [Shape.box("tree", 3, 3, 9, 9)], "Ravi").revision == 3
        p.store.check_integrity()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_old_version_migrates_to_the_current(tmp_path: Path, version: int) -> None:
    path = tmp_path / "v.hitl"
    Store(path, create=True, target_version=version).close()
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION == len(MIGRATIONS)


def test_newer_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.hitl"
    with Store(path, create=True) as s:
        s.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer HITL Labeler"):
        Store.open(path)
    assert path.read_bytes() == before


def test_garbage_file_is_a_clear_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    path = tmp_path / "garbage.hitl"
    path.write_bytes(bytes((i * 7919) % 251 for i in range(20_000)))
    with pytest.raises(StoreError, match="not a HITL Labeler project file"):
        Project.open(path)
    assert main(["status", "-p", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
