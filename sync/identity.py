"""Who this PC is to the server: what enrollment stored, read back for the outbox and client.

The public parts (server URL, server project id, device id, server public key) live in the
project file's meta table. The device secret lives in the per-user keys folder
(``labeler.appdirs.keys_dir()``), one file per device, mode 0600, so copying a project file
to another PC does not copy this PC's identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from labeler import appdirs
from labeler.atomic_file import write_atomic
from labeler.project import Project
from sync.bundle import decode_secret
from sync.errors import NotEnrolledError

META_SERVER_URL = "server_url"
META_SERVER_PROJECT = "server_project_id"
META_DEVICE = "sync_device_id"
META_PUBLIC_KEY = "server_public_key"
META_CENTRE = "sync_centre"
META_ENROLLED_AT = "sync_enrolled_at"


@dataclass(frozen=True)
class SyncIdentity:
    """Everything needed to sign bundles and trust receipts for one enrolled project."""

    server_url: str
    project_id: str  # the server's project id (what manifests name)
    device_id: str
    server_public_key: str  # base64 Ed25519, from the enrollment file
    secret_text: str  # base64url device secret
    centre: str = ""

    @property
    def secret(self) -> bytes:
        """The HMAC key for bundles (raw bytes of the secret)."""
        return decode_secret(self.secret_text)

    @property
    def bearer(self) -> str:
        """The HTTP Authorization value of this device."""
        return f"Bearer {self.device_id}.{self.secret_text}"


def secret_path(device_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in device_id)
    return appdirs.keys_dir() / f"{safe}.key"


def save_secret(device_id: str, secret_text: str) -> Path:
    """Write the device secret durably, readable by its owner only."""
    return write_atomic(secret_path(device_id), secret_text.strip() + "\n", private=True)


def load_secret(device_id: str) -> str | None:
    path = secret_path(device_id)
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def is_enrolled(project: Project) -> bool:
    return bool(project.store.get_meta(META_DEVICE))


def load_identity(project: Project) -> SyncIdentity:
    """The project's sync identity; ``NotEnrolledError`` says what to do when it is missing."""
    meta = project.store.get_meta
    device = meta(META_DEVICE)
    if not device:
        raise NotEnrolledError(
            f"{project.path}: this project is not joined to a server;"
            " run `labeler enroll FILE` with the enrollment file from your supervisor"
        )
    secret = load_secret(device)
    if secret is None:
        raise NotEnrolledError(
            f"this PC has no key for device {device} (expected {secret_path(device)});"
            " the project was enrolled on another PC or the key was deleted:"
            " enroll again with the enrollment file"
        )
    return SyncIdentity(
        server_url=meta(META_SERVER_URL) or "",
        project_id=meta(META_SERVER_PROJECT) or "",
        device_id=device,
        server_public_key=meta(META_PUBLIC_KEY) or "",
        secret_text=secret,
        centre=meta(META_CENTRE) or "",
    )
