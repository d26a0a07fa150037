"""Devices: the PCs and relays of a project; enroll a PC (its file downloads), revoke, relays."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from sync.server import storage as db
from sync.server.console.web import (
    PREFIX,
    AdminSessionDep,
    Console,
    ConsoleDep,
    SessionDep,
    checked_form,
    not_done,
    page_projects,
    pick_project,
    redirect,
    render,
    secure,
    text_field,
)
from sync.server.errors import ServerError

router = APIRouter()


def _download(doc: dict, filename: str) -> Response:
    body = (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    response = Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )
    return secure(response)


@router.get("/devices")
def devices_page(
    request: Request, console: ConsoleDep, session: SessionDep, project: str | None = None
) -> Response:
    info, projects = page_projects(console, session, project)
    d, r = db.devices, db.relays
    devices, relays = [], []
    if info:
        with console.state.storage.read() as conn:
            devices = conn.execute(
                select(d.c.id, d.c.centre, d.c.created_at, d.c.revoked_at, d.c.last_seen_at)
                .where(d.c.project_id == info.id)
                .order_by(d.c.centre, d.c.created_at)
            ).all()
            relays = conn.execute(
                select(r.c.id, r.c.name, r.c.created_at, r.c.revoked_at)
                .where(r.c.project_id == info.id)
                .order_by(r.c.created_at)
            ).all()
    return render(
        request,
        "devices.html",
        session,
        nav="devices",
        project=info,
        projects=projects,
        devices=devices,
        relays=relays,
        public_url=console.server_settings.public_url,
    )


async def _enroll(request: Request, console: Console, session: Any, what: str) -> Response:
    """Enroll a PC (``what="device"``, a centre named) or a relay (a holder named); the
    file downloads at once and the console keeps no copy of its secret."""
    form = await checked_form(request, session)
    info = pick_project(console, session, text_field(form, "project", 100))
    back = f"{PREFIX}/devices?project={info.id if info else ''}"
    registry, url = console.state.registry, console.server_settings.public_url
    try:
        if info is None:
            raise ServerError("there is no project yet")
        if what == "device":
            doc = registry.enroll_device(info.id, text_field(form, "centre", 200), url)
            return _download(doc, f"{doc['device_id']}.hitl-enroll")
        doc = registry.enroll_relay(info.id, text_field(form, "name", 200), url)
        return _download(doc, f"{doc['relay_id']}.hitl-relay")
    except ServerError as exc:
        return not_done(request, back, exc)


@router.post("/devices/enroll")
async def enroll_device(
    request: Request, console: ConsoleDep, session: AdminSessionDep
) -> Response:
    return await _enroll(request, console, session, "device")


@router.post("/devices/relay")
async def enroll_relay(request: Request, console: ConsoleDep, session: AdminSessionDep) -> Response:
    return await _enroll(request, console, session, "relay")


@router.post("/devices/revoke")
async def revoke(request: Request, console: ConsoleDep, session: AdminSessionDep) -> Response:
    form = await checked_form(request, session)
    info = pick_project(console, session, text_field(form, "project", 100))
    back = f"{PREFIX}/devices?project={info.id if info else ''}"
    device_id = text_field(form, "device", 100)
    relay_id = text_field(form, "relay", 100)
    try:
        if relay_id:
            console.state.registry.revoke_relay(relay_id)
            console.sessions.end_all_of(relay_id)
            return redirect(request, back, "Relay %(id)s revoked.", id=relay_id)
        console.state.registry.revoke_device(device_id)
    except ServerError as exc:
        return not_done(request, back, exc)
    return redirect(
        request,
        back,
        "PC %(id)s revoked: its credentials and new bundles are refused.",
        id=device_id,
    )
