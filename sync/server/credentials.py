"""Secrets the server makes and checks: device secrets, relay and admin tokens, its signing key.

Every HTTP credential has one shape, ``Authorization: Bearer <principal id>.<secret>``:
a device id, a relay id, or the word ``admin``. Hashes are compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from pathlib import Path

from labeler.atomic_file import write_atomic
from sync.signing import generate_private_key, public_key_of

ADMIN_ID = "admin"
DEVICE_PREFIX = "dev-"
RELAY_PREFIX = "rly-"
PROJECT_PREFIX = "prj-"


def new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(8)


def new_secret() -> str:
    """32 random bytes, base64url without padding (never contains '.')."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode("ascii")


def token_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(given: str, stored_sha256: str) -> bool:
    return hmac.compare_digest(token_sha256(given), stored_sha256)


def parse_bearer(header: str | None) -> tuple[str, str] | None:
    """``(principal_id, secret)`` from an Authorization header, or None if it has no such shape."""
    if not header or len(header) > 512:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    principal, dot, secret = value.strip().partition(".")
    if not dot or not principal or not secret:
        return None
    return principal, secret


def write_private(path: Path, data: bytes) -> None:
    """Write a secret file readable only by its owner, durably and atomically."""
    write_atomic(path, data, private=True)


class ServerKey:
    """The server's Ed25519 key: signs receipts and project packs (kept sealed in the
    database, ``bootstrap.py``)."""

    def __init__(self, private_b64: str) -> None:
        self.private = private_b64
        self.public = public_key_of(private_b64)

    @classmethod
    def load(cls, path: Path) -> ServerKey:
        from sync.server.errors import NotInitialisedError

        try:
            return cls(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            raise NotInitialisedError(
                f"no server key at {path}; run `labeler-server init` with this data folder"
            ) from None

    @classmethod
    def generate(cls) -> ServerKey:
        return cls(generate_private_key())

    @classmethod
    def create(cls, path: Path) -> ServerKey:
        """A key in a file: how data folders kept it before the database held it (sealed)."""
        key = cls.generate()
        write_private(path, key.private.encode("ascii"))
        return key
