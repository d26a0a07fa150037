"""A corpus of hostile bundles and records, validly signed: what an attacker with a device's
key, or a PC with a bug, could send. Used over real HTTP (tests/sync/server) and through a
USB folder (tests/sync/test_usb_hostile.py), so both doors are held to the same answers.

``RECORD_CASES``: one bad record each, in an otherwise good bundle; the server stores the
bundle, refuses that record alone and names the reason (words the reason must hold).
``BUNDLE_CASES``: a bundle refused whole, with the ``kind`` PROTOCOL.md names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import zstandard

from sync.bundle import MAGIC, decode_secret
from tests.sync.conftest import fake_proposal, fake_submission


def signed_bundle(
    enrollment: dict[str, Any],
    seq: Any,
    payload: bytes | dict[str, Any],
    *,
    counts: tuple[int, int] | None = None,
    **manifest: Any,
) -> bytes:
    """A bundle whose payload is ``payload`` exactly (JSON with ``ensure_ascii``, so lone
    surrogates and NaN travel as the escapes an attacker would write), signed by the device."""
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode("ascii")
    if counts is None:
        obj = payload if isinstance(payload, dict) else {}
        counts = (len(obj.get("submissions", [])), len(obj.get("proposals", [])))
    packed = zstandard.ZstdCompressor().compress(raw)
    m = {
        "format": "hitl-bundle",
        "version": 1,
        "project_id": enrollment["project_id"],
        "device_id": enrollment["device_id"],
        "seq": seq,
        "prev_sha256": None,
        "created_at": "2026-01-05T10:00:00.000Z",
        "app_version": "test",
        "payload": {
            "compression": "zstd",
            "layout": "plain",
            "size": len(packed),
            "raw_size": len(raw),
            "sha256": hashlib.sha256(packed).hexdigest(),
            "counts": {"submission": counts[0], "proposal": counts[1]},
        },
        **manifest,
    }
    mbytes = json.dumps(m).encode("ascii")
    body = MAGIC + struct.pack(">I", len(mbytes)) + mbytes + packed
    secret = decode_secret(enrollment["device_secret"])
    return body + hmac.new(secret, body, hashlib.sha256).digest()


def _box(*pts: Any) -> list[dict[str, Any]]:
    return [{"type": "box", "label": "tree", "points": [list(p) for p in pts]}]


@dataclass(frozen=True)
class RecordCase:
    name: str
    record: Callable[[int], dict[str, Any]]  # image number -> the hostile record
    words: str  # the receipt's reason holds these
    proposal: bool = False


def _sub(**fields: Any) -> Callable[[int], dict[str, Any]]:
    return lambda i: fake_submission(i, **fields)


def _prop(**fields: Any) -> Callable[[int], dict[str, Any]]:
    return lambda i: fake_proposal(i, **fields)


NAN, INF = float("nan"), float("inf")
RECORD_CASES = [
    RecordCase("nan coordinate", _sub(shapes=_box((NAN, 20), (110, 220))), "finite"),
    RecordCase("infinite coordinate", _sub(shapes=_box((10, INF), (110, 220))), "finite"),
    RecordCase("minus infinity", _sub(shapes=_box((-INF, 20), (110, 220))), "finite"),
    RecordCase("negative coordinate", _sub(shapes=_box((-40, 20), (110, 220))), "outside"),
    RecordCase("out of the image", _sub(shapes=_box((10, 20), (900, 220))), "outside"),
    RecordCase("1e300", _sub(shapes=_box((10, 20), (1e300, 220))), "outside"),
    RecordCase("box of one point", _sub(shapes=_box((10, 20))), "exactly 2 points"),
    RecordCase("box of three", _sub(shapes=_box((10, 20), (30, 40), (50, 60))), "exactly 2"),
    RecordCase("zero-area box", _sub(shapes=_box((10, 20), (10, 220))), "thinner"),
    RecordCase("width 0", _sub(width=0), "width must be between"),
    RecordCase("height 0", _sub(height=0), "height must be between"),
    RecordCase("width 10^20", _sub(width=10**20), "width must be between"),
    RecordCase("duration 2^64", _sub(duration_ms=2**64), "duration_ms must be between"),
    RecordCase("duration 2^31", _sub(duration_ms=2**31), "duration_ms must be between"),
    RecordCase("revision 2^63", _sub(revision=2**63), "revision must be between"),
    RecordCase("taxonomy version 99", _sub(taxonomy_version=99), "does not exist"),
    RecordCase("image hash not hex", _sub(image_sha256="zz" * 32), "64 lower-case hex"),
    RecordCase("uuid lone surrogate", _sub(uuid="\ud800" * 36), "UUID"),
    RecordCase("worker lone surrogate", _sub(worker="Asha\udc00"), "surrogate"),
    RecordCase("worker NUL", _sub(worker="As\x00ha"), "control character"),
    RecordCase("unknown label", _sub(shapes=[
        {"type": "box", "label": "dragon", "points": [[1, 1], [9, 9]]}
    ]), "not in the project's taxonomy"),
    RecordCase("polygon of two", _sub(shapes=[
        {"type": "polygon", "label": "tree", "points": [[1, 1], [9, 9]]}
    ]), "at least 3"),
    RecordCase("unknown attribute", _sub(shapes=[
        {"type": "box", "label": "tree", "points": [[1, 1], [9, 9]], "attrs": {"x": [[[[1]]]]}}
    ]), "unknown attribute"),
    RecordCase("absolute path", _sub(image_path="/etc/passwd"), "relative"),
    RecordCase("region nan", _prop(region=_box((NAN, 1), (5, 5))[0]), "finite", proposal=True),
    RecordCase("proposal version 99", _prop(taxonomy_version=99), "does not exist",
               proposal=True),
    RecordCase("proposal name surrogate", _prop(name="\ud83d"), "surrogate", proposal=True),
]  # fmt: skip


@dataclass(frozen=True)
class BundleCase:
    name: str
    make: Callable[[dict[str, Any]], bytes]  # enrollment -> bundle bytes
    kind: str


def _deep(depth: int) -> bytes:
    return b'{"submissions": [' + b"[" * depth + b"]" * depth + b'], "proposals": []}'


BUNDLE_CASES = [
    BundleCase("seq 2^63", lambda e: signed_bundle(e, 2**63, {"submissions": []}), "malformed"),
    BundleCase("seq 2^31", lambda e: signed_bundle(e, 2**31, {"submissions": []}), "malformed"),
    BundleCase("seq true", lambda e: signed_bundle(e, True, {"submissions": []}), "malformed"),
    BundleCase(
        "nested payload 100000",
        lambda e: signed_bundle(e, 1, _deep(100_000), counts=(1, 0)),
        "malformed",
    ),
    BundleCase(
        "nested payload 5000",
        lambda e: signed_bundle(e, 1, _deep(5000), counts=(1, 0)),
        "malformed",
    ),
    BundleCase(
        "prev_sha256 not hex",
        lambda e: signed_bundle(e, 2, {"submissions": []}, prev_sha256="g" * 64),
        "malformed",
    ),
    BundleCase(
        "created_at surrogate",
        lambda e: signed_bundle(e, 1, {"submissions": []}, created_at="\ud800"),
        "malformed",
    ),
    BundleCase(
        "columns with a huge coordinate",
        lambda e: signed_bundle(e, 1, _columns_overflow(), counts=(1, 0)),
        "malformed",
    ),
    BundleCase(
        "payload not an object",
        lambda e: signed_bundle(e, 1, b"[1, 2, 3]", counts=(0, 0)),
        "malformed",
    ),
]


def _columns_overflow() -> bytes:
    """A ``columns-1`` payload whose coordinate integer overflows a float when scaled."""
    rec = fake_submission(1)
    cols = {
        "n": 1,
        "uuid": [rec["uuid"]],
        "image_sha256": [rec["image_sha256"]],
        "image_path": [rec["image_path"]],
        "width": [640],
        "height": [480],
        "revision": [1],
        **{k: {"v": [rec[k]], "i": [0]} for k in ("worker", "device_id", "source")},
        "taxonomy_version": {"v": [1], "i": [0]},
        "supersedes": {"v": [None], "i": [0]},
        "submitted_at": [rec["submitted_at"]],
        "started_at": [[rec["started_at"]]],
        "duration_ms": [[7500]],
        "shapes": {
            "n": [1],
            "type": {"v": ["box"], "i": [0]},
            "label": {"v": ["tree"], "i": [0]},
            "npoly": [],
            "xy": [10**400, 0, 1, 1],
            "attrs": {},
        },
    }
    text = json.dumps({"layout": "columns-1", "submissions": cols, "proposals": []})
    return text.encode("ascii")
