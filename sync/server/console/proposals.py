"""Workers' label proposals grouped for the admin, each with the place on the image it names.

The server never holds the centres' images; a proposal from a PC that made one carries a
small JPEG of the region the worker marked (``labeler.crops``), shown as a picture. Without
one (an older PC, an image file it could not read, a picture dropped at ingest) the "crop" is
honest about it: the image's frame, at its real proportions when any submission of that
image told its size, with the region the worker dragged drawn on it. The image's file name
and SHA-256 are shown either way, so the supervisor can find the picture at the centre. Proposals are grouped by
their name, compared without case, spaces or punctuation, so "Bullock cart" and
"bullock-cart" count as one group with how many workers proposed it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from labeler.taxonomy import slug
from sync.server import answers, reports
from sync.server import storage as db
from sync.server.storage import Storage

FRAME = 160  # the longer side of a drawn frame, in CSS pixels


def group_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


@dataclass
class Crop:
    """An SVG of the image frame (``width`` x ``height`` image pixels) and the region."""

    width: float
    height: float
    kind: str | None  # box, polygon, point, or None (no region given)
    points: str  # polygon/box corners "x,y ...", or the point "x,y"
    known_size: bool  # False: the frame is only the region's surroundings
    view_w: int
    view_h: int
    marker: float  # radius of a point marker, in image pixels


@dataclass
class ProposalItem:
    uuid: str
    name: str
    reason: str
    worker: str
    device_id: str
    centre: str
    image_path: str
    image_sha256: str
    created_at: str
    crop: Crop
    picture: tuple[int, int] | None = None  # the JPEG's size when one is kept
    picture_problem: str | None = None  # why the picture the PC sent was dropped


@dataclass
class ProposalGroup:
    key: str
    names: list[str]
    items: list[ProposalItem] = field(default_factory=list)

    @property
    def workers(self) -> list[str]:
        return sorted({i.worker for i in self.items}, key=str.lower)

    @property
    def pictured(self) -> list[ProposalItem]:
        """Items with a picture, one per worker first (the group's thumbnails)."""
        with_picture = [i for i in self.items if i.picture]
        first: dict[str, ProposalItem] = {}
        for i in with_picture:
            first.setdefault(i.worker, i)
        rest = [i for i in with_picture if first.get(i.worker) is not i]
        return list(first.values()) + rest

    @property
    def uuids(self) -> list[str]:
        return [i.uuid for i in self.items]

    @property
    def name(self) -> str:
        """The spelling most workers used (the first seen on a tie)."""
        counts = Counter(i.name for i in self.items)
        return max(self.names, key=lambda n: counts[n])

    @property
    def suggested_id(self) -> str:
        """A label id from the name, or nothing when the name has no Latin letters."""
        made = slug(self.name)
        return "" if made == "label" and "label" not in self.name.lower() else made


def _sizes(storage: Storage, project_id: str, hashes: list[str]) -> dict[str, tuple[int, int]]:
    s = db.submissions
    out: dict[str, tuple[int, int]] = {}
    with storage.read() as conn:
        for i in range(0, len(hashes), 500):
            rows = conn.execute(
                select(s.c.image_sha256, func.max(s.c.width), func.max(s.c.height))
                .where(s.c.project_id == project_id, s.c.image_sha256.in_(hashes[i : i + 500]))
                .group_by(s.c.image_sha256)
            )
            out.update({h: (int(w), int(hh)) for h, w, hh in rows})
    return out


def _pictures(
    storage: Storage, uuids: list[str]
) -> dict[str, tuple[tuple[int, int] | None, str | None]]:
    """uuid -> (size of the kept JPEG or None, why it was dropped or None); never the bytes."""
    c = db.proposal_crops
    out: dict[str, tuple[tuple[int, int] | None, str | None]] = {}
    with storage.read() as conn:
        for i in range(0, len(uuids), 500):
            rows = conn.execute(
                select(c.c.uuid, c.c.width, c.c.height, c.c.problem).where(
                    c.c.uuid.in_(uuids[i : i + 500])
                )
            )
            for r in rows:
                size = (int(r.width), int(r.height)) if r.problem is None and r.width else None
                out[r.uuid] = (size, r.problem)
    return out


def picture(storage: Storage, uuid: str, project_id: str | None) -> bytes | None:
    """The kept JPEG of proposal ``uuid`` (of ``project_id`` when one is given), or None."""
    c = db.proposal_crops
    query = select(c.c.data).where(c.c.uuid == uuid, c.c.data.is_not(None))
    if project_id is not None:
        query = query.where(c.c.project_id == project_id)
    with storage.read() as conn:
        data = conn.execute(query).scalar()
    return bytes(data) if data is not None else None


def crop_of(region: dict[str, Any] | None, size: tuple[int, int] | None) -> Crop:
    pts: list[tuple[float, float]] = []
    kind = None
    if isinstance(region, dict) and region.get("type") in ("box", "polygon", "point"):
        try:
            pts = [(float(x), float(y)) for x, y in region.get("points") or []]
            kind = str(region["type"]) if pts else None
        except (TypeError, ValueError):
            pts, kind = [], None
    if size and size[0] > 0 and size[1] > 0:
        w, h = float(size[0]), float(size[1])
        known = True
    else:  # no submission of this image: frame the region with a margin
        xs = [p[0] for p in pts] or [0.0, 100.0]
        ys = [p[1] for p in pts] or [0.0, 75.0]
        w = max(max(xs) * 1.25, 100.0)
        h = max(max(ys) * 1.25, 75.0)
        known = False
    if kind == "box" and len(pts) >= 2:
        (x1, y1), (x2, y2) = pts[0], pts[1]
        pts = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    scale = FRAME / max(w, h)
    return Crop(
        width=w,
        height=h,
        kind=kind,
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in pts),
        known_size=known,
        view_w=max(int(w * scale), 40),
        view_h=max(int(h * scale), 30),
        marker=max(w, h) / 40,
    )


