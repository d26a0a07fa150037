"""Exports as background jobs: started by a request, run by a worker process, downloaded when
ready.

An export of a large project takes a while and much memory; done inside an API process it
would stall that process's probes and uploads. So ``start`` records a job in the database
and starts ``python -m sync.server.export_worker JOB`` beside the API process. The worker
reads the latest revision of each image with a server-side cursor (rows arrive in batches,
never all at once), writes the file with the core exporter, reports progress as it goes, and
stores the finished file in the database in 1 MiB chunks, so any API process of any host can
serve the download. A worker that dies is noticed by its stale heartbeat.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update

from labeler.errors import LabelerError
from labeler.exports.records import ExportResult, Unreadable
from labeler.work import Submission
from sync.server import reports
from sync.server import storage as db
from sync.server.config import Settings
from sync.server.errors import NotFoundError, ServerError
from sync.server.registry import ProjectInfo
from sync.server.storage import Storage, utcnow

log = logging.getLogger("hitl.export")

CHUNK_BYTES = 1024 * 1024
PROGRESS_EVERY = 2000  # records between progress (and heartbeat) updates
STALE_AFTER_S = 120  # a running job with no heartbeat for this long has lost its worker
KEEP_DONE = 5  # finished jobs kept per project and format (older results are dropped)


class ExportNotReady(ServerError):
    """The export's file is not there yet (or the export failed)."""

    kind = "conflict"


@dataclass(frozen=True)
class Job:
    id: str
    project_id: str
    format: str
    state: str  # queued, running, done, failed
    done: int
    total: int
    skipped: int
    error: str | None
    file_name: str | None
    size: int | None
    created_at: str
    finished_at: str | None
    reviewed_only: bool = False  # only work a supervisor accepted or corrected

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "project_id": self.project_id,
            "format": self.format,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "skipped": self.skipped,
            "error": self.error,
            "file_name": self.file_name,
            "size": self.size,
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "reviewed_only": self.reviewed_only,
        }


# ---------------------------------------------------------------- the API side
def start(
    settings: Settings,
    storage: Storage,
    project: ProjectInfo,
    fmt: str,
    *,
    reviewed_only: bool = False,
) -> Job:
    """Record a job and start its worker process; returns at once. ``reviewed_only``: only
    images whose latest revision a supervisor accepted or corrected."""
    from labeler.exports import exporter

    name = exporter(fmt).name  # an unknown format fails here, before anything starts
    job_id = "exp-" + secrets.token_hex(8)
    with storage.write() as conn:
        conn.execute(
            db.export_jobs.insert().values(
                id=job_id,
                project_id=project.id,
                format=name,
                state="queued",
                done=0,
                total=0,
                skipped=0,
                created_at=utcnow(),
                heartbeat_at=utcnow(),
                reviewed_only=int(reviewed_only),
            )
        )
    env = {**os.environ, **settings.to_env()}
    subprocess.Popen(
        [sys.executable, "-m", "sync.server.export_worker", job_id],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # outlives a restart of the API process that started it
    )
    return get(storage, job_id)


def get(storage: Storage, job_id: str) -> Job:
    with storage.read() as conn:
        row = conn.execute(select(db.export_jobs).where(db.export_jobs.c.id == job_id)).first()
    if row is None:
        raise NotFoundError(f"no export {job_id!r}")
    return _job(row)


def recent(storage: Storage, project_id: str | None = None, limit: int = 50) -> list[Job]:
    j = db.export_jobs
    query = select(j).order_by(j.c.created_at.desc()).limit(limit)
    if project_id:
        query = query.where(j.c.project_id == project_id)
    with storage.read() as conn:
        return [_job(r) for r in conn.execute(query)]


def chunks(storage: Storage, job_id: str) -> Iterator[bytes]:
    """The finished file, chunk by chunk (one query per chunk: constant memory)."""
    job = get(storage, job_id)
    if job.state != "done":
        raise ExportNotReady(
            f"export {job_id} is {job.state}"
            + (f": {job.error}" if job.error else "; ask again when its state is done")
        )
    c = db.export_chunks
    with storage.read() as conn:
        count = conn.execute(
            select(func.count()).select_from(c).where(c.c.job_id == job_id)
        ).scalar_one()
    for n in range(count):
        with storage.read() as conn:
            data = conn.execute(select(c.c.data).where(c.c.job_id == job_id, c.c.n == n)).scalar()
        yield bytes(data)


def _job(row: Any) -> Job:
    state, error = row.state, row.error
    if state in ("queued", "running") and _age_s(row.heartbeat_at) > STALE_AFTER_S:
        state, error = "failed", "the export stopped (its worker process ended); start it again"
    return Job(
        row.id,
        row.project_id,
        row.format,
        state,
        row.done,
        row.total,
        row.skipped,
        error,
        row.file_name,
        row.size,
        row.created_at,
        row.finished_at,
        bool(row.reviewed_only),
    )


