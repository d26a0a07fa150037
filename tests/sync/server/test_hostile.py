"""Hostile but validly signed bundles over real HTTP: each bad record is refused alone with
its reason, each bad bundle whole with its kind; never a 5xx, nothing wrong stored, and every
export still succeeds (also over rows stored before records were checked)."""

from __future__ import annotations

import io
import json
import math
import zipfile
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from labeler.exports import FORMATS
from sync.server import cli as server_cli
from sync.server import storage as db
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission
from tests.sync.hostile import BUNDLE_CASES, RECORD_CASES, signed_bundle

ALL_KINDS = "boxes+polygons+polylines+points+multilabel"


def stored_uuids(server: RunningServer) -> set[str]:
    with server.storage.read() as conn:
        subs = conn.execute(select(db.submissions.c.uuid)).scalars().all()
        props = conn.execute(select(db.proposals.c.uuid)).scalars().all()
    return set(subs) | set(props)


def bundle_count(server: RunningServer) -> int:
    with server.storage.read() as conn:
        return conn.execute(select(func.count()).select_from(db.bundles)).scalar_one()


def assert_every_export_works(server: RunningServer) -> None:
    for fmt in FORMATS:
        r = requests.get(
            server.url + "/v1/export",
            params={"format": fmt},
            headers=server.admin_headers,
            timeout=60,
        )
        assert r.status_code == 200, (fmt, r.status_code, r.text[:300])
        if fmt == "coco":
            json.loads(r.content, parse_constant=_no_constants)  # never NaN or Infinity
        elif fmt == "labelstudio":  # the tasks zipped with their labeling config
            with zipfile.ZipFile(io.BytesIO(r.content)) as z:
                (tasks,) = [n for n in z.namelist() if n.endswith(".json")]
                json.loads(z.read(tasks), parse_constant=_no_constants)


def _no_constants(name: str) -> Any:
    raise AssertionError(f"the export holds {name}")


@pytest.fixture
def enrolled(server: RunningServer):  # type: ignore[no-untyped-def]
    project = server.create_project(kind=ALL_KINDS)
    return server, server.enroll_device(project.id, "Village A")


def test_each_bad_record_is_refused_alone_with_its_reason(enrolled) -> None:  # type: ignore[no-untyped-def]
    server, pc = enrolled
    good = [fake_submission(1000 + i) for i in range(3)]
    subs = [c.record(i) for i, c in enumerate(RECORD_CASES) if not c.proposal]
    props = [c.record(i) for i, c in enumerate(RECORD_CASES) if c.proposal]
    payload = {"submissions": [*good, *subs], "proposals": props}
    r = server.upload(signed_bundle(pc, 1, payload), server.device_headers(pc))
    assert r.status_code == 200, r.text
    receipt = r.json()["receipt"]
    assert sorted(receipt["accepted"]) == sorted(s["uuid"] for s in good)
    reasons = [x["reason"] for x in receipt["rejected"]]
    cases = [c for c in RECORD_CASES if not c.proposal] + [c for c in RECORD_CASES if c.proposal]
    for reason, case in zip(reasons, cases, strict=True):
        assert case.words in reason, (case.name, reason)
    # a uuid that is not a UUID is reported as "", never echoed back broken
    assert [x["uuid"] for x in receipt["rejected"]].count("") == 1
    assert stored_uuids(server) == {s["uuid"] for s in good}
    # sending it again gives the same answer and stores nothing more
    again = server.upload(signed_bundle(pc, 1, payload), server.device_headers(pc))
    assert again.status_code == 200 and again.json()["receipt"] == receipt
    assert stored_uuids(server) == {s["uuid"] for s in good}
    assert_every_export_works(server)


@pytest.mark.parametrize("case", BUNDLE_CASES, ids=[c.name for c in BUNDLE_CASES])
def test_each_bad_bundle_is_refused_whole_with_its_kind(enrolled, case) -> None:  # type: ignore[no-untyped-def]
    server, pc = enrolled
    r = server.upload(case.make(pc), server.device_headers(pc))
    assert r.status_code < 500, r.text
    assert r.json()["detail"]["kind"] == case.kind, r.text
    assert bundle_count(server) == 0 and stored_uuids(server) == set()


