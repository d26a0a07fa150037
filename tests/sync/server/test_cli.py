"""`labeler-server` commands: init, create-project, enroll, progress, proposals, export, revoke."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from sync.bundle import decode_secret, encode_bundle
from sync.server.bootstrap import open_state
from sync.server.cli import main
from sync.server.config import Settings
from sync.server.credentials import ADMIN_ID
from sync.signing import verify_json
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import fake_proposal, fake_submission


def test_admin_workflow_from_the_shell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "srv"
    tax = tmp_path / "labels.txt"
    tax.write_text(TAXONOMY_TEXT, encoding="utf-8")
    d = ["--data", str(data)]

    assert main(["init", *d]) == 0
    out = capsys.readouterr().out
    token = next(
        line.strip() for line in out.splitlines() if line.strip().startswith(ADMIN_ID + ".")
    )
    assert main(["init", *d]) == 2  # a second init is refused and changes nothing
    assert "already belongs to a server" in capsys.readouterr().err
    assert token not in (data / "server.db").read_bytes().decode("latin-1")  # only its hash
    assert stat.S_IMODE((data / "master.key").stat().st_mode) == 0o600

    assert main(["create-project", "Forest", "--taxonomy", str(tax), "--kind", "boxes", *d]) == 0
    assert main(["create-project", "Forest", "--taxonomy", str(tax), "--kind", "boxes", *d]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["create-project", "X", "--taxonomy", str(tax), "--kind", "cubes", *d]) == 2

    out_file = tmp_path / "pc1.hitl-enroll"
    enroll = ["enroll-device", "--project", "Forest", "--centre", "Village A", "--out"]
    # a plain-http address of another machine would carry the device secret in clear text
    assert main([*enroll, str(out_file), "--public-url", "http://203.0.113.5:8000", *d]) == 2
    assert "plain http" in capsys.readouterr().err and not out_file.exists()
    assert main([*enroll, str(out_file), "--public-url", "https://srv:8443", *d]) == 0
    enrollment = json.loads(out_file.read_text("utf-8"))
    assert (
        enrollment["format"] == "hitl-enrollment" and enrollment["server_url"] == "https://srv:8443"
    )
    assert verify_json(
        enrollment["pack"]["pack"], enrollment["pack"]["signature"], enrollment["server_public_key"]
    )
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert main(["enroll-relay", "--project", "Forest", *d]) == 0
    relay_files = list((data / "enrollments").glob("*.hitl-relay"))
    assert len(relay_files) == 1 and json.loads(relay_files[0].read_text())["token"].startswith(
        "rly-"
    )

    # work arrives (through the same ingest the API uses)
    state = open_state(Settings(data_dir=data))
    caller = state.registry.authenticate(enrollment["device_id"], enrollment["device_secret"])
    bundle = encode_bundle(
        {
            "project_id": enrollment["project_id"],
            "device_id": enrollment["device_id"],
            "seq": 1,
            "prev_sha256": None,
        },
        [fake_submission(i) for i in range(3)],
        [fake_proposal(9)],
        decode_secret(enrollment["device_secret"]),
    )
    state.ingest.ingest(bundle, caller)
    state.storage.dispose()
    capsys.readouterr()

    assert main(["progress", *d]) == 0
    out = capsys.readouterr().out
    assert "Village A" in out and "3 submissions" in out
    assert main(["proposals", "--json", *d]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "bullock cart"
    dest = tmp_path / "export"
    dest.mkdir()
    assert main(["export", "--format", "coco", "--out", str(dest), *d]) == 0
    (coco_file,) = dest.iterdir()
    assert len(json.loads(coco_file.read_text("utf-8"))["images"]) == 3
    assert main(["revoke-device", enrollment["device_id"], *d]) == 0
    assert main(["revoke-device", "dev-nope", *d]) == 2
    assert main(["progress", *d]) == 0
    assert "REVOKED" in capsys.readouterr().out


def test_commands_on_an_empty_folder_say_to_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "--data", str(tmp_path / "nothing")]) == 2
    assert "labeler-server init" in capsys.readouterr().err
