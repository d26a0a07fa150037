"""Gold images marked by the admin on the server (issue 12), sent in the signed project pack.

The admin marks an image (by SHA-256) with its answer: the shapes of a stored submission
(one she names, or the image's latest revision that a supervisor accepted or corrected), or
what a COCO or labelme file says for it (matched by file name to the images the server has
received). Every answer is checked by the core's validation (``labeler.validation``: shapes
inside the image, of the project's kind and taxonomy) and kept as a ``GoldAnswer`` record
with ``source`` ``"server"``. The pack sent to supervisor stations lists them (``gold``);
the pack sent to relays, which is written onto drives that go round the workers' PCs,
carries them sealed for the stations (``gold_sealed``, ``sync.gold_seal``); ``gold_version``
(the newest mark's number) is in every pack so a PC asks for the pack again when the admin
marks more; a station keeps them like gold imported at the centre. A worker PC's pack
carries the number only, never the answers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from labeler import validation
from labeler.annotations import AnnotationKind, Shape
from labeler.errors import InvalidRecord, LabelerError
from labeler.quality.records import GoldAnswer
from labeler.store import new_uuid
from sync.server import storage as db
from sync.server.errors import NotFoundError, ServerError
from sync.server.storage import Storage, utcnow

if TYPE_CHECKING:
    from sync.server.registry import ProjectInfo

MAX_IN_PACK = 1000  # the newest marks a pack carries


def version(conn: Connection, project_id: str) -> int:
    g = db.gold_marks
    return int(
        conn.execute(select(func.max(g.c.id)).where(g.c.project_id == project_id)).scalar() or 0
    )


def for_pack(conn: Connection, project_id: str) -> list[dict[str, Any]]:
    """The newest ``MAX_IN_PACK`` answers, oldest first (``GoldAnswer.to_dict()``)."""
    g = db.gold_marks
    rows = conn.execute(
        select(g.c.record)
        .where(g.c.project_id == project_id)
        .order_by(g.c.id.desc())
        .limit(MAX_IN_PACK)
    ).scalars()
    return [json.loads(r) for r in reversed(list(rows))]


def mark(
    storage: Storage,
    info: ProjectInfo,
    *,
    image_sha256: str,
    image_path: str,
    width: int,
    height: int,
    shapes: list[Shape],
    created_by: str,
) -> GoldAnswer:
    """Keep one image's answer (checked like any record); an image is marked once."""
    where = f"image {image_sha256[:12]}…"
    try:
        shapes = validation.check_shapes(
            shapes, width, height, AnnotationKind.parse(info.kind), set(info.taxonomy.ids())
        )
        answer = GoldAnswer.from_dict(
            {
                "uuid": new_uuid(),
                "image_sha256": image_sha256,
                "image_path": image_path,
                "width": width,
                "height": height,
                "shapes": [s.to_dict() for s in shapes],
                "source": "server",
                "created_by": created_by,
                "device_id": "server",
                "created_at": utcnow(),
            }
        )
    except (InvalidRecord, LabelerError) as exc:
        raise ServerError(f"{where}: the answer is refused: {exc}") from None
    g = db.gold_marks
    with storage.write() as conn:
        known = conn.execute(
            select(g.c.uuid).where(g.c.project_id == info.id, g.c.image_sha256 == image_sha256)
        ).first()
        if known is not None:
            raise ServerError(f"{where} ({image_path}) is gold already; its answer stays")
        conn.execute(
            g.insert().values(
                uuid=answer.uuid,
                project_id=info.id,
                image_sha256=image_sha256,
                record=answer.to_json(),
                created_at=answer.created_at,
            )
        )
    return answer


