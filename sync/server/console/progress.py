"""Progress per project, centre and PC, read for the console (read-only queries).

"Images done" counts distinct images with at least one stored submission. A PC is *stale*
when its last bundle is older than ``stale_days`` (or it never sent one and was enrolled
that long ago): that is the row the admin should call about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from sync.server import reports
from sync.server import storage as db
from sync.server.console.sessions import stamp
from sync.server.storage import Storage


@dataclass
class DeviceRow:
    device_id: str
    centre: str
    bundles: int
    missing_bundles: int
    submissions: int
    images: int
    proposals: int
    last_seen: str | None
    revoked: bool
    stale: bool


@dataclass
class CentreRow:
    centre: str
    devices: list[DeviceRow] = field(default_factory=list)
    submissions: int = 0
    images: int = 0
    proposals: int = 0
    last_seen: str | None = None
    stale_devices: int = 0


@dataclass
class ProjectProgress:
    project_id: str
    name: str
    taxonomy_version: int
    centres: list[CentreRow]
    submissions: int
    images: int
    devices: int
    stale_devices: int
    daily: dict[str, dict[str, int]]  # centre -> day (YYYY-MM-DD) -> submissions
    days: list[str]


def _images_per_device(storage: Storage, project_id: str) -> dict[str, int]:
    s = db.submissions
    query = (
        select(s.c.device_id, func.count(func.distinct(s.c.image_sha256)))
        .where(s.c.project_id == project_id)
        .group_by(s.c.device_id)
    )
    with storage.read() as conn:
        return {d: int(n) for d, n in conn.execute(query)}


def _images_total(storage: Storage, project_id: str) -> int:
    s = db.submissions
    query = select(func.count(func.distinct(s.c.image_sha256))).where(s.c.project_id == project_id)
    with storage.read() as conn:
        return int(conn.execute(query).scalar_one())


def _enrolled_at(storage: Storage, project_id: str) -> dict[str, str]:
    d = db.devices
    with storage.read() as conn:
        rows = conn.execute(select(d.c.id, d.c.created_at).where(d.c.project_id == project_id))
        return {r.id: r.created_at for r in rows}


def daily(
    storage: Storage, project_id: str, today: date, days: int
) -> tuple[list[str], dict[str, dict[str, int]]]:
    """Submissions per centre per day (the day the worker submitted), the last ``days`` days."""
    first = today - timedelta(days=days - 1)
    labels = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    s, d = db.submissions, db.devices
    day = func.substr(s.c.submitted_at, 1, 10).label("day")
    query = (
        select(d.c.centre, day, func.count().label("n"))
        .select_from(s.join(d, d.c.id == s.c.device_id))
        .where(s.c.project_id == project_id, s.c.submitted_at >= labels[0])
        .group_by(d.c.centre, day)
    )
    out: dict[str, dict[str, int]] = {}
    with storage.read() as conn:
        for centre, when, n in conn.execute(query):
            if when in labels:
                out.setdefault(centre, {})[when] = int(n)
    return labels, out


def stale_cutoff(now: datetime, stale_days: int) -> str:
    """The stamp before which a PC's last bundle makes it stale."""
    return stamp(now - timedelta(days=stale_days))


def is_stale(row: dict, enrolled_at: str, stale_before: str) -> bool:
    """Whether a ``reports.progress`` row is a PC to call about: not revoked, and its last
    bundle (or, never seen, its enrollment) older than ``stale_before``."""
    return not row["revoked"] and (row["last_seen"] or enrolled_at) < stale_before


def project_progress(
    storage: Storage,
    project_id: str,
    name: str,
    taxonomy_version: int,
    now: datetime,
    stale_days: int,
    chart_days: int,
) -> ProjectProgress:
    stale_before = stale_cutoff(now, stale_days)
    images = _images_per_device(storage, project_id)
    enrolled = _enrolled_at(storage, project_id)
    centres: dict[str, CentreRow] = {}
    for r in reports.progress(storage, project_id):
        seen = r["last_seen"]
        stale = is_stale(r, enrolled.get(r["device_id"], ""), stale_before)
        row = DeviceRow(
            device_id=r["device_id"],
            centre=r["centre"],
            bundles=r["bundles"],
            missing_bundles=r["missing_bundles"],
            submissions=r["submissions"],
            images=images.get(r["device_id"], 0),
            proposals=r["proposals"],
            last_seen=seen,
            revoked=r["revoked"],
            stale=stale,
        )
        c = centres.setdefault(r["centre"], CentreRow(r["centre"]))
        c.devices.append(row)
        c.submissions += row.submissions
        c.images += row.images
        c.proposals += row.proposals
        c.stale_devices += int(stale)
        if seen and (c.last_seen is None or seen > c.last_seen):
            c.last_seen = seen
    days, per_day = daily(storage, project_id, now.date(), chart_days)
    rows = sorted(centres.values(), key=lambda c: c.centre.lower())
    return ProjectProgress(
        project_id=project_id,
        name=name,
        taxonomy_version=taxonomy_version,
        centres=rows,
        submissions=sum(c.submissions for c in rows),
        images=_images_total(storage, project_id),
        devices=sum(len(c.devices) for c in rows),
        stale_devices=sum(c.stale_devices for c in rows),
        daily=per_day,
        days=days,
    )
