"""Proposals into the taxonomy: the list, and the admin's decision on a group of them."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from labeler.taxonomy import PALETTE, Label
from sync.server.console import proposals as groups
from sync.server.console.web import (
    PREFIX,
    AdminSessionDep,
    ConsoleDep,
    SessionDep,
    checked_form,
    not_done,
    page_projects,
    pick_project,
    redirect,
    render,
    text_field,
)
from sync.server.errors import ServerError
from sync.server.proposal_decisions import decide, free_keys

router = APIRouter()
DONE = {
    "added": "Added the label %(label)s (taxonomy version %(version)s); proposals answered: %(count)s.",
    "renamed": "Renamed the label %(label)s (taxonomy version %(version)s); proposals answered: %(count)s.",
    "merged": "Proposals answered: %(count)s; use the label %(label)s.",
    "declined": "Proposals declined with your reply: %(count)s.",
}


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
PICTURE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # a proposal, and so its picture, never changes; only this browser may keep it
    "Cache-Control": "private, max-age=86400, immutable",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


@router.get("/proposals")
def proposals_page(
    request: Request,
    console: ConsoleDep,
    session: SessionDep,
    project: str | None = None,
    error: str | None = None,
) -> Response:
    info, projects = page_projects(console, session, project)
    storage = console.state.storage
    open_groups = groups.open_groups(storage, info.id) if info else []
    used_colours = {lab.colour for lab in info.taxonomy.labels} if info else set()
    colour = next((c for c in PALETTE if c not in used_colours), PALETTE[0])
    return render(
        request,
        "proposals.html",
        session,
        nav="proposals",
        project=info,
        projects=projects,
        groups=open_groups,
        answered=groups.answered_list(storage, info.id) if info else [],
        keys=free_keys(info.taxonomy) if info else [],
        colour=colour,
        devanagari=_devanagari,
    )


@router.get("/proposals/{uuid}/crop.jpg")
def proposal_picture(uuid: str, console: ConsoleDep, session: SessionDep) -> Response:
    """The picture a proposal carried (a small JPEG the PC cut from the image), for anyone
    signed in who may see the proposal's project; 404 when there is none."""
    data = None
    if _UUID.match(uuid):
        data = groups.picture(console.state.storage, uuid, session.project_id)
    if data is None:
        return Response(
            "no picture for this proposal\n",
            status_code=404,
            media_type="text/plain",
            headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"},
        )
    headers = PICTURE_HEADERS | {"Content-Disposition": f'inline; filename="proposal-{uuid}.jpg"'}
    return Response(data, media_type="image/jpeg", headers=headers)


@router.post("/proposals/decide")
async def decide_on_group(
    request: Request, console: ConsoleDep, session: AdminSessionDep
) -> Response:
    form = await checked_form(request, session)
    info = pick_project(console, session, text_field(form, "project", 100))
    back = f"{PREFIX}/proposals?project={info.id}" if info else PREFIX + "/proposals"
    if info is None:
        return redirect(request, back)
    uuids = [u for u in form.getlist("proposal") if isinstance(u, str)][:1000]
    decision = text_field(form, "decision", 20)
    languages = info.taxonomy.languages
    names = {lang: text_field(form, f"name_{lang}", 200) for lang in languages}
    reply = text_field(form, "reply", 500)
    try:
        if decision == "added":
            new_label = Label(
                id=text_field(form, "label_id", 100),
                names=names,
                colour=text_field(form, "colour", 7) or PALETTE[0],
                shortcut=text_field(form, "key", 3) or None,
                description=text_field(form, "description", 300),
            )
            outcome = await run_in_threadpool(
                decide,
                console.state.storage,
                info.id,
                uuids,
                "added",
                new_label=new_label,
                reply=reply,
            )
        elif decision in ("renamed", "merged", "declined"):
            outcome = await run_in_threadpool(
                decide,
                console.state.storage,
                info.id,
                uuids,
                decision,  # type: ignore[arg-type]
                label_id=text_field(form, "existing", 100) or None,
                names=names,
                reply=reply,
            )
        else:
            raise ServerError(f"unknown decision {decision!r}")
    except ServerError as exc:
        return not_done(request, back, exc)
    return redirect(
        request,
        back,
        DONE[outcome.decision],
        label=outcome.label_id or "",
        version=outcome.taxonomy_version or "",
        count=outcome.answered,
    )
