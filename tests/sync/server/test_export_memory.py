"""The server's export streams from its database: memory does not grow with the project.

Two projects of N and 10N stored submissions (SQLite and PostgreSQL), exported one after the
other in a fresh process exactly as an export job's worker does it (server-side cursor, core
exporter, one file): the 10N export may not raise the process's peak RSS by more than a
few megabytes over the N one (``tests/export_memory_child.py`` says how it is measured).
Before the rows were streamed and the formats written as they went, 100,000 submissions
took 724 MB. pycocotools then reads every image and box of the large export.
"""

from __future__ import annotations

from pathlib import Path

from pycocotools.coco import COCO

from sync.server.bootstrap import initialise, open_state
from sync.server.config import Settings
from tests.labeler.test_export_memory import assert_flat, peaks
from tests.sync.server.bulk import SHAPES_PER_ROW, add_project

N = 2_000


def test_a_ten_times_larger_project_exports_in_the_same_memory(
    tmp_path: Path, database_url: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    initialise(settings)
    state = open_state(settings)
    try:
        small = add_project(state.storage, state.registry, "Small", N)
        large = add_project(state.storage, state.registry, "Large", 10 * N)
    finally:
        state.storage.dispose()
    run = {"database_url": database_url, "data_dir": str(settings.data_dir)}
    runs = [{**run, "project": p.id} for p in (small, small, large)]  # warm-up, N, 10N

    out = peaks("coco", tmp_path, runs)

    assert_flat(out, "coco from the server's database")
    assert [r["images"] for r in out] == [N, N, 10 * N]
    coco = COCO(out[-1]["path"])
    assert len(coco.imgs) == 10 * N and len(coco.anns) == SHAPES_PER_ROW * 10 * N
    last = coco.imgs[10 * N]
    assert last["file_name"] == f"batch{(10 * N - 1) // 1000:04d}/IMG_{10 * N - 1:07d}.JPG"
