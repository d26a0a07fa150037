"""Export jobs for the console: start one, watch its progress, download the file.

The console talks to ``ExportJobs`` only (``start``, ``get``, ``listed``). This in-process
implementation runs one export at a time on a background thread and counts the
submissions written, so the page can show progress; the file is written by the core
exporters into the server's ``exports/`` folder (folder formats zipped). Jobs live in the
memory of the process that started them: a restart forgets them (their files are swept).
"""

from __future__ import annotations

import secrets
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from labeler.errors import LabelerError
from labeler.exports import FORMATS, export_records, exporter
from labeler.work import Submission
from sync.server import reports
from sync.server.registry import Registry
from sync.server.storage import Storage, utcnow

KEEP_JOBS = 20  # finished jobs kept (and their files); older ones are removed


@dataclass
class ExportJob:
    id: str
    project_id: str
    project_name: str
    format: str
    state: str  # queued | running | done | failed
    done: int
    total: int
    started_at: str
    finished_at: str | None = None
    error: str | None = None
    path: Path | None = None

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class ExportJobs(Protocol):
    def start(self, project_id: str, fmt: str) -> ExportJob: ...
    def get(self, job_id: str) -> ExportJob | None: ...
    def listed(self, project_id: str | None = None) -> list[ExportJob]: ...


def export_formats() -> list[str]:
    return list(FORMATS)


class ThreadExportJobs:
    """Exports on one background thread of this process."""

    def __init__(self, storage: Storage, registry: Registry, folder: Path) -> None:
        self.storage = storage
        self.registry = registry
        self.folder = folder
        self._jobs: dict[str, ExportJob] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="console-export")

    def start(self, project_id: str, fmt: str) -> ExportJob:
        exporter(fmt)  # an unknown format fails here, before a job exists
        info = self.registry.project(project_id)
        job = ExportJob(
            id=secrets.token_hex(8),
            project_id=info.id,
            project_name=info.name,
            format=fmt,
            state="queued",
            done=0,
            total=reports.count_submissions(self.storage, info.id),
            started_at=utcnow(),
        )
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> ExportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def listed(self, project_id: str | None = None) -> list[ExportJob]:
        with self._lock:
            jobs = list(self._jobs.values())
        jobs = [j for j in jobs if project_id is None or j.project_id == project_id]
        return sorted(jobs, key=lambda j: j.started_at, reverse=True)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # ---------------------------------------------------------------- work
    def _run(self, job: ExportJob) -> None:
        job.state = "running"
        work = self.folder / job.id
        try:
            work.mkdir(parents=True, exist_ok=True)
            info = self.registry.project(job.project_id)

            def counted() -> Iterator[Submission]:
                for sub in reports.latest_submissions(self.storage, info.id):
                    job.done += 1
                    yield sub

            name = reports._safe(info.name)
            fmt = exporter(job.format)
            dest = work / f"{name}-{fmt.name}" if fmt.folder else work
            path = export_records(counted(), info.taxonomy, job.format, dest, name=name).path
            if path.is_dir():
                path = Path(shutil.make_archive(str(path), "zip", path))
            job.path = path
            job.total = max(job.total, job.done)
            job.state = "done"
        except LabelerError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # a bug: shown, never a silent stop
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished_at = utcnow()

    def _forget_old(self) -> None:
        finished = sorted(
            (j for j in self._jobs.values() if j.state in ("done", "failed")),
            key=lambda j: j.started_at,
        )
        for j in finished[: max(0, len(finished) - KEEP_JOBS)]:
            self._jobs.pop(j.id, None)
            shutil.rmtree(self.folder / j.id, ignore_errors=True)