def _submission_row(conn: Connection, info: ProjectInfo, image_sha256: str, uuid: str | None):  # type: ignore[no-untyped-def]
    s, r = db.submissions, db.reviews
    query = select(s).where(s.c.project_id == info.id, s.c.image_sha256 == image_sha256)
    if uuid:
        return conn.execute(query.where(s.c.uuid == uuid)).mappings().first()
    accepted = select(r.c.submission_uuid).where(
        r.c.project_id == info.id, r.c.decision == "accept"
    )
    query = query.where((s.c.source == "corrected") | s.c.uuid.in_(accepted))
    return conn.execute(query.order_by(s.c.revision.desc(), s.c.uuid)).mappings().first()


def mark_from_submission(
    storage: Storage,
    info: ProjectInfo,
    image_sha256: str,
    *,
    submission_uuid: str | None = None,
    created_by: str = "admin",
) -> GoldAnswer:
    """The image's answer is a stored submission's shapes: ``submission_uuid``, or its
    latest revision a supervisor accepted or corrected."""
    with storage.read() as conn:
        row = _submission_row(conn, info, image_sha256, submission_uuid)
    if row is None:
        raise NotFoundError(
            f"no {'submission ' + submission_uuid if submission_uuid else 'accepted or corrected submission'}"
            f" of image {image_sha256[:12]}… in project {info.name}; name a stored one with"
            " --submission UUID, or give the answer in a --coco or --labelme file"
        )
    from labeler.annotations import loads

    return mark(
        storage,
        info,
        image_sha256=image_sha256,
        image_path=row["image_path"],
        width=row["width"],
        height=row["height"],
        shapes=loads(row["shapes"]),
        created_by=created_by,
    )


def mark_from_file(
    storage: Storage,
    info: ProjectInfo,
    fmt: str,
    source: str | Path,
    *,
    only: str | None = None,
    created_by: str = "admin",
) -> tuple[list[GoldAnswer], list[str]]:
    """(answers kept, problems) from a COCO JSON or labelme file/folder: each image it names
    is matched by file name to an image the server has received (``only``: just that SHA)."""
    from labeler.imports import importer
    from labeler.imports.matching import LabelResolver
    from labeler.imports.shapes import ShapeMaker
    from labeler.quality.gold_import import GOLD_FORMATS, answer_shapes
    from labeler.queue import ImageRecord, Status

    if fmt not in GOLD_FORMATS:
        raise ServerError(f"gold answers come from {' or '.join(GOLD_FORMATS)}, not {fmt!r}")
    source = Path(source)
    if not source.exists():
        raise NotFoundError(f"{source}: no such file or folder")
    s = db.submissions
    with storage.read() as conn:
        rows = conn.execute(
            select(s.c.image_sha256, s.c.image_path, s.c.width, s.c.height)
            .where(s.c.project_id == info.id)
            .distinct()
        ).all()
    by_name: dict[str, Any] = {}
    for r in rows:
        if only is None or r.image_sha256 == only:
            by_name.setdefault(r.image_path.replace("\\", "/").rsplit("/", 1)[-1].casefold(), r)
    resolver = LabelResolver(info.taxonomy)
    maker = ShapeMaker(AnnotationKind.parse(info.kind), resolver)
    answers: list[GoldAnswer] = []
    problems: list[str] = []
    for parsed in importer(fmt).read(source):
        if parsed.error is not None:
            problems.append(str(parsed.error))
            continue
        for image in parsed.images:
            key = image.name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
            r = by_name.get(key)
            if r is None:
                if only is None:
                    problems.append(f"{image.where}: no received image named {image.name!r}")
                continue
            rec = ImageRecord(0, r.image_path, 0, r.width, r.height, 1, None, r.image_sha256,
                              Status.SUBMITTED, None, None)  # fmt: skip
            try:
                shapes = answer_shapes(image, rec, resolver, maker)
                answers.append(
                    mark(
                        storage,
                        info,
                        image_sha256=r.image_sha256,
                        image_path=r.image_path,
                        width=r.width,
                        height=r.height,
                        shapes=shapes,
                        created_by=created_by,
                    )
                )
            except LabelerError as exc:
                problems.append(f"{image.where}: {exc}")
    return answers, problems
