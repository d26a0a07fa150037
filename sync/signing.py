"""Ed25519 signatures over canonical JSON: receipts and project packs.

The server signs what it hands out (receipts, project packs) so a PC can trust them
whichever way they travel (network, USB drive, relay). Keys and signatures travel as
standard base64 text so they fit in JSON files.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def generate_private_key() -> str:
    """A new Ed25519 private key as base64 of its 32 raw bytes."""
    key = Ed25519PrivateKey.generate()
    return _b64(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


@functools.lru_cache(maxsize=8)
def _private(private_b64: str) -> Ed25519PrivateKey:
    """The key object (made once per key: making it derives the public key, which costs as
    much as a signature, and the server signs a receipt per upload)."""
    return Ed25519PrivateKey.from_private_bytes(_unb64(private_b64))


def public_key_of(private_b64: str) -> str:
    """The base64 raw public key belonging to a base64 raw private key."""
    public = _private(private_b64).public_key()
    return _b64(public.public_bytes(Encoding.Raw, PublicFormat.Raw))


def canonical(obj: Any) -> bytes:
    """The one byte form of a JSON value that both ends sign and verify."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def sign_json(obj: Any, private_b64: str) -> str:
    """Base64 Ed25519 signature over `canonical(obj)`."""
    return _b64(_private(private_b64).sign(canonical(obj)))


def verify_json(obj: Any, signature_b64: str, public_b64: str) -> bool:
    """True only if `signature_b64` is a valid signature of `canonical(obj)` by that key.

    Any malformed key or signature counts as "not valid" rather than raising, so callers
    have one thing to check.
    """
    try:
        public = Ed25519PublicKey.from_public_bytes(_unb64(public_b64))
        public.verify(_unb64(signature_b64), canonical(obj))
    except (InvalidSignature, ValueError, TypeError, binascii.Error, AttributeError):
        return False
    return True
