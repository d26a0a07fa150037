"""The bundle file (``.hitlb``): one signed, self-describing batch of submissions and proposals.

Both ends use this one module: the PC's outbox writes bundles, the server, the USB path and
the relay read them. Layout (``sync/PROTOCOL.md``)::

    magic b"HITLB\\x00\\x01\\n" | uint32 BE manifest length N | manifest JSON (N bytes)
    | zstd payload (manifest.payload.size bytes) | HMAC-SHA256(device secret, all before)

Reading is bounded everywhere: the file size, the manifest size, the decompressed size
(a streaming decompressor that stops at the limit, so a zstd bomb costs nothing) and the
record count are capped by ``BundleLimits``; nothing is ever written to disk. The first
failed check rejects the whole bundle with a ``BundleError`` whose ``kind`` says why.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zstandard

from labeler import __version__, validation
from labeler.atomic_file import write_atomic
from labeler.errors import InvalidRecord
from labeler.quality.records import PAYLOAD_KEYS
from labeler.store import now
from sync.errors import BundleError
from sync.payload import PayloadFormatError, decode_feedback, decode_payload, encode_payload

WIRE_KEYS = {**PAYLOAD_KEYS, "gold_sealed": "gold_sealed"}
"""Quality kinds on the wire -> payload key: the records' kinds, and ``gold_sealed``, the gold
answers a station imported, each sealed under the project's gold key (``sync.gold_seal``;
PROTOCOL.md, "Quality records in bundles")."""

__all__ = [
    "BUNDLE_SUFFIX",
    "DEFAULT_TARGET_BYTES",
    "MAGIC",
    "Bundle",
    "BundleError",
    "BundleLimits",
    "bundle_sha256",
    "decode_secret",
    "encode_bundle",
    "encode_secret",
    "read_bundle",
    "read_bundle_unverified",
    "read_manifest",
    "write_bundle",
]

MAGIC = b"HITLB\x00\x01\n"
MAGIC_PREFIX = MAGIC[:6]  # the last two bytes carry the format version
FORMAT = "hitl-bundle"
VERSION = 1
HEADER = 12  # magic + manifest length
MAC_SIZE = 32
BUNDLE_SUFFIX = ".hitlb"
KiB = 1024
MiB = 1024 * KiB

DEFAULT_TARGET_BYTES = 64 * KiB
"""What the outbox aims for per bundle: about 4 s on a 2G (EDGE, ~128 kbit/s) link."""

MAX_ID = 64  # characters of a project or device id (the server's id columns)
ZSTD_LEVEL = 17  # on these payloads as small as 19 or smaller, and 40% faster


@dataclass(frozen=True)
class BundleLimits:
    """Hard bounds a reader enforces before trusting anything in a bundle.

    The defaults leave room above what the outbox writes (``DEFAULT_TARGET_BYTES``) so a PC
    configured for bigger bundles is still read, while one request can never cost a server
    more than a few MiB of memory.
    """

    max_file_bytes: int = 256 * KiB
    max_manifest_bytes: int = 64 * KiB
    max_raw_bytes: int = 8 * MiB
    max_records: int = 10_000


@dataclass(frozen=True)
class Bundle:
    """A bundle that passed every check: its manifest and its records as plain dicts."""

    manifest: dict[str, Any]
    submissions: list[dict[str, Any]]
    proposals: list[dict[str, Any]]
    sha256: str
    size: int
    data: bytes = field(repr=False, default=b"")
    feedback: list[dict[str, Any]] = field(default_factory=list)  # model feedback (issue 15)
    quality: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Quality records by kind (``review``, ``gold``, ``gold_sealed``, ``gold_score``,
    ``agreement``, ``flag``): what a supervisor station's bundles carry besides its
    corrections (PROTOCOL.md, issue 12); ``gold_sealed`` records are still sealed here."""

    @property
    def project_id(self) -> str:
        return self.manifest["project_id"]

    @property
    def device_id(self) -> str:
        return self.manifest["device_id"]

    @property
    def seq(self) -> int:
        return self.manifest["seq"]

    @property
    def prev_sha256(self) -> str | None:
        return self.manifest["prev_sha256"]


