"""Project packs and updates, relays, progress, proposals and exports, over a real server."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import requests
from sqlalchemy import select

from labeler import taxonomy
from sync.server import storage as db
from sync.signing import verify_json
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission


def _get(server: RunningServer, path: str, headers: dict, **params) -> requests.Response:  # type: ignore[no-untyped-def]
    return requests.get(server.url + path, headers=headers, params=params, timeout=30)


def test_project_pack_is_signed_and_updates_are_served(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    signed = _get(server, "/v1/project", headers).json()
    assert signed == pc["pack"]
    assert verify_json(signed["pack"], signed["signature"], pc["server_public_key"])
    assert signed["pack"]["taxonomy_version"] == 1
    assert [lab["id"] for lab in signed["pack"]["taxonomy"]["labels"]] == [
        "tree",
        "house",
        "cattle",
    ]
    assert _get(server, "/v1/project/updates", headers, since=1).status_code == 204

    server.registry.update_taxonomy(
        project.id, taxonomy.parse(TAXONOMY_TEXT + "goat | Goat | बकरी\n")
    )
    update = _get(server, "/v1/project/updates", headers, since=1)
    assert update.status_code == 200
    assert update.json()["pack"]["taxonomy_version"] == 2
    assert verify_json(update.json()["pack"], update.json()["signature"], pc["server_public_key"])
    assert _get(server, "/v1/project/updates", headers, since="abc").status_code == 400
    # work with the new label is accepted at once, an unknown label is rejected with a reason
    goat = fake_submission(1, label="goat", taxonomy_version=2)
    unknown = fake_submission(2, label="unicorn")
    receipt = server.upload(server.bundle_for(pc, 1, [goat, unknown]), headers).json()["receipt"]
    assert receipt["accepted"] == [goat["uuid"]]
    assert receipt["rejected"][0]["uuid"] == unknown["uuid"]
    assert "unicorn" in receipt["rejected"][0]["reason"]


def test_relay_uploads_bundles_of_its_project_and_reads_progress(server: RunningServer) -> None:
    project = server.create_project()
    a = server.enroll_device(project.id, "Village A")
    b = server.enroll_device(project.id, "Village B")
    relay = server.enroll_relay(project.id)
    rh = server.relay_headers(relay)
    for pc, n in ((a, 3), (b, 5)):
        r = server.upload(server.bundle_for(pc, 1, [fake_submission(i) for i in range(n)]), rh)
        assert r.status_code == 200, r.text
        again = _get(server, f"/v1/receipts/{pc['device_id']}/1", rh)
        assert again.json() == r.json()
        assert _get(server, f"/v1/devices/{pc['device_id']}/sequence", rh).json()["received"] == 1
    assert _get(server, "/v1/receipts/" + a["device_id"] + "/2", rh).status_code == 404
    progress = _get(server, "/v1/progress", rh).json()
    by_centre = {c["centre"]: c for c in progress["centres"]}
    assert by_centre["Village A"]["submissions"] == 3
    assert by_centre["Village B"]["submissions"] == 5
    assert {d["device_id"] for d in progress["devices"]} == {a["device_id"], b["device_id"]}
    assert all(d["last_seen"] for d in progress["devices"])


def test_corrections_supersede_in_exports_and_proposals_are_listed(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    first = fake_submission(1, label="tree")
    other = fake_submission(2, label="house")
    fix = fake_submission(1, label="cattle", revision=2, supersedes=first["uuid"])
    proposal = fake_proposal(
        3, region={"type": "box", "label": "cart", "points": [[1, 2], [30, 40]]}
    )
    b1 = server.bundle_for(pc, 1, [first, other], proposals=[proposal])
    b2 = server.bundle_for(pc, 2, [fix])
    # the correction travels first (drives are slow): the export still shows the newest revision
    assert server.upload(b2, headers).status_code == 200
    assert server.upload(b1, headers).status_code == 200

    export = _get(server, "/v1/export", server.admin_headers, format="coco")
    assert export.status_code == 200, export.text
    coco = json.loads(export.content)
    labels = {c["id"]: c["label_id"] for c in coco["categories"]}
    by_image = {
        img["file_name"]: [
            labels[a["category_id"]] for a in coco["annotations"] if a["image_id"] == img["id"]
        ]
        for img in coco["images"]
    }
    assert by_image == {"images/img_00001.jpg": ["cattle"], "images/img_00002.jpg": ["house"]}

    yolo = _get(server, "/v1/export", server.admin_headers, format="yolo")
    assert yolo.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(yolo.content)).namelist()
    assert any(n.endswith("img_00001.txt") for n in names)
    # exports are jobs kept in the database: nothing is left in the data folder
    assert sorted(p.name for p in server.data_dir.iterdir() if "server.db" not in p.name) == [
        "master.key"
    ]

    listed = _get(server, "/v1/proposals", server.admin_headers).json()
    assert [(p["uuid"], p["name"], p["region"]["label"]) for p in listed] == [
        (proposal["uuid"], "bullock cart", "cart")
    ]
    bad = _get(server, "/v1/export", server.admin_headers, format="nonsense")
    assert bad.status_code == 400 and "coco" in bad.json()["detail"]["message"]


def test_path_traversal_never_writes_outside_the_data_folder(
    server: RunningServer, tmp_path: Path
) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    before = {p for p in tmp_path.rglob("*") if server.data_dir not in p.parents}
    evil = [
        fake_submission(1, image_path="../../../../escaped.jpg"),
        fake_submission(2, image_path="/tmp/escaped-abs.jpg"),
        fake_submission(3, image_path="C:\\Windows\\escaped.jpg"),
        fake_submission(4, image_path="a/../../escaped.jpg"),
        fake_submission(5),
    ]
    r = server.upload(server.bundle_for(pc, 1, evil), headers)
    assert r.status_code == 200
    receipt = r.json()["receipt"]
    assert len(receipt["rejected"]) == 4 and len(receipt["accepted"]) == 1
    assert all("relative" in x["reason"] for x in receipt["rejected"])
    for fmt in ("yolo", "labelme", "voc", "coco"):
        assert _get(server, "/v1/export", server.admin_headers, format=fmt).status_code == 200
    for path in (
        "/v1/receipts/..%2F..%2Fetc/1",
        "/v1/devices/..%2F..%2Fx/sequence",
        "/v1/../../etc/passwd",
    ):
        assert _get(server, path, headers).status_code in (403, 404)
    clash = server.bundle_for(pc, 1, [fake_submission(9, image_path="../x.jpg")])
    assert server.upload(clash, headers).status_code == 409  # kept in the database
    with server.storage.read() as conn:
        kept = conn.execute(select(db.conflict_bundles.c.data)).scalars().all()
    assert kept == [clash]
    after = {p for p in tmp_path.rglob("*") if server.data_dir not in p.parents}
    assert after == before
    assert not Path("/tmp/escaped-abs.txt").exists() and not Path("/tmp/escaped-abs.json").exists()
