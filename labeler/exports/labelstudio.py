"""Label Studio JSON: a list of tasks, each with the worker's annotation, ready to import.

Each task has an ``id`` (1, 2, ... in export order), ``data.image`` (the image root joined
with the image path, or Label Studio's ``/data/local-files/?d=<path>`` when no root is
given), ``meta`` (sha256, worker, submission uuid, revision) and one annotation (``id`` the
task's; the worker is in ``meta``) whose ``result`` holds ``rectanglelabels``,
``polygonlabels``, ``keypointlabels`` and ``choices`` regions. Positions are percentages of
``original_width`` / ``original_height``, as Label Studio stores them. The matching labeling
interface (control names ``label``, ``polygon``, ``keypoint``, ``choice``; image ``image``)
is written beside the JSON as ``<name>.xml``: paste it into the project's Labeling Setup
before importing the JSON. Label Studio has no polyline control and no per-shape
attributes: polylines and attributes are left out (counted in the export report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from labeler.annotations import ShapeType
from labeler.exports.records import LOCAL_FILES_PREFIX, RecordSet
from labeler.exports.spool import JsonArray
from labeler.work import Submission

DESCRIPTION = "Label Studio JSON (tasks with annotations)"
CONTROLS = {
    ShapeType.BOX: ("label", "rectanglelabels"),
    ShapeType.POLYGON: ("polygon", "polygonlabels"),
    ShapeType.POINT: ("keypoint", "keypointlabels"),
    ShapeType.TAG: ("choice", "choices"),
}
POINT_SIZE = 0.5  # percent of the image width: how large Label Studio draws a keypoint


def _result(records: RecordSet, sub: Submission) -> list[dict[str, Any]]:
    w, h = sub.width, sub.height
    out: list[dict[str, Any]] = []
    tags: list[str] = []
    for i, shape in enumerate(sub.shapes):
        name = records.label(shape.label).name
        if shape.type is ShapeType.POLYLINE:
            records.leave_out("polylines (Label Studio has no polyline control)")
            continue
        from_name, rtype = CONTROLS[shape.type]
        if shape.type is ShapeType.TAG:
            tags.append(name)
            continue
        records.shape_written(shape)
        x1, y1, x2, y2 = shape.bbox
        if shape.type is ShapeType.BOX:
            value: dict[str, Any] = {
                "x": x1 / w * 100,
                "y": y1 / h * 100,
                "width": (x2 - x1) / w * 100,
                "height": (y2 - y1) / h * 100,
                "rotation": 0,
            }
        elif shape.type is ShapeType.POLYGON:
            value = {
                "points": [[x / w * 100, y / h * 100] for x, y in shape.points],
                "closed": True,
            }
        else:
            value = {"x": x1 / w * 100, "y": y1 / h * 100, "width": POINT_SIZE}
        value[rtype] = [name]
        out.append(
            {
                "id": f"{sub.uuid[:8]}-{i}",
                "type": rtype,
                "from_name": from_name,
                "to_name": "image",
                "original_width": w,
                "original_height": h,
                "image_rotation": 0,
                "value": value,
            }
        )
    if tags:
        out.append(
            {
                "id": f"{sub.uuid[:8]}-tags",
                "type": "choices",
                "from_name": "choice",
                "to_name": "image",
                "value": {"choices": tags},
            }
        )
    return out


def _task(records: RecordSet, sub: Submission, task_id: int) -> dict[str, Any]:
    image = (
        LOCAL_FILES_PREFIX + quote(sub.image_path)
        if records.image_root is None
        else records.image_location(sub)
    )
    annotation: dict[str, Any] = {
        "id": task_id,
        "result": _result(records, sub),
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": sub.submitted_at,
        "updated_at": sub.submitted_at,
    }
    if sub.duration_ms is not None:
        annotation["lead_time"] = sub.duration_ms / 1000
    return {
        "id": task_id,
        "data": {"image": image},
        "meta": {
            "sha256": sub.image_sha256,
            "worker": sub.worker,
            "submission": sub.uuid,
            "revision": sub.revision,
        },
        "annotations": [annotation],
    }


def labeling_config(records: RecordSet) -> str:
    """The Label Studio labeling interface this JSON's results refer to."""
    labels = "".join(
        f"<Label value={quoteattr(lab.name)} background={quoteattr(lab.colour)}/>"
        for lab in records.labels
    )
    choices = "".join(f"<Choice value={quoteattr(lab.name)}/>" for lab in records.labels)
    return (
        '<View><Image name="image" value="$image"/>'
        f'<RectangleLabels name="label" toName="image">{labels}</RectangleLabels>'
        f'<PolygonLabels name="polygon" toName="image">{labels}</PolygonLabels>'
        f'<KeyPointLabels name="keypoint" toName="image">{labels}</KeyPointLabels>'
        f'<Choices name="choice" toName="image" choice="multiple">{choices}</Choices>'
        "</View>"
    )


def companions(records: RecordSet) -> dict[str, str]:
    """The labeling config, written beside the JSON as ``.xml`` (after it: every label the
    records use is known then)."""
    return {".xml": labeling_config(records) + "\n"}


def write(records: RecordSet, path: Path) -> None:
    """The tasks streamed into the file as they are made (ids in export order)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("[")
        tasks = JsonArray(f)
        for task_id, sub in enumerate(records.stream(), start=1):
            tasks.add(_task(records, sub, task_id))
        tasks.flush()
        f.write("]")