# ---------------------------------------------------------------- secrets
def decode_secret(text: str) -> bytes:
    """The HMAC key: the device secret's raw bytes (it travels as base64url text)."""
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the device secret is not base64url text") from exc
    if len(raw) < 16:
        raise ValueError("the device secret is too short")
    return raw


def encode_secret(raw: bytes) -> str:
    """Base64url text of a device secret (no padding)."""
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def bundle_sha256(data: bytes) -> str:
    """A bundle's identity: SHA-256 hex of the whole file."""
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- writing
def encode_bundle(
    manifest_fields: dict[str, Any],
    submissions: list[dict[str, Any]],
    proposals: list[dict[str, Any]],
    device_secret: bytes,
    feedback: list[dict[str, Any]] | None = None,
    quality: dict[str, list[dict[str, Any]]] | None = None,
) -> bytes:
    """The bytes of a signed bundle.

    ``manifest_fields`` must hold ``project_id``, ``device_id``, ``seq`` and ``prev_sha256``;
    ``created_at`` and ``app_version`` default to now and this program's version.
    ``submissions`` / ``proposals`` are ``Submission.to_dict()`` / ``Proposal.to_dict()``.
    """
    for key in ("project_id", "device_id", "seq"):
        if key not in manifest_fields:
            raise ValueError(f"manifest field {key!r} is required")
    payload_obj = encode_payload(submissions, proposals, feedback)
    counts = {"submission": len(submissions), "proposal": len(proposals)}
    if feedback:
        counts["feedback"] = len(feedback)
    for kind, records in (quality or {}).items():  # a station's quality records (issue 12)
        if kind not in WIRE_KEYS:
            raise ValueError(f"unknown record kind {kind!r}")
        if records:
            payload_obj[WIRE_KEYS[kind]] = list(records)
            counts[kind] = len(records)
    raw = json.dumps(payload_obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "prev_sha256": None,
        "created_at": now(),
        "app_version": __version__,
        **manifest_fields,
        "payload": {
            "compression": "zstd",
            "layout": payload_obj.get("layout", "plain"),
            "size": len(packed),
            "raw_size": len(raw),
            "sha256": hashlib.sha256(packed).hexdigest(),
            "counts": counts,
        },
    }
    mbytes = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = MAGIC + struct.pack(">I", len(mbytes)) + mbytes + packed
    return body + hmac.new(device_secret, body, hashlib.sha256).digest()


def write_bundle(path: str | Path, data: bytes) -> Path:
    """Write bundle bytes durably (``labeler.atomic_file``): a reader, or a USB copy, never
    sees half a bundle under its final name."""
    return write_atomic(path, data)


