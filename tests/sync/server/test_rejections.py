"""Every tampered, forged, replayed or oversized bundle is refused whole; nothing is stored."""

from __future__ import annotations

import hashlib
import hmac
import json
import struct

import pytest
import requests
import zstandard
from sqlalchemy import func, select

from sync.bundle import MAGIC, decode_secret
from sync.server import storage as db
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission


def _stored(server: RunningServer) -> tuple[int, int, int]:
    with server.storage.read() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (db.bundles, db.submissions, db.proposals)
        )


def _conflicts(server: RunningServer) -> list[bytes]:
    with server.storage.read() as conn:
        return [bytes(d) for d in conn.execute(select(db.conflict_bundles.c.data)).scalars()]


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _signed(manifest: dict, payload: bytes, secret: bytes) -> bytes:
    m = json.dumps(manifest).encode()
    body = MAGIC + struct.pack(">I", len(m)) + m + payload
    return body + hmac.new(secret, body, hashlib.sha256).digest()


@pytest.fixture
def setup(server: RunningServer):  # type: ignore[no-untyped-def]
    project = server.create_project()
    other_project = server.create_project("Rivers")
    pc = server.enroll_device(project.id, "Village A")
    pc2 = server.enroll_device(project.id, "Village B")
    far = server.enroll_device(other_project.id, "Town")
    relay_other = server.enroll_relay(other_project.id)
    return server, pc, pc2, far, relay_other


