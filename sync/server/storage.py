"""Server storage: SQLAlchemy Core tables, versioned migrations, and transactions.

SQLite (WAL) is the embedded default; the same statements run on PostgreSQL. Write
transactions on SQLite start with ``BEGIN IMMEDIATE`` (so a read-then-write never fails
half way) and are serialised inside the process, which is cheaper than SQLite's busy wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
)
from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError

from labeler.errors import StoreError

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

projects = Table(
    "projects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", String(200), nullable=False),
    Column("instructions", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
)

taxonomies = Table(
    "taxonomies",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("taxonomy", Text, nullable=False),  # Taxonomy.to_json()
    Column("created_at", String(40), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("centre", Text, nullable=False),
    # needed as given (it keys bundle HMACs), so stored sealed with the master key (keyring.py)
    Column("secret", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
    Column("last_seen_at", String(40)),
)

relays = Table(
    "relays",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_sha256", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

bundles = Table(
    "bundles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("device_id", String(64), ForeignKey("devices.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("prev_sha256", String(64)),
    Column("size", Integer, nullable=False),
    Column("submissions", Integer, nullable=False),
    Column("proposals", Integer, nullable=False),
    Column("via", String(80), nullable=False),  # "device" or "relay:<id>"
    Column("received_at", String(40), nullable=False),
    Column("receipt", Text, nullable=False),  # canonical JSON of the signed receipt
    Column("signature", Text, nullable=False),
    UniqueConstraint("device_id", "seq", name="uq_bundles_device_seq"),
    Index("ix_bundles_sha256", "sha256"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("uuid", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("device_id", String(64), nullable=False),  # the uploading (enrolled) device
    Column("bundle_id", Integer, ForeignKey("bundles.id"), nullable=False),
    Column("image_sha256", String(64), nullable=False),
    Column("image_path", Text, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("shapes", Text, nullable=False),
    Column("taxonomy_version", Integer, nullable=False),
    Column("worker", Text, nullable=False),
    Column("record_device_id", Text, nullable=False),  # Submission.device_id as the PC wrote it
    Column("started_at", String(40)),
    Column("submitted_at", String(40), nullable=False),
    Column("duration_ms", Integer),
    Column("revision", Integer, nullable=False),
    Column("supersedes", String(64)),
    Column("source", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
    Index("ix_submissions_image", "project_id", "image_sha256", "revision"),
    Index("ix_submissions_bundle", "bundle_id"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("uuid", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("bundle_id", Integer, ForeignKey("bundles.id"), nullable=False),
    Column("image_sha256", String(64), nullable=False),
    Column("image_path", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("region", Text),
    Column("taxonomy_version", Integer, nullable=False),
    Column("worker", Text, nullable=False),
    Column("record_device_id", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
    Index("ix_proposals_project", "project_id", "created_at"),
    Index("ix_proposals_bundle", "bundle_id"),
)

# Things an admin must look at: conflicting bytes under a used (device, seq), broken chains.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(40), nullable=False),  # "conflict" | "chain_broken"
    Column("message", Text, nullable=False),
    Column("sha256", String(64)),
    Column("file", Text),  # name inside data_dir/conflicts, generated by the server
    Column("created_at", String(40), nullable=False),
)


# The bytes of a conflicting bundle (other bytes under a stored (device, seq)), kept once for
# the admin in the database, so every API process and a backup have them.
conflict_bundles = Table(
    "conflict_bundles",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", String(40), nullable=False),
)


# Models attached to a project (issue 15); the project's pack names the active one by
# SHA-256 with its settings (spec, JSON). The file's bytes are in ``model_files``, so every
# API process on every host can serve them.
models = Table(
    "models",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id"), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("spec", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("active", Integer, nullable=False),  # 1 for the one the pack names
    Column("added_at", String(40), nullable=False),
)

model_files = Table(
    "model_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# What workers did with each model suggestion (PROTOCOL.md, "Model feedback").
model_feedback = Table(
    "model_feedback",
    metadata,
    Column("uuid", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("bundle_id", Integer, ForeignKey("bundles.id"), nullable=False),
    Column("submission_uuid", String(64), nullable=False),
    Column("image_sha256", String(64), nullable=False),
    Column("model_sha256", String(64), nullable=False),
    Column("outcomes", Text, nullable=False),
    Column("worker", Text, nullable=False),
    Column("record_device_id", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
    Index("ix_model_feedback_model", "project_id", "model_sha256"),
    Index("ix_model_feedback_bundle", "bundle_id"),
)


# Export jobs (export_jobs.py): state and progress, and the finished file in 1 MiB chunks,
# so any API process of any host serves the download.
export_jobs = Table(
    "export_jobs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("format", String(40), nullable=False),
    Column("state", String(20), nullable=False),  # queued, running, done, failed
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),  # stored records it could not write
    Column("error", Text),
    Column("file_name", Text),
    Column("size", Integer),
    Column("created_at", String(40), nullable=False),
    Column("heartbeat_at", String(40)),
    Column("finished_at", String(40)),
    # 1: only images whose latest revision a supervisor accepted or corrected (issue 12)
    Column("reviewed_only", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_export_jobs_project", "project_id", "created_at"),
)

export_chunks = Table(
    "export_chunks",
    metadata,
    Column("job_id", String(64), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)


# The admin console (issue 14): signed-in browser sessions (only a hash of the cookie is kept).
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("role", String(20), nullable=False),  # "admin" or "relay" (read-only supervisor)
    Column("principal_id", String(64), nullable=False),
    Column("project_id", String(64)),  # a relay's project; None for the admin
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),  # sliding: moved on at each request
    Column("ends_at", String(40), nullable=False),  # absolute end, never moved
)

# The admin's answer to a label proposal; travels back to the PCs in the signed pack.
proposal_answers = Table(
    "proposal_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # the pack's answers_version
    Column("proposal_uuid", String(64), nullable=False, unique=True),
    Column("project_id", String(64), ForeignKey("projects.id"), nullable=False),
    Column("decision", String(20), nullable=False),  # added | renamed | merged | declined
    Column("label_id", Text),  # the label the proposal became or was merged into
    Column("taxonomy_version", Integer),  # the version that carries it
    Column("reply", Text, nullable=False, default=""),
    Column("answered_at", String(40), nullable=False),
    Index("ix_proposal_answers_project", "project_id", "id"),
)

# Bundles the server refused (signature, checksum, revoked device, ...), for the admin.
refusals = Table(
    "refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64)),
    Column("device_id", String(64)),
    Column("seq", Integer),
    Column("kind", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("via", String(80), nullable=False),
    Column("created_at", String(40), nullable=False),
    Index("ix_refusals_project", "project_id", "id"),
)

# Failed console sign-ins, counted per account and per client address (issue 14): a
# guesser is slowed down however many processes serve the console.
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account", String(64)),  # the id the typed token named ("admin", a relay), if any
    Column("address", String(64), nullable=False),
    Column("failed_at", String(40), nullable=False),
    Index("ix_sign_in_failures_account", "account", "failed_at"),
    Index("ix_sign_in_failures_address", "address", "failed_at"),
)


# A proposal's picture (``labeler.crops``): the JPEG as the PC sent it, once checked; or why
# it was dropped (the proposal itself is kept either way). One row per proposal that had one.
proposal_crops = Table(
    "proposal_crops",
    metadata,
    Column("uuid", String(64), primary_key=True),  # the proposal's
    Column("project_id", String(64), nullable=False),
    Column("data", LargeBinary),  # None when the crop was dropped
    Column("width", Integer),
    Column("height", Integer),
    Column("problem", Text),  # why it was dropped, in plain words
    Column("received_at", String(40), nullable=False),
)


# ---- quality control (issue 12): supervisor stations, and the records they send
quality_metadata = MetaData()

supervisors = Table(
    "supervisors",
    quality_metadata,
    Column("device_id", String(64), primary_key=True),  # a device enrolled with --supervisor
    Column("project_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("public_key", String(100), nullable=False),  # Ed25519, signs rework returns
    Column("created_at", String(40), nullable=False),
)


def _quality_table(name: str, *columns: Column, indexes: tuple = ()) -> Table:
    """A quality record table: the record's uuid, who sent it in which bundle, its wire JSON
    (``record``), and the columns reports query."""
    return Table(
        name,
        quality_metadata,
        Column("uuid", String(64), primary_key=True),
        Column("project_id", String(64), nullable=False),
        Column("device_id", String(64), nullable=False),  # the station that sent it
        Column("bundle_id", Integer, nullable=False),
        Column("image_sha256", String(64), nullable=False),
        *columns,
        Column("record", Text, nullable=False),
        Column("received_at", String(40), nullable=False),
        *indexes,
    )


reviews = _quality_table(
    "reviews",
    Column("submission_uuid", String(64), nullable=False),
    Column("worker", Text, nullable=False),
    Column("worker_device_id", String(64), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("decision", String(16), nullable=False),
    Column("reason", String(40)),
    Column("reviewed_at", String(40), nullable=False),
    indexes=(Index("ix_reviews_submission", "project_id", "submission_uuid"),),
)
gold = _quality_table(
    "gold",
    Column("source", Text, nullable=False),
    indexes=(Index("ix_gold_image", "project_id", "image_sha256"),),
)
gold_scores = _quality_table(
    "gold_scores",
    Column("submission_uuid", String(64), nullable=False),
    Column("worker", Text, nullable=False),
    Column("worker_device_id", String(64), nullable=False),
    Column("passed", Integer, nullable=False),
    indexes=(Index("ix_gold_scores_submission", "project_id", "submission_uuid"),),
)
agreements = _quality_table(
    "agreements",
    Column("submission_a", String(64), nullable=False),
    Column("submission_b", String(64), nullable=False),
    Column("worker_a", Text, nullable=False),
    Column("worker_b", Text, nullable=False),
    Column("f1", Text, nullable=False),  # exact decimal text of the record's f1
    Column("agree", Integer, nullable=False),
)
station_messages = Table(
    "station_messages",
    quality_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64), nullable=False),
    Column("station_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),  # the PC it is for
    Column("seq", Integer, nullable=False),
    Column("document", Text, nullable=False),  # the signed message, as the station sent it
    Column("received_at", String(40), nullable=False),
    UniqueConstraint("station_id", "seq", name="uq_station_messages_seq"),
    Index("ix_station_messages_device", "device_id", "id"),
)

# Workers' flags (issue 12): what a PC's bundles carry beside its work; its own MetaData so
# the migration that makes it is the only one that does.
flag_metadata = MetaData()
flags = Table(
    "flags",
    flag_metadata,
    Column("uuid", String(64), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),  # the PC whose bundle carried it
    Column("bundle_id", Integer, nullable=False),
    Column("image_sha256", String(64), nullable=False),
    Column("worker", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("received_at", String(40), nullable=False),
    Index("ix_flags_bundle", "bundle_id"),
    Index("ix_flags_image", "project_id", "image_sha256"),
)

# Gold images the admin marked on the server (issue 12, ``sync/server/gold.py``): each mark's
# ``id`` grows, so the newest is the pack's ``gold_version``.
gold_metadata = MetaData()
gold_marks = Table(
    "gold_marks",
    gold_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(64), nullable=False, unique=True),
    Column("project_id", String(64), nullable=False),
    Column("image_sha256", String(64), nullable=False),
    Column("record", Text, nullable=False),  # the GoldAnswer's wire JSON
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("project_id", "image_sha256", name="uq_gold_marks_image"),
)


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn)


def _migration_2(conn: Connection) -> None:
    """Conflict bytes in the database; device secrets longer (sealed)."""
    conflict_bundles.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE devices ALTER COLUMN secret TYPE TEXT")


def _migration_3(conn: Connection) -> None:
    """Model registry, model files and model feedback (issue 15)."""
    for table in (models, model_files, model_feedback):
        table.create(conn, checkfirst=True)


def _migration_4(conn: Connection) -> None:
    """Export jobs and their files."""
    export_jobs.create(conn, checkfirst=True)
    export_chunks.create(conn, checkfirst=True)


def _migration_5(conn: Connection) -> None:
    """The admin console: sessions, answers to proposals, refused bundles (issue 14)."""
    for table in (console_sessions, proposal_answers, refusals):
        table.create(conn, checkfirst=True)


def _migration_6(conn: Connection) -> None:
    """Supervisor stations and quality records (issue 12)."""
    quality_metadata.create_all(conn)


def _migration_7(conn: Connection) -> None:
    """Export jobs that take only reviewed work (issue 12)."""
    if "reviewed_only" not in {c["name"] for c in inspect(conn).get_columns("export_jobs")}:
        conn.exec_driver_sql(
            "ALTER TABLE export_jobs ADD COLUMN reviewed_only INTEGER NOT NULL DEFAULT 0"
        )


def _migration_8(conn: Connection) -> None:
    """Failed console sign-ins, for their rate limits (issue 14)."""
    sign_in_failures.create(conn, checkfirst=True)


def _migration_9(conn: Connection) -> None:
    """Proposals' pictures (crops of the region the worker marked)."""
    proposal_crops.create(conn, checkfirst=True)


