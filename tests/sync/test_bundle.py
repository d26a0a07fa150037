"""Bundles round-trip exactly, and every tampered, truncated or oversized bundle is refused whole."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from pathlib import Path

import pytest
import zstandard

from labeler import crops
from labeler.annotations import Shape
from labeler.project import Project
from sync.bundle import (
    MAGIC,
    BundleError,
    BundleLimits,
    bundle_sha256,
    decode_secret,
    encode_bundle,
    encode_secret,
    read_bundle,
    read_manifest,
    write_bundle,
)
from sync.payload import round_coords

SECRET = os.urandom(32)
OTHER = os.urandom(32)
FIELDS = {"project_id": "proj-1", "device_id": "dev-1", "seq": 1, "prev_sha256": None}


def secrets(device_id: str) -> bytes | None:
    return {"dev-1": SECRET, "dev-2": OTHER}.get(device_id)


def submissions_from(project: Project, n: int = 6) -> list[dict]:
    ids = [r["id"] for r in project.store.query("SELECT id FROM images ORDER BY seq")][:n]
    out = []
    for k, image_id in enumerate(ids):
        shapes = [
            Shape.box("tree", 1.234567, 2.5, 30.0 + k, 40.987654),
            Shape.polygon("house", [(1, 1), (20.5, 1), (20.5, 30.25)]),
            Shape.point("cattle", 3.333, 4.444),
            Shape.polyline("tree", [(1, 40), (22.25, 44.5), (60, 47)]),
            Shape.box("house", 5, 5, 9, 9).with_attrs(
                {"occluded": True, "group_id": k, "description": "छत टूटी", "flags": {"x": True}}
            ),
            Shape.tag("tree"),
        ]
        out.append(project.work.submit(image_id, shapes, "asha").to_dict())
    return out


def resign(body: bytes, secret: bytes = SECRET) -> bytes:
    return body + hmac.new(secret, body, hashlib.sha256).digest()


def build(manifest: dict, payload: bytes, secret: bytes = SECRET) -> bytes:
    m = json.dumps(manifest).encode()
    return resign(MAGIC + struct.pack(">I", len(m)) + m + payload, secret)


def test_round_trip_gives_back_the_core_dicts(project: Project, tmp_path: Path) -> None:
    subs = submissions_from(project)
    prop = project.work.propose(
        int(project.store.scalar("SELECT max(id) FROM images")), "goat", "no goat label", "asha"
    ).to_dict()
    data = encode_bundle(FIELDS, subs, [prop], SECRET)
    path = write_bundle(tmp_path / "out" / "1.hitlb", data)
    assert path.read_bytes() == data
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp")]
    b = read_bundle(path.read_bytes(), secret_for=secrets, expected_project="proj-1")
    assert b.submissions == [round_coords(s) for s in subs]
    assert b.proposals == [prop]
    # the proposal's picture travels as base64 and comes back byte for byte (PROTOCOL.md)
    assert crops.check_crop(b.proposals[0]["crop"]).data == project.work.proposals()[0].crop
    assert b.manifest["payload"]["layout"] == "columns-1"
    assert (b.device_id, b.seq, b.prev_sha256, b.sha256) == (
        "dev-1",
        1,
        None,
        bundle_sha256(data),
    )
    # coordinates travel at 1/10 px; everything else is exact
    assert b.submissions[0]["shapes"][0]["points"] == [[1.2, 2.5], [30.0, 41.0]]
    assert read_manifest(data)["seq"] == 1


def test_a_proposal_without_a_crop_travels_as_before(project: Project) -> None:
    """What a PC from before crops sent (no ``crop`` key) still reads back the same."""
    prop = project.work.propose(1, "goat", "no goat label", "asha").to_dict()
    old = {k: v for k, v in prop.items() if k != "crop"}
    b = read_bundle(encode_bundle(FIELDS, [], [old], SECRET), secret_for=secrets)
    assert b.proposals == [old]


def test_odd_records_fall_back_to_the_plain_layout(project: Project) -> None:
    subs = submissions_from(project, 2)
    subs[0] = {**subs[0], "submitted_at": "yesterday", "extra_field": 1}
    b = read_bundle(encode_bundle(FIELDS, subs, [], SECRET), secret_for=secrets)
    assert b.manifest["payload"]["layout"] == "plain"
    assert b.submissions == subs


def test_secret_text_round_trips() -> None:
    assert decode_secret(encode_secret(SECRET)) == SECRET
    with pytest.raises(ValueError):
        decode_secret("@@@")


@pytest.fixture
def good(project: Project) -> bytes:
    return encode_bundle(FIELDS, submissions_from(project), [], SECRET)


def manifest_span(data: bytes) -> tuple[int, int]:
    (n,) = struct.unpack(">I", data[8:12])
    return 12, 12 + n


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def kind_of(data: bytes, **kw: object) -> str:
    with pytest.raises(BundleError) as exc:
        read_bundle(data, secret_for=secrets, **kw)  # type: ignore[arg-type]
    assert str(exc.value)  # a readable reason
    return exc.value.kind


def test_tampering_is_rejected_whole(good: bytes) -> None:
    _, m_end = manifest_span(good)
    assert kind_of(flip(good, m_end + 5)) == "checksum"  # payload byte
    assert kind_of(flip(good, len(good) - 3)) == "signature"  # signature byte
    # a manifest byte inside a string value keeps valid JSON: only the signature catches it
    at = good.index(b'"proj-1"') + 3
    assert kind_of(flip(good, at)) == "signature"
    assert kind_of(flip(good, 2)) == "malformed"  # magic
    assert kind_of(good[:-1]) == "malformed"  # truncated
    assert kind_of(good[: len(good) // 2]) == "malformed"
    assert kind_of(good[:20]) == "malformed"
    assert kind_of(os.urandom(5000)) == "malformed"  # garbage
    assert kind_of(b"") == "malformed"


def test_signed_by_another_device_or_unknown(project: Project) -> None:
    subs = submissions_from(project, 2)
    forged = encode_bundle(FIELDS, subs, [], OTHER)  # claims dev-1, keyed by dev-2's secret
    assert kind_of(forged) == "signature"
    stranger = encode_bundle({**FIELDS, "device_id": "dev-9"}, subs, [], SECRET)
    assert kind_of(stranger) == "unknown_device"

    def revoked(device_id: str) -> bytes:
        raise BundleError("revoked_device", f"device {device_id} was revoked")

    with pytest.raises(BundleError) as exc:
        read_bundle(encode_bundle(FIELDS, subs, [], SECRET), secret_for=revoked)
    assert exc.value.kind == "revoked_device"


def test_replay_into_another_project(good: bytes) -> None:
    assert kind_of(good, expected_project="proj-2") == "wrong_project"


def test_versions(good: bytes) -> None:
    assert kind_of(good[:7] + b"\x02" + good[8:]) == "unsupported_version"
    m0, m1 = manifest_span(good)
    manifest = json.loads(good[m0:m1])
    payload = good[m1:-32]
    assert kind_of(build({**manifest, "version": 2}, payload)) == "unsupported_version"
    assert kind_of(build({**manifest, "format": "zip"}, payload)) == "malformed"
    assert kind_of(build({**manifest, "seq": 0}, payload)) == "malformed"


def test_zstd_bomb_stops_at_the_limit() -> None:
    raw = b'{"submissions":[],"proposals":[],"pad":"' + b"a" * (64 * 1024 * 1024) + b'"}'
    packed = zstandard.ZstdCompressor(level=3).compress(raw)
    assert len(packed) < 64 * 1024  # a small file that would expand 64 MiB
    manifest = {
        "format": "hitl-bundle",
        "version": 1,
        **FIELDS,
        "payload": {
            "compression": "zstd",
            "size": len(packed),
            "raw_size": 100,  # lies about its size
            "sha256": hashlib.sha256(packed).hexdigest(),
            "counts": {"submission": 0, "proposal": 0},
        },
    }
    assert kind_of(build(manifest, packed)) == "too_large"
    honest = {**manifest, "payload": {**manifest["payload"], "raw_size": len(raw)}}
    assert kind_of(build(honest, packed)) == "too_large"  # announced size beyond the limit


def test_size_and_count_limits(good: bytes) -> None:
    assert kind_of(good, limits=BundleLimits(max_file_bytes=len(good) - 1)) == "too_large"
    assert kind_of(good, limits=BundleLimits(max_records=5)) == "too_large"
    assert kind_of(good, limits=BundleLimits(max_manifest_bytes=50)) == "too_large"
    assert kind_of(good, limits=BundleLimits(max_raw_bytes=100)) == "too_large"
    huge = MAGIC + struct.pack(">I", 10**9) + good[12:]
    assert kind_of(huge) == "too_large"


def test_malformed_payload_after_a_valid_signature() -> None:
    for raw in (b"not json", b"[1,2]", b'{"layout":"columns-1","submissions":{"n":3}}'):
        packed = zstandard.ZstdCompressor().compress(raw)
        manifest = {
            "format": "hitl-bundle",
            "version": 1,
            **FIELDS,
            "payload": {
                "compression": "zstd",
                "size": len(packed),
                "raw_size": len(raw),
                "sha256": hashlib.sha256(packed).hexdigest(),
                "counts": {"submission": 3, "proposal": 0},
            },
        }
        assert kind_of(build(manifest, packed)) == "malformed"


def test_a_polygon_that_rounding_would_spoil_travels_exactly(project: Project) -> None:
    subs = submissions_from(project, 1)
    tiny = {"type": "polygon", "label": "house", "points": [[1.0, 1.0], [1.02, 1.0], [1.02, 1.03]]}
    subs[0] = {**subs[0], "shapes": [tiny]}
    b = read_bundle(encode_bundle(FIELDS, subs, [], SECRET), secret_for=secrets)
    assert b.manifest["payload"]["layout"] == "plain"
    assert b.submissions == subs


def test_polylines_and_attributes_travel_in_the_columns(project: Project) -> None:
    subs = submissions_from(project, 3)
    b = read_bundle(encode_bundle(FIELDS, subs, [], SECRET), secret_for=secrets)
    assert b.manifest["payload"]["layout"] == "columns-1"
    assert b.submissions == [round_coords(s) for s in subs]
    back = [Shape.from_dict(d) for d in b.submissions[2]["shapes"]]
    assert back[3] == Shape.polyline("tree", [(1, 40), (22.2, 44.5), (60, 47)])
    assert back[4].attrs == {
        "occluded": True,
        "group_id": 2,
        "description": "छत टूटी",
        "flags": {"x": True},
    }


def test_a_polyline_that_rounding_would_spoil_travels_exactly(project: Project) -> None:
    subs = submissions_from(project, 1)
    tiny = {"type": "polyline", "label": "house", "points": [[1.0, 1.0], [1.02, 1.0]]}
    subs[0] = {**subs[0], "shapes": [tiny]}
    b = read_bundle(encode_bundle(FIELDS, subs, [], SECRET), secret_for=secrets)
    assert b.manifest["payload"]["layout"] == "plain"
    assert b.submissions == subs