def test_tampered_bundles_are_rejected_whole(setup) -> None:  # type: ignore[no-untyped-def]
    server, pc, pc2, far, relay_other = setup
    headers = server.device_headers(pc)
    good = server.bundle_for(
        pc, 1, [fake_submission(i) for i in range(20)], proposals=[fake_proposal(1)]
    )
    (n,) = struct.unpack(">I", good[8:12])
    manifest_end = 12 + n
    secret = decode_secret(pc["device_secret"])
    bomb_raw = b" " * (40 * 1024 * 1024)
    bomb = zstandard.ZstdCompressor(level=3).compress(bomb_raw)
    bomb_manifest = {
        "format": "hitl-bundle",
        "version": 1,
        "project_id": pc["project_id"],
        "device_id": pc["device_id"],
        "seq": 1,
        "prev_sha256": None,
        "created_at": "2026-01-01T00:00:00Z",
        "app_version": "0",
        "payload": {
            "compression": "zstd",
            "size": len(bomb),
            "raw_size": 1000,
            "sha256": hashlib.sha256(bomb).hexdigest(),
            "counts": {"submission": 1, "proposal": 0},
        },
    }
    cases = {
        "payload byte flipped": (_flip(good, manifest_end + 5), headers, {"checksum"}),
        "manifest byte flipped": (
            _flip(good, good.index(b'"seq"') + 2),
            headers,
            {"signature", "malformed"},
        ),
        "signature byte flipped": (_flip(good, len(good) - 3), headers, {"signature"}),
        "signed by another device": (
            good[:-32]
            + hmac.new(decode_secret(pc2["device_secret"]), good[:-32], hashlib.sha256).digest(),
            headers,
            {"signature"},
        ),
        "another device's bundle, uploaded as me": (
            server.bundle_for(pc2, 1, [fake_submission(1)]),
            headers,
            {"forbidden"},
        ),
        "replay into another project (relay of other project)": (
            good,
            server.relay_headers(relay_other),
            {"wrong_project"},
        ),
        "bundle naming another project": (
            server.bundle_for(pc, 1, [fake_submission(1)], project_id=far["project_id"]),
            headers,
            {"wrong_project"},
        ),
        "truncated": (good[: len(good) // 2], headers, {"malformed"}),
        "zstd bomb": (_signed(bomb_manifest, bomb, secret), headers, {"too_large"}),
        "garbage": (b"\x00garbage" * 100, headers, {"malformed"}),
        "empty": (b"", headers, {"malformed"}),
        "wrong version": (good[:7] + b"\x09" + good[8:], headers, {"unsupported_version"}),
    }
    for name, (data, hdrs, kinds) in cases.items():
        r = server.upload(data, hdrs)
        assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
        detail = r.json()["detail"]
        assert detail["kind"] in kinds, (name, detail)
        assert len(detail["message"]) > 10, name
        assert _stored(server) == (0, 0, 0), name
    assert _conflicts(server) == []
    # the good bundle still goes in afterwards
    assert server.upload(good, headers).status_code == 200
    assert _stored(server) == (1, 20, 1)


def test_body_over_the_limit_is_refused_early(setup) -> None:  # type: ignore[no-untyped-def]
    server, pc, *_ = setup
    big = b"x" * (server.settings.max_body_bytes + 1)
    r = server.upload(big, server.device_headers(pc))
    assert r.status_code == 413
    assert r.json()["detail"]["kind"] == "too_large"

    def chunks():  # no Content-Length: counted while it streams
        for _ in range(40):
            yield b"y" * 64 * 1024

    r = requests.post(
        server.url + "/v1/bundles", data=chunks(), headers=server.device_headers(pc), timeout=30
    )
    assert r.status_code == 413
    # small endpoints have a small limit
    r = requests.post(
        f"{server.url}/v1/devices/{pc['device_id']}/revoke",
        data=b"z" * (server.settings.max_small_body_bytes + 1),
        headers=server.admin_headers,
        timeout=10,
    )
    assert r.status_code == 413
    assert _stored(server) == (0, 0, 0)
    assert server.registry.device(pc["device_id"]).revoked_at is None


def test_conflicting_bytes_under_a_used_sequence_are_kept_not_applied(setup) -> None:  # type: ignore[no-untyped-def]
    server, pc, *_ = setup
    headers = server.device_headers(pc)
    first = server.bundle_for(pc, 1, [fake_submission(1)])
    clash = server.bundle_for(pc, 1, [fake_submission(2), fake_submission(3)])
    assert server.upload(first, headers).status_code == 200
    for _ in range(2):
        r = server.upload(clash, headers)
        assert r.status_code == 409
        assert r.json()["detail"]["kind"] == "conflict"
    assert _stored(server) == (1, 1, 0)
    assert _conflicts(server) == [clash]  # kept once, in the database every process shares
    progress = requests.get(server.url + "/v1/progress", headers=server.admin_headers, timeout=10)
    alerts = progress.json()["alerts"]
    assert [(a["kind"], a["seq"]) for a in alerts] == [("conflict", 1)]
    assert "labeler-server conflicts" in alerts[0]["message"]


def test_revoked_device_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    server, pc, *_ = setup
    project = pc["project_id"]
    relay = server.enroll_relay(project)
    bundle = server.bundle_for(pc, 1, [fake_submission(1)])
    r = requests.post(
        f"{server.url}/v1/devices/{pc['device_id']}/revoke",
        headers=server.admin_headers,
        timeout=10,
    )
    assert r.status_code == 200 and r.json() == {"device_id": pc["device_id"], "revoked": True}
    r = server.upload(bundle, server.device_headers(pc))
    assert r.status_code == 403 and r.json()["detail"]["kind"] == "revoked_device"
    r = server.upload(bundle, server.relay_headers(relay))  # carried on a USB drive
    assert r.status_code == 403 and r.json()["detail"]["kind"] == "revoked_device"
    r = requests.get(server.url + "/v1/health", headers=server.device_headers(pc), timeout=10)
    assert r.status_code == 403
    assert _stored(server) == (0, 0, 0)


def test_broken_chain_is_flagged_for_the_admin(setup) -> None:  # type: ignore[no-untyped-def]
    server, pc, *_ = setup
    headers = server.device_headers(pc)
    b1 = server.bundle_for(pc, 1, [fake_submission(1)])
    b2 = server.bundle_for(pc, 2, [fake_submission(2)], prev_sha256="0" * 64)  # a cloned disk
    assert server.upload(b1, headers).status_code == 200
    assert server.upload(b2, headers).status_code == 200
    seq = requests.get(
        f"{server.url}/v1/devices/{pc['device_id']}/sequence", headers=headers, timeout=10
    ).json()
    assert seq["chain_broken"] == [2]
    alerts = requests.get(server.url + "/v1/progress", headers=server.admin_headers, timeout=10)
    assert [a["kind"] for a in alerts.json()["alerts"]] == ["chain_broken"]