def open_groups(storage: Storage, project_id: str) -> list[ProposalGroup]:
    """Unanswered proposals of a project, grouped by name, largest groups first."""
    rows = reports.proposals(storage, project_id)
    done = answers.answered(storage, [r["uuid"] for r in rows])
    rows = [r for r in rows if r["uuid"] not in done]
    sizes = _sizes(storage, project_id, sorted({r["image_sha256"] for r in rows}))
    centres = _centres(storage, project_id)
    pictures = _pictures(storage, [r["uuid"] for r in rows])
    groups: dict[str, ProposalGroup] = {}
    for r in rows:
        key = group_key(r["name"]) or r["name"]
        g = groups.setdefault(key, ProposalGroup(key, []))
        if r["name"] not in g.names:
            g.names.append(r["name"])
        g.items.append(
            ProposalItem(
                uuid=r["uuid"],
                name=r["name"],
                reason=r["reason"],
                worker=r["worker"],
                device_id=r["device_id"],
                centre=centres.get(r["device_id"], ""),
                image_path=r["image_path"],
                image_sha256=r["image_sha256"],
                created_at=r["created_at"],
                crop=crop_of(r["region"], sizes.get(r["image_sha256"])),
                picture=pictures.get(r["uuid"], (None, None))[0],
                picture_problem=pictures.get(r["uuid"], (None, None))[1],
            )
        )
    return sorted(groups.values(), key=lambda g: (-len(g.workers), -len(g.items), g.key))


def answered_list(storage: Storage, project_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The newest answers with the proposal they answer, newest first."""
    a, p = db.proposal_answers, db.proposals
    query = (
        select(a, p.c.name, p.c.worker, p.c.reason)
        .select_from(a.join(p, p.c.uuid == a.c.proposal_uuid))
        .where(a.c.project_id == project_id)
        .order_by(a.c.id.desc())
        .limit(limit)
    )
    with storage.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _centres(storage: Storage, project_id: str) -> dict[str, str]:
    d = db.devices
    with storage.read() as conn:
        rows = conn.execute(select(d.c.id, d.c.centre).where(d.c.project_id == project_id))
        return {r.id: r.centre for r in rows}
