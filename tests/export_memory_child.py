"""Exports run one after another in a fresh process, each followed by the process's peak RSS.

``python -m tests.export_memory_child '<json>'`` with ``{"format": F, "dest": folder, "runs":
[run, ...]}``; a run is ``{"records": n}`` (n generated records, the core's
``export_records``) or ``{"database_url": u, "data_dir": d, "project": id}`` (the server's
export of a project, read through its server-side cursor). Prints one JSON line per run:
``{"peak_kb", "images", "shapes", "path"}``.

The peak (``VmHWM`` of ``/proc/self/status``: the high-water mark of this process's memory
since it started; ``ru_maxrss`` would be no use, Linux carries it over from the process
that forked this one) only ever rises, so a later run raises it only by what it needs
beyond every earlier run: with runs of N then 10N records, the rise after the second is what
ten times the records cost. An export that held its records would rise by about nine N
records' worth; a streaming one not at all. RSS is what the budget is about (DESIGN.md:
1,000,000 submissions in 300 MB), and it counts what ``tracemalloc`` would not see (SQLite,
zlib, the C allocator's leftovers).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.work import Submission

TAXONOMY = taxonomy.parse("tree | Tree\nhouse | House\ncattle | Cattle\nroad | Road\n")
LABELS = ["tree", "house", "cattle", "road", "well"]  # "well" is not in the taxonomy
SHAPES_PER_RECORD = 4


def record(i: int) -> Submission:
    """Image number ``i``: four boxes, one of them (sometimes) labelled outside the taxonomy."""
    x = float(i % 900)
    return Submission(
        uuid=f"{i:08x}-0000-4000-8000-000000000000",
        image_sha256=f"{i:064x}",
        image_path=f"batch{i // 1000:03d}/IMG_{i:06d}.JPG",
        width=1920,
        height=1080,
        shapes=tuple(
            Shape.box(LABELS[(i + k) % 5], x + 10.5 * k, 20.25 + k, x + 200.75 + k, 300.5 + k)
            for k in range(SHAPES_PER_RECORD)
        ),
        taxonomy_version=1,
        worker=f"worker{i % 7}",
        device_id="dev-1",
        started_at="2026-01-05T10:00:00.000Z",
        submitted_at="2026-01-05T10:00:01.000Z",
        duration_ms=1000,
        revision=1,
        supersedes=None,
    )


def records(n: int) -> Iterator[Submission]:
    """``n`` records made as they are asked for (none is kept)."""
    return (record(i) for i in range(n))


def _export(fmt: str, dest: Path, run: dict[str, Any]) -> Any:
    if "records" in run:
        from labeler.exports import export_records

        return export_records(records(run["records"]), TAXONOMY, fmt, dest, name="m", one_file=True)
    from sync.server import export_jobs
    from sync.server.bootstrap import open_state
    from sync.server.config import Settings

    state = open_state(Settings(data_dir=Path(run["data_dir"]), database_url=run["database_url"]))
    try:
        project = state.registry.project(run["project"])
        return export_jobs.write(state.storage, project, fmt, dest, one_file=True)
    finally:
        state.storage.dispose()


def peak_kb() -> int:
    """The process's peak resident memory so far, in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(spec: dict[str, Any]) -> None:
    for i, run in enumerate(spec["runs"]):
        dest = Path(spec["dest"]) / f"run{i}"
        dest.mkdir(parents=True)
        result = _export(spec["format"], dest, run)
        line = {"peak_kb": peak_kb(), "images": result.images, "shapes": result.shapes}
        print(json.dumps({**line, "path": str(result.path)}), flush=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
