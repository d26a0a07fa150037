"""Server storage: SQLite file with WAL, migrations that run once, a newer schema refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.exc import DBAPIError

from labeler.errors import StoreError
from sync.server import storage as db
from sync.server.config import ConfigError, Settings
from sync.server.shield import database_unavailable
from sync.server.storage import MIGRATIONS, Storage


def test_sqlite_file_in_wal_mode_and_migrations_run_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    first = Storage(url)
    assert first.migrate() == len(MIGRATIONS)
    first.set_meta("k", "v1")
    first.dispose()
    again = Storage(url)
    assert again.migrate() == len(MIGRATIONS)  # nothing re-created, data kept
    assert again.get_meta("k") == "v1"
    with again.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.execute(select(db.schema_version.c.version)).scalar() == len(MIGRATIONS)
    with again.write() as conn:
        conn.execute(update(db.schema_version).values(version=len(MIGRATIONS) + 1))
    again.dispose()
    with pytest.raises(StoreError, match="newer than this program"):
        Storage(url).migrate()


def test_settings_from_environment_and_flags(tmp_path: Path) -> None:
    env = {
        "HITL_SERVER_DATA_DIR": str(tmp_path / "d"),
        "HITL_SERVER_MAX_BODY_BYTES": "2048",
        "HITL_SERVER_PUBLIC_URL": "http://example:1",
    }
    s = Settings.from_env(env, public_url="http://flag:2")
    assert s.data_dir == (tmp_path / "d").resolve()
    assert s.max_body_bytes == 2048 and s.bundle_limits().max_file_bytes == 2048
    assert s.public_url == "http://flag:2"
    assert s.db_url == f"sqlite:///{(tmp_path / 'd' / 'server.db').resolve()}"
    with pytest.raises(ConfigError, match="whole number"):
        Settings.from_env({"HITL_SERVER_MAX_BODY_BYTES": "lots"})
    with pytest.raises(ConfigError):
        Settings(max_body_bytes=0)


def test_rows_inserted_at_the_drivers_speed_keep_the_database_rules(database_url: str) -> None:
    """``insert_rows`` (COPY on PostgreSQL, executemany on SQLite) stores text as given
    (Hindi, quotes, tabs, backslashes, NULL) and a clash raises SQLAlchemy's
    ``IntegrityError`` with nothing of that transaction stored, as ``conn.execute`` would."""
    from sqlalchemy import Column, MetaData, String, Table
    from sqlalchemy.exc import IntegrityError

    storage = Storage(database_url)
    table = Table(
        "rows_test",
        MetaData(),
        Column("uuid", String(64), primary_key=True),
        Column("note", String(200)),
    )
    table.create(storage.engine)
    tricky = "आशा\t'quoted' \"and\" back\\slash\nline"
    with storage.write() as conn:
        db.insert_rows(conn, table, [{"uuid": "a", "note": tricky}, {"uuid": "b", "note": None}])
    with pytest.raises(IntegrityError), storage.write() as conn:
        db.insert_rows(conn, table, [{"uuid": "c", "note": "x"}, {"uuid": "a", "note": "y"}])
    with storage.read() as conn:
        rows = conn.execute(select(table).order_by(table.c.uuid)).all()
    storage.dispose()
    assert [tuple(r) for r in rows] == [("a", tricky), ("b", None)]


def _drop_connections(url: str) -> None:
    """What a PostgreSQL restart does to a server's pool: every connection is closed."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    admin.dispose()


