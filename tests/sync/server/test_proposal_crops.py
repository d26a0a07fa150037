"""A proposal's picture at ingest: a good one is kept; a hostile one (not base64, not a JPEG,
huge declared dimensions, oversize) is dropped with its reason while the proposal is stored,
and nothing answers 5xx. The picture is served only to a signed-in console session."""

from __future__ import annotations

import base64
import io
import os

import pytest
import requests
from PIL import Image
from sqlalchemy import select

from labeler import crops
from sync.server import storage as db
from sync.server.cli import main
from tests.sync.conftest import RunningServer, fake_proposal


def jpeg(size: tuple[int, int] = (120, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()


def declaring(data: bytes, width: int, height: int) -> bytes:
    """The same JPEG with its frame header (SOF0) declaring another size."""
    i = data.index(b"\xff\xc0")
    patched = bytearray(data)
    patched[i + 5 : i + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(patched)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


HOSTILE = {
    "not base64": ("<script>alert(1)</script>", "crop is not valid base64"),
    "not a JPEG": (b64(b"<html><body>hi</body></html>"), "crop is not a JPEG"),
    "a PNG": (b64(b"\x89PNG\r\n\x1a\n" + bytes(64)), "crop is not a JPEG"),
    "truncated": (b64(jpeg()[:150]), "crop is not a readable JPEG"),
    "bomb": (b64(declaring(jpeg(), 65_000, 65_000)), "crop declares far too many pixels"),
    "wide": (b64(declaring(jpeg(), 4_000, 90)), "crop declares 4,000 x 90 pixels"),
    "oversize": ("A" * (crops.MAX_CROP_TEXT + 1), "characters of base64; at most 65,536"),
    "a number": (12345, "crop must be base64 text"),
}


def test_hostile_crops_are_dropped_with_reasons_and_the_proposals_kept(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    project = server.create_project("Forest")
    e = server.enroll_device(project.id)
    good = jpeg()
    proposals = [fake_proposal(1, name="good", crop=b64(good)), fake_proposal(2, name="none")]
    names = {}
    for i, (label, (value, _reason)) in enumerate(HOSTILE.items(), start=3):
        p = fake_proposal(i, name=label, crop=value)
        names[p["uuid"]] = label
        proposals.append(p)
    r = server.upload(server.bundle_for(e, 1, [], proposals=proposals), server.device_headers(e))
    assert r.status_code == 200, r.text
    receipt = r.json()["receipt"]
    assert sorted(receipt["accepted"]) == sorted(p["uuid"] for p in proposals)
    assert receipt["rejected"] == []
    c = db.proposal_crops
    with server.storage.read() as conn:
        rows = {row.uuid: row for row in conn.execute(select(c))}
        stored = conn.execute(select(db.proposals.c.uuid)).scalars().all()
    assert len(stored) == len(proposals)
    assert bytes(rows[proposals[0]["uuid"]].data) == good
    assert (rows[proposals[0]["uuid"]].width, rows[proposals[0]["uuid"]].height) == (120, 90)
    assert proposals[1]["uuid"] not in rows  # sent no picture: none kept, no problem noted
    for uuid, label in names.items():
        row = rows[uuid]
        assert row.data is None, label
        assert HOSTILE[label][1] in row.problem, (label, row.problem)
    # the admin API and the server CLI say which proposal has a picture, and why one was dropped
    r = requests.get(f"{server.url}/v1/proposals", headers=server.admin_headers, timeout=10)
    assert r.status_code == 200, r.text
    listed = {p["uuid"]: p for p in r.json()}
    kept = listed[proposals[0]["uuid"]]
    assert [kept[k] for k in ("crop", "crop_width", "crop_height", "crop_problem")] == [
        "kept",
        120,
        90,
        None,
    ]
    assert listed[proposals[1]["uuid"]]["crop"] == "none"
    for uuid, label in names.items():
        assert listed[uuid]["crop"] == "dropped" and listed[uuid]["crop_width"] is None
        assert HOSTILE[label][1] in listed[uuid]["crop_problem"], label
    capsys.readouterr()
    url = ["--database-url", server.settings.database_url] if server.settings.database_url else []
    assert main(["proposals", "--data", str(server.data_dir), *url]) == 0
    out = capsys.readouterr().out
    assert "picture: 120 x 90 px" in out
    assert "no picture (the PC sent none" in out
    assert "picture dropped: crop declares far too many pixels" in out


def test_a_bundle_of_big_crops_stays_within_the_bundle_limits(server: RunningServer) -> None:
    """Three proposals each at the largest picture allowed still make a bundle the server
    takes (the reader's file limit is 256 KiB)."""
    project = server.create_project("Forest")
    e = server.enroll_device(project.id)
    # at the limit, and as incompressible as a JPEG (random bytes; not a real JPEG)
    props = [
        fake_proposal(i, crop=b64(b"\xff\xd8\xff" + os.urandom(crops.MAX_CROP_BYTES - 3)))
        for i in range(3)
    ]
    assert all(len(p["crop"]) <= crops.MAX_CROP_TEXT for p in props)
    r = server.upload(server.bundle_for(e, 1, [], proposals=props), server.device_headers(e))
    assert r.status_code == 200, r.text
    assert len(r.json()["receipt"]["accepted"]) == 3
    with server.storage.read() as conn:
        problems = conn.execute(select(db.proposal_crops.c.problem)).scalars().all()
    assert len(problems) == 3 and all("not a readable JPEG" in p for p in problems)


def test_the_picture_route_needs_a_session(server: RunningServer) -> None:
    project = server.create_project("Forest")
    e = server.enroll_device(project.id)
    prop = fake_proposal(1, crop=b64(jpeg()))
    r = server.upload(server.bundle_for(e, 1, [], proposals=[prop]), server.device_headers(e))
    assert r.status_code == 200
    url = f"{server.url}/admin/proposals/{prop['uuid']}/crop.jpg"
    for headers in (
        {},
        server.device_headers(e),
        {"Authorization": f"Bearer {server.admin_token}"},
    ):
        r = requests.get(url, headers=headers, timeout=10, allow_redirects=False)
        assert r.status_code == 303 and "/admin/sign-in" in r.headers["location"]
        assert not r.content.startswith(b"\xff\xd8")
    r = requests.get(url, cookies={"hitl_console": "forged"}, timeout=10, allow_redirects=False)
    assert r.status_code == 303
