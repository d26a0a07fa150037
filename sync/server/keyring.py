"""Secrets at rest: the master key outside the database, and what it seals inside it.

The database holds everything every API process shares, including the server's Ed25519
signing key and each device's secret (needed as given: it keys the bundle HMACs). Both are
stored sealed (AES-256-GCM, the row's identity bound in as associated data) with a master
key that never enters the database: ``HITL_SERVER_MASTER_KEY`` (the key's text), or the file
``HITL_SERVER_MASTER_KEY_FILE`` (default ``DATA/master.key``, mode 0600). A database dump
or backup alone therefore reveals no secret; every host serving the same database needs the
same master key (copy the file, or put the value in the process manager's secret store).
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from labeler.atomic_file import write_atomic
from sync.server.config import Settings
from sync.server.errors import ServerError

SEALED_PREFIX = "s1:"
_NONCE = 12


class MasterKeyError(ServerError):
    """The master key is missing, malformed, or not the one this database was sealed with."""

    kind = "not_initialised"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class MasterKey:
    """32 random bytes that seal and open secrets stored in the database."""

    def __init__(self, raw: bytes, origin: str) -> None:
        if len(raw) != 32:
            raise MasterKeyError(f"the master key ({origin}) must be 32 bytes, base64url")
        self._aead = AESGCM(raw)
        self._raw = raw
        self.origin = origin  # where it came from, for messages (never the key itself)

    def __repr__(self) -> str:
        return f"MasterKey(from {self.origin})"

    @property
    def text(self) -> str:
        return _b64(self._raw)

    # ---------------------------------------------------------------- where it lives
    @staticmethod
    def file_of(settings: Settings) -> Path:
        return (
            Path(settings.master_key_file)
            if settings.master_key_file
            else settings.data_dir / "master.key"
        )

    @classmethod
    def find(cls, settings: Settings) -> MasterKey | None:
        """The configured master key, or None when there is none yet."""
        if settings.master_key:
            return cls._parse(settings.master_key, "HITL_SERVER_MASTER_KEY")
        path = cls.file_of(settings)
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise MasterKeyError(f"cannot read the master key file {path}: {exc}") from None
        return cls._parse(text, str(path))

    @classmethod
    def load(cls, settings: Settings) -> MasterKey:
        found = cls.find(settings)
        if found is None:
            raise MasterKeyError(
                f"no master key: {cls.file_of(settings)} does not exist and"
                " HITL_SERVER_MASTER_KEY is not set. On a second host, copy the master key"
                " of the first one (its DATA/master.key) or set the variable; on a new server"
                " run `labeler-server init`"
            )
        return found

    @classmethod
    def create(cls, settings: Settings) -> MasterKey:
        """A new master key written to the master key file (mode 0600)."""
        key = cls(os.urandom(32), str(cls.file_of(settings)))
        path = cls.file_of(settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, (key.text + "\n").encode("ascii"), private=True)
        return key

    @classmethod
    def _parse(cls, text: str, origin: str) -> MasterKey:
        try:
            raw = _unb64(text.strip())
        except (binascii.Error, ValueError):
            raise MasterKeyError(f"the master key ({origin}) is not base64url text") from None
        return cls(raw, origin)

    # ---------------------------------------------------------------- derived keys
    def derive(self, purpose: str) -> bytes:
        """A 32-byte key for ``purpose`` (HKDF-SHA256): the same on every host with this
        master key, so a derived key needs no storage and a backup restores it."""
        hkdf = HKDF(hashes.SHA256(), 32, salt=b"hitl-labeler-server", info=purpose.encode())
        return hkdf.derive(self._raw)

    # ---------------------------------------------------------------- sealing
    def seal(self, secret: str, context: str) -> str:
        """``secret`` encrypted and authenticated, bound to ``context`` (e.g. the row id)."""
        nonce = os.urandom(_NONCE)
        sealed = self._aead.encrypt(nonce, secret.encode("utf-8"), context.encode("utf-8"))
        return SEALED_PREFIX + _b64(nonce + sealed)

    def open(self, sealed: str, context: str) -> str:
        """The secret sealed under ``context``; ``MasterKeyError`` if this key did not seal it."""
        if not is_sealed(sealed):
            raise MasterKeyError(f"{context}: the stored secret is not sealed")
        blob = _unb64(sealed[len(SEALED_PREFIX) :])
        try:
            plain = self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], context.encode("utf-8"))
        except (InvalidTag, ValueError):
            raise MasterKeyError(
                f"the master key ({self.origin}) does not open the secrets in this database:"
                " it is not the key this server was set up with. Use the first host's"
                " master key"
            ) from None
        return plain.decode("utf-8")


def is_sealed(value: str | None) -> bool:
    return bool(value) and value.startswith(SEALED_PREFIX)  # type: ignore[union-attr]
