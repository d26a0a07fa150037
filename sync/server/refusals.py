"""Bundles the server refused, kept as a short record so the admin sees them (never the bytes).

The PC keeps a refused bundle and shows the reason; the admin console lists the same refusal
with what to do. Repeats of the same bytes are recorded once, and one sender can fill at
most ``MAX_PER_SENDER`` rows (a misbehaving PC cannot fill the database).
"""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

from sqlalchemy import func, select

from sync.bundle import read_manifest
from sync.errors import BundleError
from sync.server import storage as db
from sync.server.registry import Principal
from sync.server.storage import Storage, utcnow

MAX_PER_SENDER = 1000
NOT_RECORDED = frozenset({"conflict", "busy"})  # conflicts are alerts already; busy is no fault


def record(storage: Storage, data: bytes, caller: Principal, kind: str, message: str) -> None:
    """Note one refused upload (once per distinct bytes)."""
    if kind in NOT_RECORDED:
        return
    sha = hashlib.sha256(data).hexdigest()
    manifest: dict[str, Any] = {}
    with contextlib.suppress(BundleError):  # too broken to name its device: the sender is known
        manifest = read_manifest(data)
    device = manifest.get("device_id") if isinstance(manifest.get("device_id"), str) else None
    seq = manifest.get("seq") if isinstance(manifest.get("seq"), int) else None
    via = caller.id if caller.role != "device" else "device"
    r = db.refusals
    with storage.write() as conn:
        if conn.execute(select(r.c.id).where(r.c.sha256 == sha).limit(1)).first():
            return
        sender = caller.id
        count = conn.execute(
            select(func.count()).where(r.c.via == via, r.c.device_id == (device or sender))
        ).scalar_one()
        if count >= MAX_PER_SENDER:
            return
        conn.execute(
            r.insert().values(
                project_id=caller.project_id or manifest.get("project_id"),
                device_id=(device or sender)[:64],
                seq=seq,
                kind=kind[:40],
                message=message[:2000],
                sha256=sha,
                via=via,
                created_at=utcnow(),
            )
        )


def listed(storage: Storage, project_id: str | None, limit: int = 200) -> list[dict[str, Any]]:
    """The newest refusals (of one project, or all), newest first."""
    r = db.refusals
    query = select(r).order_by(r.c.id.desc()).limit(limit)
    if project_id:
        query = query.where(r.c.project_id == project_id)
    with storage.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]
