"""Pages that list many things ask the database a fixed number of times, however many there
are: a station's ``GET /v1/station/work`` (bundles of the centre, with their records) and
the project list (``Registry.projects``, every console page that picks a project)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from labeler import taxonomy
from labeler.annotations import Shape
from labeler.models.outcomes import from_suggestion, submit_with_suggestions
from labeler.models.predictions import Prediction
from sync.client import SyncClient
from sync.http import response_json
from sync.server import storage as db
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer, open_centre
from tests.sync.support import image_ids

KINDS = {  # the page's list of each bundle -> the table its records are in
    "submissions": db.submissions,
    "proposals": db.proposals,
    "flags": db.flags,
    "feedback": db.model_feedback,
}


@contextmanager
def counted(server: RunningServer) -> Iterator[list[str]]:
    """The SQL statements the server runs inside the ``with``."""
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(server.storage.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(server.storage.engine, "before_cursor_execute", note)


def test_the_centres_work_comes_in_the_same_few_queries_for_any_number_of_bundles(
    server: RunningServer, tmp_path: Path
) -> None:
    with open_centre(server, tmp_path, 6, later=("ravi",)) as (_info, (asha, ravi), station):
        a, r = image_ids(asha), image_ids(ravi)
        tree = Prediction(Shape.box("tree", 2, 2, 30, 40), 0.9)
        submit_with_suggestions(
            asha, a[0], [from_suggestion(tree, 0)], "asha", model_sha256="ab" * 32,
            predictions=[tree],
        )  # fmt: skip
        asha.work.submit(a[1], [Shape.box("tree", 3, 3, 20, 20)], "asha")
        SyncClient(asha).sync_once()  # a bundle: 2 submissions, 1 feedback
        asha.work.flag(a[2], "too dark", "asha")
        asha.work.propose(a[3], "bamboo", "none of the labels fit", "asha")
        SyncClient(asha).sync_once()  # a bundle: a proposal and 2 flags
        for k, image_id in enumerate(r[:3]):  # three bundles of one submission each
            ravi.work.submit(image_id, [Shape.box("tree", 2 + k, 2, 30, 40)], "ravi")
            SyncClient(ravi).sync_once()
        http = SyncClient(station).http

        def work(after: int) -> tuple[list[dict[str, Any]], int]:
            with counted(server) as statements:
                body = response_json(
                    http.request("GET", "/v1/station/work", params={"after": after})
                )
            assert body["more"] is False
            return body["bundles"], len(statements)

        bundles, queries = work(0)
        assert len(bundles) == 5 and {b["device_id"] for b in bundles} == {
            asha.store.get_meta("sync_device_id"),
            ravi.store.get_meta("sync_device_id"),
        }
        # each bundle carries exactly the records it stored, in the order they were stored
        with server.storage.read() as conn:
            for name, table in KINDS.items():
                stored = conn.execute(select(table.c.uuid, table.c.bundle_id)).all()
                for b in bundles:
                    got = [x["uuid"] for x in b[name]]
                    assert got == [u for u, bundle_id in stored if bundle_id == b["id"]], name
        counts = [sum(len(b[name]) for b in bundles) for name in KINDS]
        assert counts == [5, 1, 2, 1]  # submissions, proposals, flags (one by proposing), feedback
        # the page from each bundle on says of them what the page of all five did, in as many
        # queries whether it lists one bundle or five
        for k, b in enumerate(bundles):
            assert work(b["id"] - 1) == (bundles[k:], queries)


def test_the_project_list_is_one_query_however_many_projects(server: RunningServer) -> None:
    registry = server.registry
    registry.create_project("Forest", taxonomy.parse(TAXONOMY_TEXT), "boxes")
    with counted(server) as statements:
        registry.projects()
    one = len(statements)
    for n in range(4):
        info = registry.create_project(f"Village {n}", taxonomy.parse(TAXONOMY_TEXT), "boxes")
        for k in range(n):  # some projects have newer taxonomy versions than others
            more = TAXONOMY_TEXT + f"goat{k} | Goat {k} | बकरी {k} | | |\n"
            registry.update_taxonomy(info.id, taxonomy.parse(more))
    with counted(server) as statements:
        listed = registry.projects()
    assert len(statements) == one
    assert [p.id for p in listed] == [p.id for p in sorted(listed, key=created_at(server))]
    assert listed == [registry.project(p.id) for p in listed]  # each as the project page has it
    assert {p.name: p.taxonomy_version for p in listed} == {
        "Forest": 1, "Village 0": 1, "Village 1": 2, "Village 2": 3, "Village 3": 4
    }  # fmt: skip
    assert "goat2" in next(p for p in listed if p.name == "Village 3").taxonomy.ids()


def created_at(server: RunningServer) -> Any:
    with server.storage.read() as conn:
        stamps = dict(conn.execute(select(db.projects.c.id, db.projects.c.created_at)).all())
    return lambda p: stamps[p.id]