def _age_s(stamp: str | None) -> float:
    if not stamp:
        return float("inf")
    then = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return (datetime.now(UTC) - then).total_seconds()


# ---------------------------------------------------------------- the worker side
def run(storage: Storage, registry: Any, job_id: str) -> None:
    """Do the job: stream, write, store; the job row says how it went."""
    job = get(storage, job_id)
    _update(storage, job_id, state="running")
    work = Path(tempfile.mkdtemp(prefix="hitl-export-"))
    try:
        project = registry.project(job.project_id)
        total = reports.count_latest(storage, project.id)
        _update(storage, job_id, total=total)
        result = write(
            storage,
            project,
            job.format,
            work,
            progress=job_id,
            reviewed_only=job.reviewed_only,
            one_file=True,
        )
        path = Path(result.path)
        size = _store_file(storage, job_id, path)
        _update(
            storage,
            job_id,
            state="done",
            done=total,
            skipped=result.skipped_count,
            size=size,
            file_name=path.name,
            finished_at=utcnow(),
        )
        _drop_old(storage, job)
    except LabelerError as exc:
        _update(storage, job_id, state="failed", error=str(exc), finished_at=utcnow())
    except Exception as exc:
        log.exception("export %s failed", job_id)
        _update(
            storage,
            job_id,
            state="failed",
            error=f"the export failed unexpectedly ({type(exc).__name__}); see the server log",
            finished_at=utcnow(),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write(
    storage: Storage,
    project: ProjectInfo,
    fmt: str,
    dest: Path,
    *,
    progress: str | None = None,
    reviewed_only: bool = False,
    one_file: bool = False,
) -> ExportResult:
    """Write ``project``'s export to ``dest`` from a server-side cursor (also the CLI's path);
    the result names the stored records the format could not hold (``result.skipped``).
    ``one_file``: folder formats, and Label Studio with its labeling config, as one zip."""
    from labeler.exports import export_records, exporter

    exp = exporter(fmt)
    name = reports.safe_name(project.name)
    if exp.folder and not one_file and dest.is_dir():
        dest = dest / f"{name}-{exp.name}"
    rows: Iterable[Submission | Unreadable] = reports.latest_submissions(
        storage, project.id, reviewed_only=reviewed_only
    )
    if progress is not None:
        rows = _counted(storage, progress, rows)
    return export_records(rows, project.taxonomy, fmt, dest, name=name, one_file=one_file)


def _counted(
    storage: Storage, job_id: str, rows: Iterable[Submission | Unreadable]
) -> Iterator[Submission | Unreadable]:
    n = 0
    for sub in rows:
        n += 1
        if n % PROGRESS_EVERY == 0:
            _update(storage, job_id, done=n)
        yield sub
    _update(storage, job_id, done=n)


def _store_file(storage: Storage, job_id: str, path: Path) -> int:
    size = 0
    with open(path, "rb") as f:
        n = 0
        while data := f.read(CHUNK_BYTES):
            with storage.write() as conn:
                conn.execute(db.export_chunks.insert().values(job_id=job_id, n=n, data=data))
            size += len(data)
            n += 1
    return size


def _update(storage: Storage, job_id: str, **values: Any) -> None:
    with storage.write() as conn:
        conn.execute(
            update(db.export_jobs)
            .where(db.export_jobs.c.id == job_id)
            .values(heartbeat_at=utcnow(), **values)
        )


def _drop_old(storage: Storage, job: Job) -> None:
    """Keep the newest ``KEEP_DONE`` finished exports of this project and format."""
    j, c = db.export_jobs, db.export_chunks
    with storage.read() as conn:
        old = (
            conn.execute(
                select(j.c.id)
                .where(j.c.project_id == job.project_id, j.c.format == job.format)
                .where(j.c.state.in_(("done", "failed")))
                .order_by(j.c.created_at.desc())
                .offset(KEEP_DONE)
            )
            .scalars()
            .all()
        )
    for job_id in old:
        with storage.write() as conn:
            conn.execute(delete(c).where(c.c.job_id == job_id))
            conn.execute(delete(j).where(j.c.id == job_id))


def main(job_id: str) -> int:
    """The worker process: ``python -m sync.server.export_worker JOB``."""
    from sync.server.bootstrap import open_state

    with contextlib.suppress(Exception):
        from sync.server import logs

        logs.configure("json")
    state = open_state(Settings.from_env())
    try:
        run(state.storage, state.registry, job_id)
    finally:
        state.storage.dispose()
    return 0
