"""Exports never fail on stored data: a row written before records were checked (a NaN, a box
of one corner, an unknown attribute, a width of 0) is skipped and named; the rest is written,
in every format, and `labeler export` exits 0 saying what it skipped."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from pycocotools.coco import COCO

from labeler.annotations import Shape
from labeler.cli import main
from labeler.exports import FORMATS, export
from labeler.project import Project

OLD_ROWS = [  # (shapes JSON as an old program may have stored it, width)
    ('[{"type":"box","label":"tree","points":[[NaN,1],[5,5]]}]', 64),
    ('[{"type":"box","label":"tree","points":[[1,1]]}]', 64),
    ('[{"type":"box","label":"tree","points":[[1,1],[1e300,5]]}]', 64),
    ('[{"type":"box","label":"tree","points":[[1,1],[5,5]],"attrs":{"zz":1}}]', 64),
    ('[{"type":"hexagon","label":"tree","points":[]}]', 64),
    ("not json at all", 64),
    ('[{"type":"box","label":"tree","points":[[1,1],[5,5]]}]', 0),
]


@pytest.fixture
def damaged(project: Project) -> tuple[Project, list[str]]:
    """Two good submissions, and one row per entry of OLD_ROWS inserted as an old program
    (or a hand edit) could have: the store's triggers allow inserts."""
    recs = project.queue.page()
    for rec in recs[:2]:
        project.work.submit(rec.id, [Shape.box("tree", 1, 1, 9, 9)], "Asha")
    bad = []
    for i, (shapes, width) in enumerate(OLD_ROWS):
        rec = recs[2 + i]
        sha = project.index.ensure_hash(rec.id)
        u = str(uuid.uuid4())
        bad.append(u)
        project.store.execute(
            "INSERT INTO submissions (image_id, uuid, image_sha256, image_path, width, height,"
            " shapes, taxonomy_version, worker, device_id, started_at, submitted_at,"
            " duration_ms, revision, supersedes, source) VALUES"
            " (?, ?, ?, ?, ?, 48, ?, 1, 'Old', 'dev', NULL, '2025-01-01T00:00:00.000Z',"
            " NULL, 1, NULL, 'labeled')",
            (rec.id, u, sha, rec.path, width, shapes),
        )
    return project, bad


def test_every_format_skips_the_bad_rows_and_writes_the_rest(
    damaged: tuple[Project, list[str]], tmp_path: Path
) -> None:
    project, bad = damaged
    for fmt in FORMATS:
        result = export(project, fmt, tmp_path / fmt)
        assert sorted(u for u, _ in result.skipped) == sorted(bad), fmt
        assert result.images == 2, fmt
        assert "skipped 7 stored records" in str(result)
    path = export(project, "coco", tmp_path / "again").path
    coco = COCO(str(path))
    assert len(coco.getImgIds()) == 2 and len(coco.getAnnIds()) == 2
    json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse)  # no NaN, Infinity


def _refuse(name: str) -> None:
    raise AssertionError(f"the export holds {name}")


def test_the_cli_exports_and_names_what_it_skipped(
    damaged: tuple[Project, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, bad = damaged
    out = tmp_path / "out.json"
    assert main(["export", "-p", project.path, "--format", "coco", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "skipped 7 stored records" in printed and bad[0] in printed
    assert "finite" in printed  # the reason, in plain words
    assert len(json.loads(out.read_text(encoding="utf-8"))["images"]) == 2