# ---------------------------------------------------------------- reading
def _split(data: bytes, limits: BundleLimits) -> tuple[dict[str, Any], bytes, bytes]:
    """(manifest, manifest bytes, payload) after the structural checks; nothing verified."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise BundleError("malformed", "a bundle must be bytes")
    data = bytes(data)
    if len(data) > limits.max_file_bytes:
        raise BundleError(
            "too_large",
            f"the bundle is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}."
            " Pack smaller bundles (fewer submissions each)",
        )
    if len(data) < HEADER + 2 + MAC_SIZE or not data.startswith(MAGIC_PREFIX):
        raise BundleError("malformed", "this is not a HITL bundle file (wrong start bytes)")
    if data[: HEADER - 4] != MAGIC:
        raise BundleError(
            "unsupported_version",
            f"bundle format {data[6]}.{data[7]} is not known to this program; update it",
        )
    (n,) = struct.unpack(">I", data[8:HEADER])
    if n > limits.max_manifest_bytes:
        raise BundleError(
            "too_large",
            f"the bundle manifest is {n:,} bytes; the limit is {limits.max_manifest_bytes:,}",
        )
    if HEADER + n + MAC_SIZE > len(data):
        raise BundleError("malformed", "the bundle is truncated (the manifest is cut off)")
    mbytes = data[HEADER : HEADER + n]
    try:
        manifest = json.loads(mbytes.decode("utf-8"))
    except RecursionError:
        raise BundleError("malformed", "the bundle manifest is nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError("malformed", f"the bundle manifest is not JSON ({exc})") from exc
    _check_manifest(manifest, limits)
    size = manifest["payload"]["size"]
    if HEADER + n + size + MAC_SIZE != len(data):
        raise BundleError(
            "malformed",
            f"the bundle is {len(data):,} bytes but its manifest announces"
            f" {HEADER + n + size + MAC_SIZE:,}; it is truncated or has extra bytes",
        )
    return manifest, mbytes, data[HEADER + n : HEADER + n + size]


def _check_manifest(m: Any, limits: BundleLimits) -> None:
    def bad(what: str) -> BundleError:
        return BundleError("malformed", f"the bundle manifest {what}")

    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise bad("is not a HITL bundle manifest")
    if m.get("version") != VERSION:
        raise BundleError(
            "unsupported_version",
            f"bundle version {m.get('version')!r} is not known to this program; update it",
        )
    try:  # the same field checks as records (labeler.validation): bounded, storable text
        for key in ("project_id", "device_id"):
            validation.text(m.get(key), key, MAX_ID)
        validation.whole(m.get("seq"), "seq", 1, validation.MAX_INT32)
        if m.get("prev_sha256") is not None:
            validation.sha256_hex(m["prev_sha256"], "prev_sha256")
        for key in ("created_at", "app_version", "layout"):
            src = m if key != "layout" else (m.get("payload") or {})
            if isinstance(src, dict) and src.get(key) is not None:
                validation.text(src[key], key, 64)
        p = m.get("payload")
        if isinstance(p, dict):
            for key in ("size", "raw_size"):
                validation.whole(p.get(key), f"payload {key}")
            validation.sha256_hex(p.get("sha256"), "payload sha256")
            counts = p.get("counts")
            if isinstance(counts, dict):
                for key in ("submission", "proposal"):
                    validation.whole(counts.get(key), f"{key} count")
    except InvalidRecord as exc:
        raise bad(f"is malformed: {exc}") from None
    p = m.get("payload")
    if not isinstance(p, dict) or p.get("compression") != "zstd":
        raise bad("does not describe a zstd payload")
    for key in ("size", "raw_size"):
        if not isinstance(p.get(key), int) or p[key] < 0:
            raise bad(f"has a bad payload {key}")
    if not isinstance(p.get("sha256"), str):
        raise bad("has no payload checksum")
    counts = p.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(counts.get(k), int) and counts[k] >= 0 for k in ("submission", "proposal")
    ):
        raise bad("has bad record counts")
    for kind in ("feedback", *WIRE_KEYS):
        n = counts.get(kind, 0)
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise bad("has bad record counts")
    total = sum(counts.get(k, 0) for k in ("submission", "proposal", "feedback", *WIRE_KEYS))
    if p["raw_size"] > limits.max_raw_bytes:
        raise BundleError(
            "too_large",
            f"the bundle expands to {p['raw_size']:,} bytes; the limit is {limits.max_raw_bytes:,}",
        )
    if total > limits.max_records:
        raise BundleError(
            "too_large",
            f"the bundle holds {total:,} records; the limit is {limits.max_records:,}",
        )


def read_manifest(data: bytes, limits: BundleLimits | None = None) -> dict[str, Any]:
    """The manifest after the structural checks only: NOT authenticated.

    For listing a drive or an outbox folder; trust nothing in it until ``read_bundle``.
    """
    return _split(data, limits or BundleLimits())[0]


def read_bundle(
    data: bytes,
    *,
    secret_for: Callable[[str], bytes | None],
    limits: BundleLimits | None = None,
    expected_project: str | None = None,
) -> Bundle:
    """Check a bundle completely and return its records, or raise ``BundleError``.

    ``secret_for(device_id)`` gives the device's HMAC key (``decode_secret`` of its secret),
    ``None`` for an unknown device, or raises ``BundleError("revoked_device", ...)``.
    Order: size, structure, version, payload checksum, device, signature, project,
    decompression (bounded), records. Only authenticated bytes are ever decompressed.
    """
    limits = limits or BundleLimits()
    manifest, _, packed = _split(data, limits)
    data = bytes(data)
    _check_checksum(manifest, packed)
    device_id = manifest["device_id"]
    secret = secret_for(device_id)
    if secret is None:
        raise BundleError(
            "unknown_device",
            f"device {device_id} is not enrolled in a project here; enroll the PC first",
        )
    mac = hmac.new(secret, data[:-MAC_SIZE], hashlib.sha256).digest()
    if not hmac.compare_digest(mac, data[-MAC_SIZE:]):
        raise BundleError(
            "signature", f"the bundle is not signed by device {device_id}; it was altered or forged"
        )
    if expected_project is not None and manifest["project_id"] != expected_project:
        raise BundleError(
            "wrong_project",
            f"the bundle belongs to project {manifest['project_id']}, not {expected_project}",
        )
    return _records(manifest, packed, data, limits)


def read_bundle_unverified(data: bytes, limits: BundleLimits | None = None) -> Bundle:
    """Every check a station can make without the device's secret: structure, version,
    sizes, the payload checksum, bounded decompression and the records. The signature is
    NOT checked (only the server holds device secrets): trust what this returns for review,
    never for delivery."""
    limits = limits or BundleLimits()
    manifest, _, packed = _split(data, limits)
    _check_checksum(manifest, packed)
    return _records(manifest, packed, bytes(data), limits)


def _check_checksum(manifest: dict[str, Any], packed: bytes) -> None:
    expected = str(manifest["payload"]["sha256"])
    if not hmac.compare_digest(hashlib.sha256(packed).hexdigest(), expected):
        raise BundleError(
            "checksum",
            "the bundle payload does not match its checksum;"
            " the file was damaged on the way; send it again",
        )


def _records(manifest: dict[str, Any], packed: bytes, data: bytes, limits: BundleLimits) -> Bundle:
    p = manifest["payload"]
    raw = _decompress(packed, min(p["raw_size"], limits.max_raw_bytes))
    if len(raw) != p["raw_size"]:
        raise BundleError("malformed", "the bundle payload is shorter than its manifest says")
    try:
        obj = json.loads(raw.decode("utf-8"))
        submissions, proposals = decode_payload(obj)
        feedback = decode_feedback(obj)
    except RecursionError:
        raise BundleError("malformed", "the bundle payload is nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:  # PayloadFormatError is a ValueError
        why = exc if isinstance(exc, PayloadFormatError) else "not JSON"
        raise BundleError("malformed", f"the bundle payload is malformed ({why})") from exc
    counts = p["counts"]
    if (
        len(submissions) != counts["submission"]
        or len(proposals) != counts["proposal"]
        or len(feedback) != counts.get("feedback", 0)
    ):
        raise BundleError("malformed", "the bundle holds other record counts than announced")
    quality: dict[str, list[dict[str, Any]]] = {}
    for kind, key in WIRE_KEYS.items():
        records = obj.get(key, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise BundleError("malformed", f"the bundle payload's {key!r} is not a list of objects")
        if len(records) != counts.get(kind, 0):
            raise BundleError("malformed", "the bundle holds other record counts than announced")
        if records:
            quality[kind] = records
    return Bundle(
        manifest,
        submissions,
        proposals,
        bundle_sha256(data),
        len(data),
        data,
        feedback,
        quality,
    )


def _decompress(packed: bytes, limit: int) -> bytes:
    """Decompress at most ``limit`` bytes; a payload that would expand further is too large."""
    out = io.BytesIO()
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(packed))
        with reader:
            while True:
                chunk = reader.read(min(64 * KiB, limit + 1 - out.tell()))
                if not chunk:
                    break
                out.write(chunk)
                if out.tell() > limit:
                    raise BundleError(
                        "too_large",
                        f"the bundle payload expands beyond {limit:,} bytes; refused",
                    )
    except zstandard.ZstdError as exc:
        raise BundleError("malformed", f"the bundle payload is not valid zstd ({exc})") from exc
    return out.getvalue()
