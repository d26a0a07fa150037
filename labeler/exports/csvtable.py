"""CSV for classification: one row per image with its image-level labels (tags).

Columns: ``image_path, sha256, labels, label_ids, worker, submitted_at``. Several labels
(multi-label projects) are joined with ``;``. The file is UTF-8 with a byte-order mark so
Excel on Windows shows non-English paths correctly; shapes (boxes, polygons, points) are
not in this format, use COCO, YOLO or VOC for them.
"""

from __future__ import annotations

import csv
from pathlib import Path

from labeler.annotations import ShapeType
from labeler.exports.records import RecordSet

DESCRIPTION = "CSV for classification (image, sha256, labels, worker, submitted_at)"
COLUMNS = ("image_path", "sha256", "labels", "label_ids", "worker", "submitted_at")
SEPARATOR = ";"


def write(records: RecordSet, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for sub in records.stream():
            tags = [records.label(s.label) for s in sub.shapes if s.type is ShapeType.TAG]
            shapes = len(sub.shapes) - len(tags)
            if shapes:
                records.leave_out("shapes (CSV holds image labels only)", shapes)
            out.writerow(
                (
                    records.image_location(sub),
                    sub.image_sha256,
                    SEPARATOR.join(lab.name for lab in tags),
                    SEPARATOR.join(lab.id for lab in tags),
                    sub.worker,
                    sub.submitted_at,
                )
            )
