"""Exporters never write outside their folder, whatever image paths the records carry."""

from pathlib import Path

import pytest

from labeler.annotations import Shape
from labeler.exports import export_records
from labeler.taxonomy import Taxonomy
from labeler.work import Submission

HOSTILE = ["/etc/evil.jpg", "../../evil.jpg", "C:\\\\Windows\\\\evil.jpg", "a/../../evil.jpg"]


def _sub(i: int, path: str) -> Submission:
    return Submission(
        uuid=f"u{i}",
        image_sha256=f"{i:064x}",
        image_path=path,
        width=100,
        height=80,
        shapes=(Shape.box("tree", 1, 1, 20, 20),),
        taxonomy_version=1,
        worker="w",
        device_id="d",
        started_at=None,
        submitted_at="2026-01-01T00:00:00.000Z",
        duration_ms=None,
        revision=1,
        supersedes=None,
    )


@pytest.mark.parametrize("fmt", ["yolo", "voc", "labelme"])
def test_hostile_image_paths_stay_inside_the_export(
    tmp_path: Path, tax: Taxonomy, fmt: str
) -> None:
    out = tmp_path / "deep" / "export"
    out.parent.mkdir()
    subs = [_sub(i, p) for i, p in enumerate(HOSTILE)]
    export_records(subs, tax, fmt, out)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written, "the export wrote nothing"
    assert all(out in p.parents for p in written), [str(p) for p in written]
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "deep" / "evil.txt").exists()
