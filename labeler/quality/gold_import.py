"""Gold answers imported at the centre from a COCO or labelme file the admin prepared.

Images are matched by file name to the station's images and labels by id or any name, as
``labeler import-annotations`` does (the same readers, matcher and ``ShapeMaker``); an
answer whose image or label is unknown, or whose geometry does not fit the image, is listed
as a problem and left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from labeler.errors import LabelerError, NotFoundError
from labeler.imports import importer
from labeler.imports.apply import matcher_for
from labeler.imports.matching import LabelResolver
from labeler.imports.shapes import ShapeMaker
from labeler.quality.records import GoldAnswer
from labeler.store import new_uuid, now

if TYPE_CHECKING:
    from labeler.annotations import Shape
    from labeler.imports.parsed import ParsedImage
    from labeler.project import Project
    from labeler.queue import ImageRecord

GOLD_FORMATS = ("coco", "labelme")


def answer_shapes(
    image: ParsedImage, rec: ImageRecord, resolver: LabelResolver, maker: ShapeMaker
) -> list[Shape]:
    """The shapes of one imported answer for the image ``rec``, whole or not at all:
    ``LabelerError`` names an unknown label or a shape that cannot be kept (an answer
    missing a shape would mark right work wrong). The centre's import and the server's
    ``mark-gold`` both take answers this way."""
    unknown = [x.label for x in image.shapes if resolver.resolve(x.label, x.label_id) is None]
    if unknown:
        raise LabelerError(f"unknown label {unknown[0]!r}")
    shapes, skipped = maker.shapes(image, rec)
    if skipped:
        raise LabelerError(skipped[0])
    return shapes


def read_gold(
    project: Project, fmt: str, source: str | Path, created_by: str, device_id: str
) -> tuple[list[GoldAnswer], list[str]]:
    """(answers, problems) from a COCO JSON or a labelme file or folder."""
    if fmt not in GOLD_FORMATS:
        raise LabelerError(f"gold answers come from {' or '.join(GOLD_FORMATS)}, not {fmt!r}")
    source = Path(source)
    if not source.exists():
        raise NotFoundError(f"{source}: no gold file here; check the path")
    matcher = matcher_for(project)
    resolver = LabelResolver(project.taxonomy)
    maker = ShapeMaker(project.kind, resolver)
    answers: list[GoldAnswer] = []
    problems: list[str] = []
    for parsed in importer(fmt).read(source):
        if parsed.error is not None:
            problems.append(str(parsed.error))
            continue
        for image in parsed.images:
            m = matcher.match(image.name)
            if m.record is None:
                problems.append(f"{image.where}: no image {image.name!r} here")
                continue
            rec = m.record
            try:
                shapes = answer_shapes(image, rec, resolver, maker)
            except LabelerError as exc:
                problems.append(f"{image.where}: {exc}")
                continue
            answers.append(
                GoldAnswer(
                    uuid=new_uuid(),
                    image_sha256=rec.sha256 or project.index.ensure_hash(rec.id),
                    image_path=rec.path,
                    width=rec.width or 0,
                    height=rec.height or 0,
                    shapes=tuple(shapes),
                    source=f"centre:{source.name}",
                    created_by=created_by,
                    device_id=device_id,
                    created_at=now(),
                )
            )
    return answers, problems
