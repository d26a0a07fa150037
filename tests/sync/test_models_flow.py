"""A model attached on the server reaches PCs by network (resumable) or USB drive, verified
against the signed pack; the workers' decisions travel back; the admin reads the report card
and the hard examples. Real server on 127.0.0.1, real ONNX files, real drive folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from labeler.annotations import Shape, ShapeType
from labeler.models.outcomes import from_suggestion, submit_with_suggestions
from labeler.models.runtime import OnnxModel, sha256_of
from sync.client import SyncClient
from sync.server import storage as db
from sync.server.cli import main as server_main
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.onnx_models import detector
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc
from tests.sync.usb_support import relay_of

NAMES = ["Tree", "house", "dog"]  # "Tree" maps by the label's English name, "dog" to nothing


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    # images are 64x48: letterboxed at scale 10 into 640x640 with 80 px of padding above
    return detector(
        tmp_path / "forest-v1.onnx",
        [(150, 280, 100, 100, 0, 0.9), (400, 400, 200, 150, 1, 0.7), (500, 200, 50, 50, 2, 0.9)],
        NAMES,
    )


def _attach(server: RunningServer, model: Path, project: str = "Forest") -> dict:
    resp = requests.post(
        server.url + "/v1/models",
        params={"project": project, "name": "forest", "version": "1", "score_threshold": 0.5},
        data=model.read_bytes(),
        headers={**server.admin_headers, "Content-Type": "application/octet-stream"},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_network_model_suggestions_feedback_and_report_card(
    server: RunningServer, tmp_path: Path, model_file: Path
) -> None:
    info = server.create_project("Forest")
    attached = _attach(server, model_file)
    assert attached["unmapped_classes"] == ["dog"]
    assert attached["model"]["classes"] == ["tree", "house", None]
    sha = sha256_of(model_file)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 4)
    try:
        # enrollment's pack already names the model; the file arrives on the first sync
        assert [e.sha256 for e in pc.models.missing_files()] == [sha]
        client = SyncClient(pc)
        client.sync_once()
        entry = pc.models.active()
        assert entry.sha256 == sha and entry.file.is_file() and entry.spec.score_threshold == 0.5
        model = OnnxModel.load(entry.file, entry.spec)
        ids = [r["id"] for r in pc.store.query("SELECT id FROM images ORDER BY seq")]
        for k, image_id in enumerate(ids):
            rec = pc.queue.get(image_id)
            preds = model.predict(pc.index.abspath(rec.path))
            assert [p.label for p in preds] == ["tree", "house"]
            pc.models.cache(rec.sha256, sha, preds)
            if k < 2:  # accept the tree, reject the house, draw a cattle the model missed
                shapes = [from_suggestion(preds[0], 0), Shape.box("cattle", 40, 30, 60, 45)]
                rejected = {1}
            else:  # accept all
                shapes = [from_suggestion(p, i) for i, p in enumerate(preds)]
                rejected = set()
            submit_with_suggestions(
                pc,
                image_id,
                shapes,
                "asha",
                model_sha256=sha,
                predictions=preds,
                rejected=rejected,
            )
        client.sync_once()
        with server.storage.read() as conn:
            assert conn.execute(select(func.count()).select_from(db.model_feedback)).scalar() == 4
        assert client.outbox.counts().pending == 0

        resp = requests.get(
            server.url + "/v1/models/report",
            headers=server.admin_headers,
            params={"project": "Forest"},
            timeout=10,
        )
        (card,) = resp.json()["models"]
        labels = {row["label"]: row for row in card["labels"]}
        assert card["images"] == 4 and card["hard_examples"] == 2
        assert labels["tree"]["precision"] == 1.0 and labels["tree"]["mean_iou"] == 1.0
        assert (labels["house"]["right"], labels["house"]["false_alarms"]) == (2, 2)
        assert labels["cattle"]["missed"] == 2 and labels["cattle"]["recall"] == 0.0
        csv_text = requests.get(
            server.url + "/v1/models/hard-examples", timeout=10, headers=server.admin_headers
        ).text
        assert csv_text.count("\n") == 3 and "img_00000" in csv_text
        # the same figures from the command line, with the hard examples written to a file
        out = tmp_path / "hard.csv"
        assert (
            server_main(
                ["model-report", "--data", str(server.data_dir), "--hard-examples", str(out)]
            )
            == 0
        )
        assert out.read_text("utf-8") == csv_text
    finally:
        pc.close()


def test_a_cut_download_resumes_where_it_stopped(
    server: RunningServer, tmp_path: Path, model_file: Path
) -> None:
    info = server.create_project("Forest")
    _attach(server, model_file)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 1)
    sha = sha256_of(model_file)
    data = model_file.read_bytes()
    try:
        pc.models.folder.mkdir(parents=True, exist_ok=True)
        part = pc.models.folder / f".{sha}.part"
        part.write_bytes(data[: len(data) // 3])  # the link dropped a third of the way
        seen: list[str | None] = []
        client = SyncClient(pc)
        original = client.http.session.request

        def spy(method, url, **kw):  # type: ignore[no-untyped-def]
            if "/v1/models/" in url:
                seen.append((kw.get("headers") or {}).get("Range"))
            return original(method, url, **kw)

        client.http.session.request = spy  # type: ignore[method-assign]
        assert client.fetch_model()
        assert seen == [f"bytes={len(data) // 3}-"]
        assert pc.models.active().file.read_bytes() == data and not part.exists()
    finally:
        pc.close()


def test_a_model_file_that_does_not_match_the_pack_is_refused(
    server: RunningServer, tmp_path: Path, model_file: Path
) -> None:
    info = server.create_project("Forest")
    _attach(server, model_file)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 1)
    sha = sha256_of(model_file)
    try:
        # the server host's copy of the file was damaged: the PC refuses it and stays without
        cache = server.data_dir / "models" / f"{sha}.onnx"
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(model_file.read_bytes() + b"x")
        assert not SyncClient(pc).fetch_model()
        assert [e.sha256 for e in pc.models.missing_files()] == [sha]
        assert not any(pc.models.folder.glob("*.onnx"))
    finally:
        pc.close()


def test_the_model_travels_on_the_supervisors_drive(
    server: RunningServer, tmp_path: Path, model_file: Path
) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 2)  # enrolled before the model
    try:
        assert pc.models.active() is None
        _attach(server, model_file)
        drive = tmp_path / "stick"
        drive.mkdir()
        export_to_drive(pc, drive)
        pushed = push_drive(drive, [relay])
        sha = sha256_of(model_file)
        on_drive = drive / "HITL" / "models" / f"{sha}.onnx"
        assert pushed.models == [sha] and on_drive.read_bytes() == model_file.read_bytes()
        imp = import_from_drive(pc, drive)
        assert imp.model and "arrived" in imp.model
        assert pc.models.active().sha256 == sha and pc.models.active().file.is_file()
        # a tampered copy on another drive is refused by its hash
        pc.models.remove_file(sha)
        on_drive.write_bytes(b"not the model")
        assert "not the one the project names" in import_from_drive(pc, drive).model
        assert pc.models.missing_files()
    finally:
        pc.close()


def test_bad_attachments_are_refused_with_reasons(
    server: RunningServer, tmp_path: Path, model_file: Path
) -> None:
    server.create_project("Forest")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"garbage")
    for body, params, words in (
        (broken.read_bytes(), {}, "not a usable ONNX model"),
        (model_file.read_bytes(), {"map": "dog=wolf"}, "not a label id"),
        (model_file.read_bytes(), {"task": "classify"}, "classifier"),
    ):
        resp = requests.post(
            server.url + "/v1/models",
            params={"project": "Forest", **params},
            data=body,
            headers={**server.admin_headers, "Content-Type": "application/octet-stream"},
            timeout=30,
        )
        assert resp.status_code == 400 and words in resp.json()["detail"]["message"], resp.text
    assert (
        requests.get(server.url + "/v1/models", headers=server.admin_headers, timeout=10).json()
        == []
    )
    device = server.enroll_device("Forest")
    resp = requests.post(
        server.url + "/v1/models",
        data=model_file.read_bytes(),
        timeout=10,
        headers=server.device_headers(device),
    )
    assert resp.status_code == 403


def test_attach_model_from_the_command_line(
    server: RunningServer, tmp_path: Path, model_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.create_project("Forest")
    argv = [
        "attach-model",
        "Forest",
        str(model_file),
        "--map",
        "dog=cattle",
        "--version",
        "2",
        "--data",
        str(server.data_dir),
    ]
    assert server_main(argv) == 0
    out = capsys.readouterr().out
    assert "dog→cattle" in out and "Tree→tree" in out
    assert server_main(["models", "--json", "--data", str(server.data_dir)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["active"] and row["version"] == "2" and row["classes"] == ["tree", "house", "cattle"]
    pack = server.registry.pack(server.registry.project("Forest").id)["pack"]
    assert pack["model"]["sha256"] == sha256_of(model_file)
    assert server_main(["detach-model", "Forest", "--data", str(server.data_dir)]) == 0
    assert server.registry.pack(server.registry.project("Forest").id)["pack"]["model"] is None
    assert ShapeType.BOX  # (the PC side of a detach: tests/labeler/models)


def test_the_server_refuses_malformed_feedback_with_a_reason(
    server: RunningServer, tmp_path: Path
) -> None:
    from sync.bundle import decode_secret, encode_bundle

    info = server.create_project("Forest")
    device = server.enroll_device(info.id)
    good = {
        "uuid": "6f1c2b1e-8a56-4d8e-9a2b-3c4d5e6f7a8b",
        "submission_uuid": "1f1c2b1e-8a56-4d8e-9a2b-3c4d5e6f7a8b",
        "image_sha256": "a" * 64,
        "model_sha256": "b" * 64,
        "outcomes": [
            {
                "type": "box",
                "label": "tree",
                "points": [[1, 2], [30, 40]],
                "score": 0.8,
                "outcome": "rejected",
                "shape": None,
            }
        ],
        "worker": "asha",
        "device_id": device["device_id"],
        "created_at": "2026-12-01T10:00:00.000Z",
    }
    bad_score = good | {
        "uuid": "7f1c2b1e-8a56-4d8e-9a2b-3c4d5e6f7a8b",
        "outcomes": [good["outcomes"][0] | {"score": 2}],
    }
    bad_label = good | {
        "uuid": "8f1c2b1e-8a56-4d8e-9a2b-3c4d5e6f7a8b",
        "outcomes": [good["outcomes"][0] | {"label": "wolf"}],
    }
    data = encode_bundle(
        {"project_id": info.id, "device_id": device["device_id"], "seq": 1, "prev_sha256": None},
        [],
        [],
        decode_secret(device["device_secret"]),
        feedback=[good, bad_score, bad_label],
    )
    resp = server.upload(data, server.device_headers(device))
    receipt = resp.json()["receipt"]
    assert receipt["accepted"] == [good["uuid"]]
    reasons = {r["uuid"]: r["reason"] for r in receipt["rejected"]}
    assert "score" in reasons[bad_score["uuid"]] and "wolf" in reasons[bad_label["uuid"]]
