"""Read-only pages: progress per project, centre and PC; alerts with what to do; quality."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.server.console import alerts, quality
from sync.server.console.charts import line_chart
from sync.server.console.progress import project_progress, stale_cutoff
from sync.server.console.web import (
    PREFIX,
    ConsoleDep,
    SessionDep,
    page_projects,
    redirect,
    render,
)

router = APIRouter()


@router.get("/")
def home(request: Request, _session: SessionDep) -> Response:
    return redirect(request, PREFIX + "/progress")


@router.get("/progress")
def progress_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info, projects = page_projects(console, session, project)
    s = console.settings
    report = (
        project_progress(
            console.state.storage,
            info.id,
            info.name,
            info.taxonomy_version,
            s.clock(),
            s.stale_days,
            s.chart_days,
        )
        if info
        else None
    )
    return render(
        request,
        "progress.html",
        session,
        nav="progress",
        project=info,
        projects=projects,
        report=report,
        chart=line_chart(report.days, report.daily) if report else None,
        stale_days=console.settings.stale_days,
    )


@router.get("/alerts")
def alerts_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info, projects = page_projects(console, session, project)
    rows = []
    if info:
        s = console.settings
        stale_before = stale_cutoff(s.clock(), s.stale_days)
        rows = alerts.gather(console.state.storage, info.id, stale_before)
    return render(
        request,
        "alerts.html",
        session,
        nav="alerts",
        project=info,
        projects=projects,
        alerts=rows,
    )


@router.get("/quality")
def quality_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info, projects = page_projects(console, session, project)
    rows = quality.figures(console.state.storage, info.id) if info else []
    pairs = quality.pairs(console.state.storage, info.id) if info and rows else []
    marked = quality.gold_marked(console.state.storage, info.id) if info else []
    return render(
        request,
        "quality.html",
        session,
        nav="quality",
        project=info,
        projects=projects,
        rows=rows,
        pairs=pairs,
        gold=marked,
    )