def _migration_10(conn: Connection) -> None:
    """Workers' flags, carried in PCs' bundles (issue 12)."""
    flags.create(conn, checkfirst=True)


def _migration_11(conn: Connection) -> None:
    """Gold images marked by the admin, sent in the project pack (issue 12)."""
    gold_marks.create(conn, checkfirst=True)


def _migration_12(conn: Connection) -> None:
    """PostgreSQL: a stored submission's bundle and project are checked by one foreign key,
    (bundle_id, project_id) to the bundle, instead of one each (issue 13). Each foreign key
    is a look-up and a row lock per row inserted; the one left says more (the submission is
    in its bundle's project) and, through ``bundles.project_id``, that the project exists.
    SQLite keeps the two: its checks cost little, and it cannot alter a constraint."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(
        "ALTER TABLE bundles ADD CONSTRAINT uq_bundles_id_project UNIQUE (id, project_id)"
    )
    conn.exec_driver_sql(
        "ALTER TABLE submissions ADD CONSTRAINT fk_submissions_bundle_project"
        " FOREIGN KEY (bundle_id, project_id) REFERENCES bundles (id, project_id) NOT VALID"
    )
    conn.exec_driver_sql(
        "ALTER TABLE submissions VALIDATE CONSTRAINT fk_submissions_bundle_project"
    )
    for fk in inspect(conn).get_foreign_keys("submissions"):
        if fk["name"] and fk["constrained_columns"] in (["project_id"], ["bundle_id"]):
            conn.exec_driver_sql(f'ALTER TABLE submissions DROP CONSTRAINT "{fk["name"]}"')


def _migration_13(conn: Connection) -> None:
    """The records of a bundle found by its number: a supervisor station's page of its
    centre's work (``GET /v1/station/work``, 50 bundles) read every submission of every
    centre without them, one table scan per page and kind."""
    for table in (submissions, proposals, model_feedback):
        for index in table.indexes:
            if index.name and index.name.endswith("_bundle"):
                index.create(conn, checkfirst=True)


# Append only; never edit a migration that has shipped.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
    _migration_8,
    _migration_9,
    _migration_10,
    _migration_11,
    _migration_12,
    _migration_13,
]


_MIGRATION_LOCK = 0x48495446  # any constant: the advisory lock migrations hold

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03"}


def is_transient(exc: BaseException) -> bool:
    """A failure the same transaction, run again, gets past: a deadlock, a serialization
    failure, a lock timeout. (A unique-key race is an ``IntegrityError``: the caller decides.)"""
    if not isinstance(exc, DBAPIError) or isinstance(exc, IntegrityError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return True
    return "database is locked" in str(orig)


def insert_rows(
    conn: Connection, table: Table, rows: list[dict], common: dict[str, Any] | None = None
) -> None:
    """Insert ``rows`` (dicts with the same keys, columns of ``table``) in the given order,
    at the driver's speed: ``COPY`` on PostgreSQL, one prepared ``executemany`` on SQLite.
    ``common``: columns whose value is the same in every row (the bundle's), added to each
    row as it is sent rather than copied into every dict.

    Why: at ingest rates SQLAlchemy's per-row parameter processing costs more than the
    insert, and on PostgreSQL a ``COPY`` does a fraction of an ``INSERT`` per row's work.
    Column names come from the table, values travel as parameters (nothing is formatted
    into SQL), and a driver error is raised as SQLAlchemy's (``IntegrityError``, or a
    ``DBAPIError`` that ``is_transient`` knows), as ``conn.execute`` would raise it.
    """
    if not rows:
        return
    common = common or {}
    names = [name for name in rows[0] if name not in common]
    for name in (*names, *common):
        table.c[name]  # a KeyError here is a bug in the caller, never user data
    same = tuple(common.values())
    pick = itemgetter(*names) if len(names) > 1 else lambda r: tuple(r[n] for n in names)
    values = [pick(r) + same for r in rows]
    columns = ", ".join((*names, *common))
    if conn.dialect.name != "postgresql":
        marks = ", ".join("?" * (len(names) + len(same)))
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", values)
        return
    statement = f"COPY {table.name} ({columns}) FROM STDIN"
    dbapi = conn.dialect.loaded_dbapi
    try:
        with conn.connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in values:
                copy.write_row(row)
    except dbapi.Error as exc:
        raise DBAPIError.instance(statement, None, exc, dbapi.Error) from exc


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Storage:
    """The server database: an engine, migrations at open, and write/read transactions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            # No ping before every checkout (a round trip each, three per upload): only a
            # connection idle for a while is pinged (_ping_when_idle). One the database
            # dropped under load fails its one request (503 + Retry-After, shield.py), and
            # SQLAlchemy then replaces every pooled connection older than that failure.
            kwargs.update(pool_size=10, max_overflow=20)
        try:
            self.engine: Engine = create_engine(url, **kwargs)
        except Exception as exc:
            raise StoreError(f"cannot use database URL {url!r}: {exc}") from exc
        self._write_lock = threading.Lock() if self.is_sqlite else None
        self._probe_engine: Engine | None = None
        if self.is_sqlite:
            _sqlite_pragmas(self.engine)
        else:
            _ping_when_idle(self.engine)

    def migrate(self) -> int:
        """Bring the schema to the newest version; returns it."""
        with self._write_conn() as conn:
            if not self.is_sqlite:  # API processes starting together migrate one at a time
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            if not self.engine.dialect.has_table(conn, "schema_version"):
                schema_version.create(conn)
                conn.execute(schema_version.insert().values(version=0))
            current = conn.execute(select(schema_version.c.version)).scalar_one()
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"the server database has schema version {current}, newer than this"
                    f" program ({len(MIGRATIONS)}); upgrade the server program"
                )
            for number in range(current, len(MIGRATIONS)):
                MIGRATIONS[number](conn)
                conn.execute(schema_version.update().values(version=number + 1))
            return len(MIGRATIONS)

    @contextmanager
    def _write_conn(self) -> Iterator[Connection]:
        if self._write_lock is None:
            with self.engine.begin() as conn:
                yield conn
            return
        with self._write_lock, self.engine.connect() as conn:
            conn = conn.execution_options(hitl_write=True)
            with conn.begin():
                yield conn

    def write(self) -> Iterator[Connection]:
        """A write transaction: commits on success, rolls back on any exception."""
        return self._write_conn()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for a one-statement read (credentials, a stored receipt): on
        PostgreSQL in autocommit, so it costs one round trip rather than BEGIN, the query
        and ROLLBACK. A read of several statements that must agree uses ``read``."""
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    def get_meta(self, key: str) -> str | None:
        with self.lookup() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            done = conn.execute(meta.update().where(meta.c.key == key).values(value=value))
            if done.rowcount == 0:
                conn.execute(meta.insert().values(key=key, value=value))

    def ping(self) -> None:
        """One round trip to the database on a connection of its own (the readiness probe),
        so a probe never queues behind requests holding the pool's connections."""
        if self._probe_engine is None:
            self._probe_engine = (
                self.engine
                if self.is_sqlite
                else create_engine(
                    self.url, pool_size=1, max_overflow=0, connect_args={"connect_timeout": 2}
                )
            )
        with self._probe_engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        self.engine.dispose()
        if self._probe_engine is not None and self._probe_engine is not self.engine:
            self._probe_engine.dispose()


IDLE_PING_S = 10.0


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection before handing it out only when it sat unused for
    ``IDLE_PING_S``: after a database restart the quiet pool is refreshed before anyone
    trips on it, while a busy server pays no round trip per checkout."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        record.info["hitl_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        since = record.info.get("hitl_idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the pool takes a fresh connection and tries again
            raise DisconnectionError("a pooled connection the database dropped") from exc
        if not alive:
            raise DisconnectionError("a pooled connection the database dropped")


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL + synchronous=FULL (a signed receipt means the work is on disk), foreign keys,
    a busy timeout, and explicit BEGIN (IMMEDIATE for writes)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("hitl_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
