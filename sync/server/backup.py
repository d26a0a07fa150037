"""`labeler-server backup` and `restore`: the whole server in one folder, and back.

A backup folder holds ``manifest.json`` (what, when, which server key), the database
(SQLite through its online backup API, so a running server keeps serving; PostgreSQL
through ``pg_dump --format=custom``) and, unless told otherwise, ``master.key`` (without it
the sealed secrets in the database cannot be opened: keep that file apart from the dumps).
It is written under a temporary name and renamed when whole.

``restore`` puts a backup into an *empty* server (a data folder and database with no server
in them) and then checks, as ``join`` does, that the restored database opens with the
master key and has the backup's server key: the PCs' next bundles are accepted and their
receipts verify as before.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from labeler.atomic_file import fsync_dir, write_atomic
from sync.server import bootstrap
from sync.server.config import Settings
from sync.server.errors import ServerError
from sync.server.keyring import MasterKey
from sync.server.storage import Storage, utcnow

FORMAT = "hitl-server-backup"
MANIFEST = "manifest.json"
SQLITE_FILE = "server.db"
PG_FILE = "database.pgdump"
KEY_FILE = "master.key"


class BackupError(ServerError):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup(settings: Settings, out: Path, *, with_master_key: bool = True) -> Path:
    """Write a backup folder inside ``out``; returns its path."""
    storage = Storage(settings.db_url)
    try:
        storage.migrate()
        public = storage.get_meta(bootstrap.META_PUBLIC_KEY)
        if public is None:
            raise BackupError("there is no server in this database to back up")
        master = MasterKey.load(settings)
        stamp = utcnow()
        out.mkdir(parents=True, exist_ok=True)
        final = out / ("hitl-backup-" + stamp.replace(":", "").replace(".", "-"))
        work = Path(tempfile.mkdtemp(prefix=".hitl-backup-", dir=out))
        try:
            if storage.is_sqlite:
                _sqlite_copy(_sqlite_path(settings), work / SQLITE_FILE)
                database = SQLITE_FILE
            else:
                _pg("pg_dump", settings.db_url, "--format=custom", "--file", str(work / PG_FILE))
                database = PG_FILE
            if with_master_key:
                write_atomic(work / KEY_FILE, master.text + "\n", private=True)
            manifest = {
                "format": FORMAT,
                "version": 1,
                "created_at": stamp,
                "backend": "sqlite" if storage.is_sqlite else "postgresql",
                "database": database,
                "server_public_key": public,
                "master_key": KEY_FILE if with_master_key else None,
            }
            write_atomic(work / MANIFEST, json.dumps(manifest, indent=2) + "\n")
            os.replace(work, final)
            fsync_dir(out)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    finally:
        storage.dispose()
    return final


def restore(settings: Settings, folder: Path, *, force: bool = False) -> str:
    """Restore the backup in ``folder`` into the (empty) server of ``settings``; returns the
    restored server's public key."""
    manifest = _manifest(folder)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    is_sqlite = settings.db_url.startswith("sqlite")
    if manifest["backend"] != ("sqlite" if is_sqlite else "postgresql"):
        raise BackupError(
            f"this backup is of a {manifest['backend']} server; restore it into the same kind"
            " of database (set --database-url)"
        )
    _check_empty(settings, force)
    _restore_master_key(settings, folder, manifest)
    if is_sqlite:
        target = _sqlite_path(settings)
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        _sqlite_copy(folder / manifest["database"], target)
    else:
        args = ["--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            args += ["--clean", "--if-exists"]
        _pg("pg_restore", settings.db_url, *args, str(folder / manifest["database"]))
    key = bootstrap.join(settings)  # migrates a backup of an older schema, checks the keys
    if key.public != manifest["server_public_key"]:
        raise BackupError("the restored database does not hold the backup's server key")
    return key.public


# ---------------------------------------------------------------- steps
def _manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a server backup (no readable {MANIFEST})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is not a server backup ({MANIFEST} has another format)")
    if manifest.get("version") != 1:
        raise BackupError(f"backup version {manifest.get('version')!r} is newer than this program")
    if not (folder / str(manifest.get("database"))).is_file():
        raise BackupError(f"{folder}: the database file {manifest.get('database')} is missing")
    return manifest


def _check_empty(settings: Settings, force: bool) -> None:
    if force:
        return
    if settings.db_url.startswith("sqlite") and not _sqlite_path(settings).exists():
        return
    storage = Storage(settings.db_url)
    try:
        with storage.read() as conn:
            tables = storage.engine.dialect.get_table_names(conn)
    finally:
        storage.dispose()
    if tables:
        raise BackupError(
            "the target database is not empty; restore into a new, empty database (or use"
            " --force to replace everything in it)"
        )


def _restore_master_key(settings: Settings, folder: Path, manifest: dict[str, Any]) -> None:
    configured = MasterKey.find(settings)
    if manifest.get("master_key") is None:
        if configured is None:
            raise BackupError(
                "this backup was made without the master key; put the server's master key in"
                f" {MasterKey.file_of(settings)} (or HITL_SERVER_MASTER_KEY) and restore again"
            )
        return
    saved = (folder / manifest["master_key"]).read_text("ascii").strip()
    if configured is not None:
        if configured.text != saved:
            raise BackupError(
                f"the configured master key ({configured.origin}) is not the backup's; remove it"
                " or configure the backup's key"
            )
        return
    path = MasterKey.file_of(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, saved + "\n", private=True)


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.db_url).database
    if not database:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _sqlite_copy(source: Path, dest: Path) -> None:
    """SQLite's online backup: a consistent copy while writers go on."""
    if not source.is_file():
        raise BackupError(f"no database file at {source}")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst, pages=1024)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()
    with open(dest, "rb+") as f:
        os.fsync(f.fileno())


def _pg(tool: str, url: str, *args: str) -> None:
    """Run ``pg_dump``/``pg_restore`` on the database of ``url``; the password goes in the
    environment, never on a command line other users can read."""
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed; install PostgreSQL's client tools")
    u = make_url(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for var, value in (
        ("PGHOST", u.host),
        ("PGPORT", u.port),
        ("PGUSER", u.username),
        ("PGPASSWORD", u.password),
        ("PGDATABASE", u.database),
    ):
        if value is not None:
            env[var] = str(value)
    done = subprocess.run(
        [tool, *args] if tool == "pg_dump" else [tool, "--dbname", u.database or "", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()[-500:]}")
