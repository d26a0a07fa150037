"""Exports as jobs: `POST /v1/exports` starts one, `GET /v1/exports/{id}` follows its
progress, `GET /v1/exports/{id}/file` downloads it when done (admin)."""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from sync.server import export_jobs
from sync.server.deps import AdminDep, AppState, StateDep
from sync.server.errors import ServerError
from sync.server.registry import ProjectInfo
from sync.server.schemas import ErrorBody, ExportJob

router = APIRouter(tags=["exports"])
_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409)}
SKIPPED_HEADER = "X-HITL-Skipped-Records"  # stored records the export could not write
FORMATS_HELP = "coco, yolo, voc, cvat, labelstudio, labelme, csv (see README, Exports)"
WAIT_FOR_EXPORT_S = 1800  # GET /v1/export waits this long for its job
REVIEWED_HELP = "only images whose latest revision a supervisor accepted or corrected"


def _start(state: AppState, info: ProjectInfo, fmt: str, reviewed: bool) -> export_jobs.Job:
    return export_jobs.start(state.settings, state.storage, info, fmt, reviewed_only=reviewed)


@router.post("/exports", response_model=ExportJob, status_code=202, responses=_ERRORS)
async def start_export(
    _admin: AdminDep,
    state: StateDep,
    format: str = Query("coco", description=FORMATS_HELP),
    project: str | None = Query(None, description="name or id; optional with one project"),
    reviewed: bool = Query(False, description=REVIEWED_HELP),
) -> ExportJob:
    """Start an export in the background; poll the job, then download its file."""
    info = await run_in_threadpool(state.registry.default_project, project)
    job = await run_in_threadpool(_start, state, info, format, reviewed)
    return ExportJob(**job.public())


@router.get("/exports", response_model=list[ExportJob], responses=_ERRORS)
def list_exports(
    _admin: AdminDep, state: StateDep, project: str | None = Query(None)
) -> list[ExportJob]:
    """Recent exports, newest first."""
    project_id = state.registry.project(project).id if project else None
    return [ExportJob(**j.public()) for j in export_jobs.recent(state.storage, project_id)]


@router.get("/exports/{job_id}", response_model=ExportJob, responses=_ERRORS)
def get_export_job(job_id: str, _admin: AdminDep, state: StateDep) -> ExportJob:
    """State (queued, running, done, failed) and progress (``done`` of ``total`` images)."""
    return ExportJob(**export_jobs.get(state.storage, job_id).public())


@router.get(
    "/exports/{job_id}/file",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
def download_export(job_id: str, _admin: AdminDep, state: StateDep) -> StreamingResponse:
    """The finished file (folder formats as a .zip); 409 until the job is done."""
    job = export_jobs.get(state.storage, job_id)
    body = export_jobs.chunks(state.storage, job_id)  # raises 409 before anything is sent
    first = next(body, b"")

    async def stream():  # type: ignore[no-untyped-def]
        yield first
        async for chunk in iterate_in_threadpool(body):
            yield chunk

    return StreamingResponse(
        stream(),
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{job.file_name}"',
            "Content-Length": str(job.size),
            SKIPPED_HEADER: str(job.skipped),
        },
    )


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **_ERRORS},
)
async def get_export(
    admin: AdminDep,
    state: StateDep,
    format: str = Query("coco", description=FORMATS_HELP),
    project: str | None = Query(None, description="name or id; optional with one project"),
    reviewed: bool = Query(False, description=REVIEWED_HELP),
) -> StreamingResponse:
    """Everything received (latest revision of each image) as one file, in one request: an
    export job run to its end while this request waits (large projects: use ``/exports``)."""
    info = await run_in_threadpool(state.registry.default_project, project)
    job = await run_in_threadpool(_start, state, info, format, reviewed)
    deadline = time.monotonic() + WAIT_FOR_EXPORT_S
    while job.state in ("queued", "running"):
        if time.monotonic() > deadline:
            raise ServerError(f"the export is taking long; follow it at /v1/exports/{job.id}")
        await asyncio.sleep(0.1)
        job = await run_in_threadpool(export_jobs.get, state.storage, job.id)
    return download_export(job.id, admin, state)