def test_a_quiet_pool_survives_a_database_restart_and_a_busy_one_loses_one_request(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Connections are not pinged at every checkout (a round trip each, three per upload):
    one idle for a while is, so the first request after a quiet restart works; a
    connection dropped while busy fails one request, and the pool is renewed at once."""
    store = Storage(postgres_url)
    store.migrate()
    store.set_meta("k", "v")
    monkeypatch.setattr(db, "IDLE_PING_S", 0.0)  # every pooled one counts as idle
    _drop_connections(postgres_url)
    assert store.get_meta("k") == "v"  # pinged, found dead, replaced: nobody saw it
    monkeypatch.setattr(db, "IDLE_PING_S", 3600.0)  # a busy pool: no pings
    _drop_connections(postgres_url)
    with pytest.raises(DBAPIError) as failed:
        store.get_meta("k")
    assert database_unavailable(failed.value)  # answered 503 + Retry-After (shield.py)
    assert store.get_meta("k") == "v"
    store.dispose()


def test_one_foreign_key_holds_a_submission_to_its_bundle_and_project(
    database_url: str,
) -> None:
    """Migration 12 (PostgreSQL): a database of the version before, holding work, is upgraded,
    the work stays, and a submission naming a project or a bundle that is not there is still
    refused; on PostgreSQL one key, (bundle_id, project_id), also refuses a project other than
    its bundle's."""
    from sqlalchemy.exc import IntegrityError

    storage = Storage(database_url)
    before = MIGRATIONS.index(db._migration_12)
    with storage.write() as conn:
        for number in range(before):
            MIGRATIONS[number](conn)
        db.schema_version.create(conn, checkfirst=True)
        conn.execute(db.schema_version.insert().values(version=before))
        for pid in ("p1", "p2"):
            conn.execute(
                db.projects.insert().values(
                    id=pid, name=pid, kind="boxes", created_at="2026-01-05T10:00:00.000Z"
                )
            )
        conn.execute(
            db.devices.insert().values(
                id="d1", project_id="p1", centre="c", secret="s", created_at="t"
            )
        )
        bundle = dict(device_id="d1", sha256="0" * 64, size=1, submissions=1, proposals=0)
        bundle |= dict(via="device", received_at="t", receipt="{}", signature="sig")
        conn.execute(db.bundles.insert().values(id=1, project_id="p1", seq=1, **bundle))
    row = {
        "project_id": "p1",
        "device_id": "d1",
        "bundle_id": 1,
        "image_sha256": "a" * 64,
        "image_path": "a.jpg",
        "width": 10,
        "height": 10,
        "shapes": "[]",
        "taxonomy_version": 1,
        "worker": "w",
        "record_device_id": "d1",
        "submitted_at": "t",
        "revision": 1,
        "source": "labeled",
        "received_at": "t",
    }
    with storage.write() as conn:
        db.insert_rows(conn, db.submissions, [{"uuid": "u1", **row}])
    assert storage.migrate() == len(MIGRATIONS)
    bad_rows = [{"bundle_id": 2}, {"project_id": "nowhere"}]
    if not storage.is_sqlite:
        bad_rows.append({"project_id": "p2"})
    for bad in bad_rows:
        with pytest.raises(IntegrityError), storage.write() as conn:
            db.insert_rows(conn, db.submissions, [{**row, "uuid": "u2", **bad}])
    with storage.write() as conn:
        db.insert_rows(conn, db.submissions, [{"uuid": "u3", **row}])
    with storage.read() as conn:
        stored = conn.execute(select(db.submissions.c.uuid).order_by("uuid")).scalars().all()
    storage.dispose()
    assert stored == ["u1", "u3"]


def test_a_database_from_before_gets_the_bundle_indexes_a_stations_page_reads_by(
    database_url: str,
) -> None:
    """Migration 13: a supervisor station's page of its centre's work reads each kind of
    record by bundle number; a database made before had no index for it (a scan of every
    centre's submissions per page). Upgraded, it has one on each table."""
    from sqlalchemy import inspect

    storage = Storage(database_url)
    before = MIGRATIONS.index(db._migration_13)
    names = {"submissions", "proposals", "model_feedback"}
    with storage.write() as conn:
        for number in range(before):
            MIGRATIONS[number](conn)
        db.schema_version.create(conn, checkfirst=True)
        conn.execute(db.schema_version.insert().values(version=before))
        for table in names:  # as the version before made them
            conn.exec_driver_sql(f"DROP INDEX ix_{table}_bundle")
    with storage.read() as conn:
        found = {t for t in names if f"ix_{t}_bundle" in _index_names(inspect(conn), t)}
    assert found == set()
    assert storage.migrate() == len(MIGRATIONS)
    with storage.read() as conn:
        for table in names:
            index = _index_names(inspect(conn), table)[f"ix_{table}_bundle"]
            assert index == ["bundle_id"]
    storage.dispose()


def _index_names(inspector, table: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {ix["name"]: ix["column_names"] for ix in inspector.get_indexes(table)}
