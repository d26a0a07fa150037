"""The project store: one SQLite file per project, opened through sqlite-utils.

Durability: WAL with ``synchronous=FULL``, so a transaction that returned is on disk and
survives a power cut. Threads: one writer connection guarded by a lock (the UI's main
thread, the hasher and the watcher all write through it), and one read-only connection per
reader thread, which WAL lets read while the writer writes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from labeler.errors import (
    IntegrityError,
    ReadOnlyProjectError,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
)
from labeler.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


def _sqlite_utils_without_numpy() -> Any:
    """sqlite-utils imports numpy when it can, only to name column types of numpy values,
    which the store never inserts; numpy costs 20 MB of memory and 0.1 s at every start of
    the app on a 4 GB PC. It is kept out while sqlite-utils loads (a later ``import numpy``,
    by the model runtime, works as usual)."""
    import sys

    if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" fails here
    try:
        import sqlite_utils
    finally:
        del sys.modules["numpy"]
    return sqlite_utils


Database = _sqlite_utils_without_numpy().Database


def now() -> str:
    """UTC timestamp with milliseconds, sortable as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_uuid() -> str:
    return str(uuid.uuid4())


SQLITE_MAGIC = b"SQLite format 3\x00"


def _connect(path: str, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    uri = f"file:{Path(path).as_posix()}" + ("?mode=ro" if readonly else "")
    if immutable:  # a read-only folder or drive: SQLite may not even make its -shm file
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"{path}: cannot switch the project file to WAL mode ({mode})")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: cannot open the project file ({exc}); if it was damaged,"
            " run `labeler doctor` on it or restore a copy"
        ) from exc
    return conn


