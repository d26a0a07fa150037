"""Exports: start one, watch its progress (the page refreshes itself), download the file."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from labeler.errors import LabelerError
from sync.server.console.exports import export_formats
from sync.server.console.i18n import tr
from sync.server.console.web import (
    PREFIX,
    AdminSessionDep,
    ConsoleDep,
    PageRefused,
    checked_form,
    language,
    not_done,
    page_projects,
    pick_project,
    redirect,
    render,
    text_field,
)

router = APIRouter()


@router.get("/exports")
def exports_page(
    request: Request, console: ConsoleDep, session: AdminSessionDep, project: str | None = None
) -> Response:
    info, projects = page_projects(console, session, project)
    jobs = console.exports.listed(info.id if info else None)
    return render(
        request,
        "exports.html",
        session,
        nav="exports",
        project=info,
        projects=projects,
        jobs=jobs,
        formats=export_formats(),
        running=any(j.state in ("queued", "running") for j in jobs),
    )


@router.post("/exports")
async def start_export(request: Request, console: ConsoleDep, session: AdminSessionDep) -> Response:
    form = await checked_form(request, session)
    info = pick_project(console, session, text_field(form, "project", 100))
    back = f"{PREFIX}/exports?project={info.id if info else ''}"
    try:
        if info is None:
            raise LabelerError("there is no project yet")
        job = console.exports.start(
            info.id,
            text_field(form, "format", 20),
            reviewed_only=text_field(form, "reviewed", 5) == "1",
        )
    except LabelerError as exc:
        return not_done(request, back, exc)
    return redirect(request, back, "Export %(id)s started.", id=job.id)


@router.get("/exports/{job_id}/status")
def export_status(job_id: str, console: ConsoleDep, _session: AdminSessionDep) -> Response:
    job = console.exports.get(job_id)
    if job is None:
        return JSONResponse({"state": "gone"}, status_code=404)
    return JSONResponse(
        {"state": job.state, "done": job.done, "total": job.total, "percent": job.percent},
        headers={"Cache-Control": "no-store"},
    )


@router.get("/exports/{job_id}/download")
def download_export(
    request: Request, job_id: str, console: ConsoleDep, _session: AdminSessionDep
) -> Response:
    job = console.exports.get(job_id)
    if job is None or job.state != "done" or not job.file_name:
        raise PageRefused(
            tr(language(request), "This export is not ready or no longer kept; start it again."),
            404,
        )
    name = re.sub(r"[^A-Za-z0-9._-]", "_", job.file_name)
    return StreamingResponse(
        console.exports.file(job.id),
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