def test_rows_stored_before_checks_existed_do_not_break_exports(enrolled, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Rows written by an older server (no checks at ingest) are skipped by exports and
    named; every other record is written."""
    server, pc = enrolled
    good = [fake_submission(i) for i in range(3)]
    r = server.upload(server.bundle_for(pc, 1, good), server.device_headers(pc))
    assert r.status_code == 200
    bad_shapes = [
        [{"type": "box", "label": "tree", "points": [[float("nan"), 1], [5, 5]]}],
        [{"type": "box", "label": "tree", "points": [[1, 1]]}],
        [{"type": "box", "label": "tree", "points": [[1, 1], [1e300, 5]]}],
        [{"type": "box", "label": "tree", "points": [[1, 1], [5, 5]], "attrs": {"zz": 1}}],
        [{"type": "hexagon", "label": "tree", "points": []}],
    ]
    with server.storage.read() as conn:
        bundle_id = conn.execute(select(db.bundles.c.id)).scalar_one()
    rows = []
    for i, shapes in enumerate(bad_shapes):
        rec = fake_submission(500 + i)
        rows.append(
            {
                **{k: rec[k] for k in ("uuid", "image_sha256", "image_path", "width", "height")},
                "shapes": json.dumps(shapes),
                **{k: rec[k] for k in ("taxonomy_version", "worker", "started_at")},
                **{k: rec[k] for k in ("submitted_at", "duration_ms", "revision", "source")},
                "record_device_id": "old",
                "supersedes": None,
                "project_id": pc["project_id"],
                "device_id": pc["device_id"],
                "bundle_id": bundle_id,
                "received_at": "2026-01-01T00:00:00.000Z",
            }
        )
    rows.append({**rows[0], "uuid": "zero-width", "image_sha256": "ff" * 32, "width": 0,
                 "shapes": json.dumps(good[0]["shapes"])})  # fmt: skip
    with server.storage.write() as conn:
        conn.execute(db.submissions.insert(), rows)
    assert_every_export_works(server)
    r = requests.get(
        server.url + "/v1/export", params={"format": "coco"}, headers=server.admin_headers,
        timeout=60,
    )  # fmt: skip
    coco = json.loads(r.content)
    assert len(coco["images"]) == 3  # the good ones, and only them
    assert int(r.headers["X-HITL-Skipped-Records"]) == len(rows)
    # and the admin's command says which, without a traceback
    out = tmp_path / "export"
    args = ["export", "--format", "yolo", "--out", str(out), "--data", str(server.data_dir)]
    args += ["--database-url", server.settings.db_url]
    if server.settings.master_key_file:
        args += ["--master-key-file", server.settings.master_key_file]
    assert server_cli.main(args) == 0
    printed = capsys.readouterr()
    assert f"skipped {len(rows)} stored records" in printed.out and "Traceback" not in printed.err
    assert "finite" in printed.out and rows[0]["uuid"] in printed.out


# ---------------------------------------------------------------- generated
coord = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(2**66), 2**66)
text = st.text(max_size=12) | st.sampled_from(["\ud800", "a\x00", "tree", "x" * 300])
whole = st.integers(-(2**65), 2**65) | st.booleans() | st.none() | st.floats()
hostile_fields = st.fixed_dictionaries(
    {},
    optional={
        "width": whole,
        "height": whole,
        "duration_ms": whole,
        "revision": whole,
        "taxonomy_version": whole,
        "worker": text,
        "uuid": text,
        "image_sha256": text,
        "image_path": text,
        "submitted_at": text,
        "shapes": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["box", "polygon", "polyline", "point", "tag", "x"]),
                    "label": st.sampled_from(["tree", "house", "dragon"]) | text,
                    "points": st.lists(st.lists(coord, min_size=2, max_size=2), max_size=5),
                }
            ),
            max_size=3,
        ),
    },
)


@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(hostile_fields, min_size=1, max_size=4))
def test_generated_hostile_records_never_get_a_5xx_nor_stored_wrongly(
    server: RunningServer, batch: list[dict[str, Any]]
) -> None:
    """Any mix of hostile fields: a 2xx receipt (or a 4xx with a kind), and whatever the
    server stored has finite coordinates inside its image and known labels."""
    if not hasattr(server, "_hostile_pc"):
        project = server.create_project(f"P{id(server)}", kind=ALL_KINDS)
        server._hostile_pc = server.enroll_device(project.id, "Village A")  # type: ignore[attr-defined]
        server._hostile_seq = 0  # type: ignore[attr-defined]
    pc = server._hostile_pc  # type: ignore[attr-defined]
    server._hostile_seq += 1  # type: ignore[attr-defined]
    recs = [fake_submission(i, **fields) for i, fields in enumerate(batch)]
    data = signed_bundle(
        pc, server._hostile_seq, {"submissions": recs, "proposals": [fake_proposal(1)]}
    )  # type: ignore[attr-defined]
    r = server.upload(data, server.device_headers(pc))
    assert r.status_code < 500, r.text
    if r.status_code != 200:
        assert r.json()["detail"]["kind"]
        return
    receipt = r.json()["receipt"]
    assert (
        len(receipt["accepted"]) + len(receipt["duplicates"]) + len(receipt["rejected"])
        == len(recs) + 1
    )
    with server.storage.read() as conn:
        rows = conn.execute(select(db.submissions)).mappings().all()
    for row in rows:
        assert 1 <= row["width"] <= 100_000 and 1 <= row["height"] <= 100_000
        for shape in json.loads(row["shapes"]):
            assert shape["label"] in {"tree", "house", "cattle", "road"} or shape["label"]
            for x, y in shape.get("points", []):
                assert math.isfinite(x) and 0 <= x <= row["width"] and 0 <= y <= row["height"]
    r = requests.get(
        server.url + "/v1/export", params={"format": "coco"}, headers=server.admin_headers,
        timeout=60,
    )  # fmt: skip
    assert r.status_code == 200
