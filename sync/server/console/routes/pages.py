"""Read-only pages: progress per project, centre and PC; alerts with what to do; quality."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.server.console import alerts, quality
from sync.server.console.charts import line_chart
from sync.server.console.progress import project_progress
from sync.server.console.web import (
    PREFIX,
    ConsoleDep,
    SessionDep,
    pick_project,
    project_choices,
    redirect,
    render,
)

router = APIRouter()


@router.get("/")
def home(request: Request, _session: SessionDep) -> Response:
    return redirect(request, PREFIX + "/progress")


def _progress(console, project):  # type: ignore[no-untyped-def]
    s = console.settings
    return project_progress(
        console.state.storage,
        project.id,
        project.name,
        project.taxonomy_version,
        s.clock(),
        s.stale_days,
        s.chart_days,
    )


@router.get("/progress")
def progress_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info = pick_project(console, session, project)
    report = _progress(console, info) if info else None
    return render(
        request,
        "progress.html",
        session,
        nav="progress",
        project=info,
        projects=project_choices(console, session),
        report=report,
        chart=line_chart(report.days, report.daily) if report else None,
        stale_days=console.settings.stale_days,
    )


@router.get("/alerts")
def alerts_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info = pick_project(console, session, project)
    rows = []
    if info:
        report = _progress(console, info)
        stale = [
            (d.device_id, d.centre, d.last_seen)
            for c in report.centres
            for d in c.devices
            if d.stale
        ]
        rows = alerts.gather(console.state.storage, info.id, stale)
    return render(
        request,
        "alerts.html",
        session,
        nav="alerts",
        project=info,
        projects=project_choices(console, session),
        alerts=rows,
    )


@router.get("/quality")
def quality_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info = pick_project(console, session, project)
    rows = quality.figures(console.state.storage, info.id) if info else []
    return render(
        request,
        "quality.html",
        session,
        nav="quality",
        project=info,
        projects=project_choices(console, session),
        rows=rows,
    )
