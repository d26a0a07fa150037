"""Exports for the console: the server's export jobs (``sync.server.export_jobs``) as the
pages show them.

A job runs in its own worker process and keeps its state, progress and file in the
database, so any API process shows its progress and serves the download, and a restart
of the process that started it loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from labeler.exports import FORMATS
from sync.server import export_jobs
from sync.server.config import Settings
from sync.server.deps import AppState
from sync.server.errors import NotFoundError


@dataclass(frozen=True)
class ExportJob:
    id: str
    project_id: str
    format: str
    state: str  # queued | running | done | failed
    done: int
    total: int
    error: str | None
    file_name: str | None
    started_at: str
    reviewed_only: bool = False

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


def _view(job: export_jobs.Job) -> ExportJob:
    return ExportJob(
        job.id,
        job.project_id,
        job.format,
        job.state,
        job.done,
        job.total,
        job.error,
        job.file_name,
        job.created_at,
        job.reviewed_only,
    )


def export_formats() -> list[str]:
    return list(FORMATS)


class ExportJobs:
    """Start, watch and read the server's export jobs."""

    def __init__(self, state: AppState, settings: Settings) -> None:
        self.state = state
        self.settings = settings

    def start(self, project_id: str, fmt: str, *, reviewed_only: bool = False) -> ExportJob:
        project = self.state.registry.project(project_id)
        return _view(
            export_jobs.start(
                self.settings, self.state.storage, project, fmt, reviewed_only=reviewed_only
            )
        )

    def get(self, job_id: str) -> ExportJob | None:
        try:
            return _view(export_jobs.get(self.state.storage, job_id))
        except NotFoundError:
            return None

    def listed(self, project_id: str | None = None) -> list[ExportJob]:
        return [_view(j) for j in export_jobs.recent(self.state.storage, project_id, limit=20)]

    def file(self, job_id: str) -> Iterator[bytes]:
        return export_jobs.chunks(self.state.storage, job_id)
