"""A worker's "none of these fit": a label she proposes for an image, with her reason.

A proposal is an immutable record that travels like work (``Proposal.to_dict``, PROTOCOL.md);
proposing also flags the image for the supervisor (``labeler.flagging.set_aside``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from labeler import flagging, proposal_pictures, validation
from labeler.annotations import Shape
from labeler.crops import encode_crop
from labeler.errors import LabelerError
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.project import Project


@dataclass(frozen=True)
class Proposal:
    """A worker's "none of these fit": a label she proposes, with her reason."""

    uuid: str
    image_sha256: str
    image_path: str
    name: str
    reason: str
    region: Shape | None
    taxonomy_version: int
    worker: str
    device_id: str
    created_at: str
    crop: bytes | None = None  # a small JPEG of the region (labeler.crops), if one was made

    def to_dict(self) -> dict[str, Any]:
        """The record as it travels; ``crop`` (base64) only when there is one, so a proposal
        without a picture is what it was before crops (PROTOCOL.md)."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["region"] = self.region.to_dict() if self.region else None
        if self.crop:
            d["crop"] = encode_crop(self.crop)
        else:
            del d["crop"]
        return d

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Proposal:
        fields = {k: row[k] for k in cls.__dataclass_fields__ if k not in ("region", "crop")}
        region = Shape.from_dict(json.loads(row["region"])) if row.get("region") else None
        crop = row.get("crop")
        return cls(region=region, crop=bytes(crop) if crop else None, **fields)


def propose(
    project: Project,
    image_id: int,
    name: str,
    reason: str,
    worker: str,
    region: Shape | None = None,
    *,
    picture_later: bool = False,
) -> Proposal:
    """Flag an image as "none of these fit" with a proposed label; it travels like work.

    The proposal is committed first; its picture is cut after (``proposal_pictures``):
    here, or, with ``picture_later``, by whoever calls ``proposal_pictures.make`` (the
    app, on a background thread) or by the outbox before it packs."""
    name, reason = name.strip(), reason.strip()
    if not name:
        raise LabelerError("write the name of the label you propose")
    if not reason:
        raise LabelerError("write why none of the labels fit")
    rec = project.queue.get(image_id)
    if region is not None:
        region = validation.check_shape(region, rec.width, rec.height, "the marked region")
    sha = rec.sha256 or project.index.ensure_hash(image_id)
    prop = Proposal(
        uuid=new_uuid(),
        image_sha256=sha,
        image_path=rec.path,
        name=name,
        reason=reason,
        region=region,
        taxonomy_version=project.taxonomy_version,
        worker=worker,
        device_id=project.device_id,
        created_at=now(),
    )
    row = prop.to_dict()
    validation.check_proposal(row, project.record_rules())
    row["region"] = json.dumps(region.to_dict(), ensure_ascii=False) if region else None
    row["crop_state"] = proposal_pictures.PENDING
    with project.store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO workers (name, created_at) VALUES (?, ?)",
            (worker, prop.created_at),
        )
        db.execute(
            f"INSERT INTO proposals (image_id, {', '.join(row)})"
            f" VALUES (?, {', '.join('?' * len(row))})",
            (image_id, *row.values()),
        )
        flagging.set_aside(db, project, rec, sha, f"proposed: {name}", f"{name}: {reason}", worker)
    if picture_later:
        return prop
    return replace(prop, crop=proposal_pictures.make(project, prop.uuid))


def proposals(project: Project) -> list[Proposal]:
    """Every proposal of the project, oldest first."""
    rows = project.store.query("SELECT * FROM proposals ORDER BY created_at")
    return [Proposal.from_row(r) for r in rows]