def _probe(path: str, check: bool) -> str | None:
    """Check an existing file without changing a byte of it, before anything switches it to
    WAL or migrates it: not empty, an SQLite header, a HITL schema this program knows,
    intact (with ``check``). Returns why it cannot be written here, or None if it can."""
    size = os.path.getsize(path)
    if size == 0:
        raise StoreError(
            f"{path}: the project file is empty (0 bytes): it was never written, or a copy"
            " was cut short; restore a copy (the file was left as it is)"
        )
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the project file ({exc.strerror or exc})") from exc
    if not head.startswith(SQLITE_MAGIC):
        raise StoreError(
            f"{path}: not a HITL Labeler project file (not an SQLite database); check the"
            " file name (the file was left as it is)"
        )
    readonly = _why_readonly(path)
    probe, _ = _open_readonly(path)
    try:
        version = int(probe.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise _too_new(path, version)
        if version == 0:
            raise StoreError(
                f"{path}: not a HITL Labeler project file (it holds no project);"
                " check the file name"
            )
        if check:
            rows = [r[0] for r in probe.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise _damaged(path, rows)
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    finally:
        probe.close()
    return readonly


def _unreadable(path: str, exc: Exception) -> StoreError:
    return StoreError(
        f"{path}: cannot read the project file ({exc}); run `labeler doctor` on it"
        " or restore a copy"
    )


def _too_new(path: str, version: int) -> SchemaTooNewError:
    return SchemaTooNewError(
        f"{path}: written by a newer HITL Labeler (schema {version}, this program"
        f" knows {SCHEMA_VERSION}); install the newer version to open it"
    )


def _damaged(path: str, rows: list[str]) -> IntegrityError:
    return IntegrityError(
        f"{path}: the project file is damaged: {'; '.join(rows[:5])}."
        " Restore a copy, or ask a supervisor to run `labeler doctor`"
    )


def _open_readonly(path: str) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection, and whether it had to be ``immutable``: in a folder SQLite
    cannot write (a write-protected drive) it cannot make the -shm file a WAL reader needs."""
    conn = _connect(path, readonly=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn, False
    except sqlite3.OperationalError:  # "unable to open": no -shm can be made here
        conn.close()
    except sqlite3.DatabaseError as exc:  # "file is not a database": a damaged file
        conn.close()
        raise _unreadable(path, exc) from exc
    return _connect(path, readonly=True, immutable=True), True


def _why_readonly(path: str) -> str | None:
    """Why this file cannot be written here, in plain words, or None if it can."""
    folder = os.path.dirname(path) or "."
    if not os.access(path, os.W_OK):
        try:
            st = os.statvfs(path)
            if st.f_flag & os.ST_RDONLY:
                return "the drive is write-protected"
        except (AttributeError, OSError):
            pass
        return "the file is marked read-only"
    if not os.access(folder, os.W_OK):
        return "its folder cannot be written"
    for extra in ("-wal", "-shm"):
        if os.path.exists(path + extra) and not os.access(path + extra, os.W_OK):
            return f"its {extra[1:]} file is read-only"
    return None


class Store:
    """An open project file. Use ``Store.open`` (existing) or ``Store.create`` (new)."""

    def __init__(
        self,
        path: str | Path,
        *,
        create: bool = False,
        check: bool = True,
        target_version: int = SCHEMA_VERSION,
    ) -> None:
        """``target_version`` below the current schema makes a file as an older program left it
        (for migration tests); normal use never passes it."""
        self.path = str(Path(path).resolve())
        if not create and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no project file here; create one with `labeler init`")
        if create and os.path.exists(self.path):
            raise StoreError(f"{self.path}: a project file already exists; open it instead")
        self._lock = threading.RLock()
        self._local = threading.local()
        self.readonly_reason: str | None = None
        self._immutable = False
        if not create:  # look before touching: nothing below changes a byte of a bad file
            self.readonly_reason = _probe(self.path, check)
        if self.readonly:
            self._conn, self._immutable = _open_readonly(self.path)
        else:
            self._conn = _connect(self.path)
        self.db = Database(self._conn)
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        try:
            if self.readonly:
                if self.schema_version < target_version:
                    raise ReadOnlyProjectError(
                        f"{self.path}: the project file is read-only ({self.readonly_reason})"
                        " and was written by an older version, which must update it first."
                        " Copy the project folder to a place you can write and open it there"
                    )
            else:
                self._migrate(target_version)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise _unreadable(self.path, exc) from exc
        except BaseException:
            self._conn.close()
            raise

    @classmethod
    def open(cls, path: str | Path, *, check: bool = True) -> Store:
        return cls(path, check=check)

    @property
    def readonly(self) -> bool:
        """The file cannot be written here (``readonly_reason`` says why): open for viewing."""
        return self.readonly_reason is not None

    def _refuse_write(self) -> ReadOnlyProjectError:
        return ReadOnlyProjectError(
            f"{self.path}: the project file is read-only ({self.readonly_reason}); it is open"
            " for viewing only. To label, copy the project folder to a place you can write"
            " (or unlock the drive) and open the copy"
        )

    # ---------------------------------------------------------------- schema
    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, target: int = SCHEMA_VERSION) -> None:
        current = self.schema_version
        if not 1 <= target <= SCHEMA_VERSION:
            raise ValueError(f"target_version must be 1..{SCHEMA_VERSION}, not {target}")
        if current > SCHEMA_VERSION:
            raise _too_new(self.path, current)
        for version in range(current + 1, target + 1):
            with self.write():
                for statement in _split_sql(MIGRATIONS[version - 1]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {version}")

    def check_integrity(self, quick: bool = False) -> None:
        """Raise ``IntegrityError`` if SQLite finds the file damaged."""
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [r[0] for r in self._conn.execute(f"PRAGMA {pragma}").fetchall()]
            fk = self._conn.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise IntegrityError(f"{self.path}: the project file is damaged ({exc})") from exc
        if rows != ["ok"]:
            raise _damaged(self.path, rows)
        if fk:
            raise IntegrityError(f"{self.path}: {len(fk)} broken references between tables")

    # ---------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One atomic transaction on the writer connection (nested calls are savepoints)."""
        if self.readonly:
            raise self._refuse_write()
        with self._lock:
            try:
                with self._transaction():
                    yield self.db
            except sqlite3.OperationalError as exc:
                msg = str(exc)
                if "readonly" in msg or "read-only" in msg:  # made read-only after it opened
                    self.readonly_reason = "it became read-only while open"
                    raise self._refuse_write() from exc
                if "locked" in msg or "busy" in msg:
                    raise StoreLockedError(
                        f"{self.path}: another program is using the project file;"
                        " close it and try again"
                    ) from exc
                if "disk is full" in msg or "disk I/O" in msg:
                    raise StoreError(
                        f"{self.path}: cannot save ({msg}); free some disk space."
                        " Nothing already saved was lost"
                    ) from exc
                raise

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE for an outer transaction, a savepoint inside one.

        A deferred BEGIN that reads before it writes fails at once with "database is locked"
        when another connection (the sync worker, a CLI in another process) committed in
        between: SQLite cannot wait there. IMMEDIATE takes the write lock first, so the busy
        timeout applies and the writer waits its turn instead.
        """
        if self._conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        try:
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement on the writer connection (a write outside ``write()`` autocommits)."""
        with self._lock:
            try:
                return self._conn.execute(sql, params)
            except sqlite3.OperationalError as exc:
                if self.readonly or "readonly" in str(exc):
                    raise self._refuse_write() from exc
                raise

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection. WAL lets it read while the writer writes, and it
        sees only committed data, never the half of another thread's transaction."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path, readonly=True, immutable=self._immutable)
            self._local.conn = conn
            with self._readers_lock:  # not the writer's lock: a first read never waits on a write
                self._readers.append(conn)
        return conn

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        cur = self.reader().execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.reader().execute(sql, params).fetchone()
        return None if row is None else row[0]

    # ---------------------------------------------------------------- meta
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.write():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        with self._lock:
            if not self.readonly:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            with self._readers_lock:
                for conn in self._readers:
                    conn.close()
                self._readers.clear()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole (sqlite3.complete_statement)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
