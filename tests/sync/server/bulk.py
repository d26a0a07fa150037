"""Many stored submissions at once, for export tests and the export benchmark.

Rows go straight into the ``submissions`` table as ingest stores them (one bundle of one
device holds them all), bypassing bundles and their checks: a million rows take about a
minute rather than an hour of uploads. PostgreSQL takes them by ``COPY``, SQLite by one
``executemany`` per batch in a single transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from labeler import taxonomy
from sync.server import storage as db
from sync.server.registry import ProjectInfo
from sync.server.storage import Storage

TAXONOMY = "tree | Tree\nhouse | House\ncattle | Cattle\nroad | Road\nwell | Well\n"
LABELS = ["tree", "house", "cattle", "road", "well"]
SHAPES_PER_ROW = 3
BATCH = 20_000
STAMP = "2026-01-05T10:00:00.000Z"
_COLUMNS = [c.name for c in db.submissions.columns]


def shapes_json(i: int) -> str:
    """Image ``i``'s three boxes as ingest stores them (compact JSON, made by hand: a
    million ``json.dumps`` calls would take longer than the inserts)."""
    x = float(i % 1500)
    return (
        "["
        + ",".join(
            f'{{"type":"box","label":"{LABELS[(i + k) % 5]}","points":'
            f"[[{x + 10.5 * k!r},{20.25 + k!r}],[{x + 200.75 + k!r},{300.5 + 7 * k!r}]]}}"
            for k in range(SHAPES_PER_ROW)
        )
        + "]"
    )


def _rows(first: int, n: int, common: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Rows in ``_COLUMNS`` order."""
    fixed = {**common, "width": 4000, "height": 3000, "taxonomy_version": 1, "revision": 1}
    fixed |= {"started_at": STAMP, "submitted_at": STAMP, "supersedes": None}
    fixed["source"] = "labeled"
    varying = ("uuid", "image_sha256", "image_path", "shapes", "worker", "duration_ms")
    order = [(c, c in varying) for c in _COLUMNS]
    tag = common["tag"]
    for i in range(first, first + n):
        row = {
            "uuid": f"{i:08x}-0000-4000-8000-{tag}",
            "image_sha256": f"{i:064x}",
            "image_path": f"batch{i // 1000:04d}/IMG_{i:07d}.JPG",
            "shapes": shapes_json(i),
            "worker": f"worker{i % 7}",
            "duration_ms": 900 + i % 5000,
        }
        yield tuple(row[c] if mine else fixed[c] for c, mine in order)


def add_project(storage: Storage, registry: Any, name: str, rows: int) -> ProjectInfo:
    """A new project named ``name`` holding ``rows`` submitted images (3 boxes each)."""
    project = registry.create_project(name, taxonomy.parse(TAXONOMY), "boxes")
    dev = registry.enroll_device(project.id, "Centre", "http://127.0.0.1")
    with storage.write() as conn:
        bundle_id = conn.execute(
            db.bundles.insert().values(
                project_id=project.id,
                device_id=dev["device_id"],
                seq=1,
                sha256="0" * 64,
                size=0,
                submissions=rows,
                proposals=0,
                via="bulk",
                received_at=STAMP,
                receipt="{}",
                signature="",
            )
        ).inserted_primary_key[0]
    common = {
        "project_id": project.id,
        "device_id": dev["device_id"],
        "record_device_id": dev["device_id"],
        "bundle_id": bundle_id,
        "received_at": STAMP,
        "tag": f"{bundle_id:012x}",  # uuids differ between projects of one database
    }
    with storage.write() as conn:
        raw = conn.connection.driver_connection
        if conn.dialect.name == "postgresql":
            with (
                raw.cursor() as cur,
                cur.copy(f"COPY submissions ({', '.join(_COLUMNS)}) FROM STDIN") as copy,
            ):
                for row in _rows(0, rows, common):
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(_COLUMNS))
            sql = f"INSERT INTO submissions ({', '.join(_COLUMNS)}) VALUES ({marks})"
            cur = raw.cursor()
            for first in range(0, rows, BATCH):
                cur.executemany(sql, _rows(first, min(BATCH, rows - first), common))
    return project
