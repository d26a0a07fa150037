"""Mark a gold image from the console's Quality page (issue 12): its answer is the image's
latest revision a supervisor accepted or corrected (``sync.server.gold``); stations get it
with their next project pack. The admin only; refused answers say why."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.server import gold
from sync.server.console.web import (
    PREFIX,
    AdminSessionDep,
    ConsoleDep,
    checked_form,
    not_done,
    pick_project,
    redirect,
    text_field,
)
from sync.server.errors import ServerError

router = APIRouter()
_SHA = re.compile(r"[0-9a-f]{64}\Z")


@router.post("/quality/gold")
async def mark_gold(request: Request, console: ConsoleDep, session: AdminSessionDep) -> Response:
    form = await checked_form(request, session)
    info = pick_project(console, session, text_field(form, "project", 100))
    back = f"{PREFIX}/quality?project={info.id if info else ''}"
    sha = text_field(form, "image", 100).lower()
    try:
        if info is None:
            raise ServerError("choose a project first")
        if not _SHA.match(sha):
            raise ServerError("give the image's SHA-256: 64 characters 0-9 and a-f")
        answer = gold.mark_from_submission(console.state.storage, info, sha, created_by="admin")
    except ServerError as exc:
        return not_done(request, back, exc)
    return redirect(
        request,
        back,
        "%(image)s is a gold image now; supervisor stations get it with their next pack.",
        image=answer.image_path,
    )
