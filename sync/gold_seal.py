"""Gold answers sealed for supervisor stations (PROTOCOL.md, "Gold marked on the server").

A relay writes the project pack onto a USB drive that then goes round the workers' PCs, so
the gold answers in the pack a relay gets are sealed, not in the clear: ``gold_sealed`` is
AES-256-GCM under the project's gold key, with the project id and ``gold_version`` bound in
as associated data (a blob cannot be passed off as another project's or another version's).
The server derives the key from its master key (nothing new to keep) and gives it only to
supervisor stations (their enrollment file and their network pack), so on a drive or on the
relay the answers are noise; a station opens them and keeps them like answers it got by
network.

The nonce is derived from the key, the associated data and the plaintext (an HMAC, as in
SIV): the same answers seal to the same bytes, so pushing a drive again rewrites nothing,
and different answers never share a nonce under one key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.errors import SyncError

ALG = "A256GCM"
KEY_BYTES = 32
NONCE_BYTES = 12
MAX_SEALED_CHARS = 12 * 1024 * 1024  # far above 1,000 answers; never decode more


class GoldSealError(SyncError):
    """Sealed gold answers that cannot be opened here; ``kind`` says why.

    ``no_key`` (this station holds no gold key), ``wrong_key`` (sealed under another key:
    another server or project), ``damaged`` (changed or broken; the key fits)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def key_id(key: bytes) -> str:
    """A short name for a gold key (16 hex), to tell "another key" from "damaged"."""
    return hashlib.sha256(b"hitl-gold-key-id\0" + key).hexdigest()[:16]


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).rstrip(b"=").decode("ascii")


def decode_key(text: str) -> bytes:
    """A gold key as it travels (base64url of 32 bytes); ``ValueError`` if malformed."""
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError, AttributeError):
        raise ValueError("the gold key is not base64url text") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"the gold key must be {KEY_BYTES} bytes")
    return raw


def associated_data(project_id: str, gold_version: int) -> bytes:
    return f"hitl-gold-sealed:v1:{project_id}:{gold_version}".encode()


def _seal_bytes(key: bytes, ad: bytes, data: bytes) -> dict[str, str]:
    nonce_key = hmac.new(key, b"hitl-gold-nonce", hashlib.sha256).digest()
    nonce = hmac.new(nonce_key, ad + b"\0" + data, hashlib.sha256).digest()[:NONCE_BYTES]
    sealed = AESGCM(key).encrypt(nonce, data, ad)
    return {
        "alg": ALG,
        "key_id": key_id(key),
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "ciphertext": base64.b64encode(sealed).decode("ascii"),
    }


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def seal(key: bytes, project_id: str, gold_version: int, answers: list[dict[str, Any]]) -> dict:
    """The pack's ``gold_sealed`` for ``answers`` (each a ``GoldAnswer.to_dict()``)."""
    return _seal_bytes(key, associated_data(project_id, gold_version), _canonical(answers))


def _open_bytes(key: bytes, ad: bytes, sealed: Any, damaged: GoldSealError) -> Any:
    """The JSON sealed in ``sealed``; ``damaged`` (or ``wrong_key``) when it does not open."""
    if not isinstance(sealed, dict) or sealed.get("alg") != ALG:
        raise damaged
    if sealed.get("key_id") != key_id(key):
        raise GoldSealError(
            "wrong_key",
            "the gold answers are sealed for another key (another server or project than"
            " this one's): enroll the station again with a new enrollment file from the admin",
        )
    nonce, text = sealed.get("nonce"), sealed.get("ciphertext")
    if not isinstance(nonce, str) or not isinstance(text, str) or len(text) > MAX_SEALED_CHARS:
        raise damaged
    try:
        raw_nonce = base64.b64decode(nonce, validate=True)
        data = base64.b64decode(text, validate=True)
        if len(raw_nonce) != NONCE_BYTES:
            raise ValueError("nonce size")
        return json.loads(AESGCM(key).decrypt(raw_nonce, data, ad).decode("utf-8"))
    except (InvalidTag, binascii.Error, ValueError):
        raise damaged from None


def open_sealed(
    key: bytes | None, project_id: str, gold_version: int, sealed: Any
) -> list[dict[str, Any]]:
    """The answers in a pack's ``gold_sealed``; ``GoldSealError`` when they cannot be read."""
    if key is None:
        raise GoldSealError(
            "no_key",
            "the server's gold answers on the drive are sealed and this station holds no gold"
            " key yet: sync it with the server once, or enroll it again with a new enrollment"
            " file from the admin",
        )
    damaged = GoldSealError(
        "damaged",
        "the server's gold answers on the drive are damaged or were changed (they do not"
        " open with this station's key): push the drive again on the connected machine",
    )
    try:
        answers = _open_bytes(key, associated_data(project_id, gold_version), sealed, damaged)
    except GoldSealError as exc:
        if exc.kind == "wrong_key":
            raise GoldSealError(
                "wrong_key",
                "the server's gold answers on the drive are sealed for another key (another"
                " server or project than this station's enrollment): enroll the station again"
                " with a new enrollment file from the admin",
            ) from None
        raise
    if not isinstance(answers, list):
        raise damaged
    return answers


# ---------------------------------------------------------------- a station's own gold
def record_data(project_id: str, uuid: str) -> bytes:
    """Associated data of one gold answer a station sealed into its bundle."""
    return f"hitl-gold-record:v1:{project_id}:{uuid}".encode()


def seal_record(key: bytes, project_id: str, record: dict[str, Any]) -> dict[str, Any]:
    """A bundle's ``gold_sealed`` record for one gold answer a station imported: its uuid
    (random, names nothing) in the clear, the whole ``GoldAnswer.to_dict()`` sealed."""
    uuid = str(record["uuid"])
    return {"uuid": uuid, **_seal_bytes(key, record_data(project_id, uuid), _canonical(record))}


def open_record(key: bytes, project_id: str, sealed: Any) -> dict[str, Any]:
    """The gold answer in a bundle's ``gold_sealed`` record; ``GoldSealError`` (``wrong_key``
    or ``damaged``) when it does not open or names another uuid than its own."""
    damaged = GoldSealError(
        "damaged",
        "the sealed gold answer does not open with the project's gold key (damaged or"
        " changed); import it on the station again",
    )
    uuid = sealed.get("uuid") if isinstance(sealed, dict) else None
    if not isinstance(uuid, str) or set(sealed) != {"uuid", "alg", "key_id", "nonce", "ciphertext"}:
        raise damaged
    record = _open_bytes(key, record_data(project_id, uuid), sealed, damaged)
    if not isinstance(record, dict) or record.get("uuid") != uuid:
        raise damaged
    return record
