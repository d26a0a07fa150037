"""The station's Ed25519 signing key: what makes a rework return trustworthy on a PC.

For a station enrolled with the server, the key is made by the server (``enroll-device
--supervisor``), travels in the enrollment file and its public half is listed in the signed
project pack. For a standalone project the station makes its own key (``labeler station
grant``) and the owner of each worker PC trusts its public key file (``labeler station trust``).
The private key lives in the per-user keys folder (mode 0600), never in the project file;
so does the project's gold key a station enrolled with the server gets (``gold-key``: it
opens the gold answers sealed in a drive's pack).
"""

from __future__ import annotations

import json
from pathlib import Path

from labeler import appdirs
from labeler.atomic_file import write_atomic
from labeler.errors import LabelerError
from sync.gold_seal import decode_key
from sync.signing import generate_private_key, public_key_of

KEY_FILE_FORMAT = "hitl-station-key"


def _path(station_id: str, suffix: str = "station-key") -> Path:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in station_id)
    return appdirs.keys_dir() / f"{safe}.{suffix}"


def save_station_key(station_id: str, private_b64: str) -> Path:
    public_key_of(private_b64)  # raises on a malformed key before anything is written
    return write_atomic(_path(station_id), private_b64.strip() + "\n", private=True)


def load_station_key(station_id: str) -> str | None:
    try:
        return _path(station_id).read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def save_gold_key(station_id: str, key_text: str) -> Path | None:
    """Keep the project's gold key (it opens the sealed gold answers a drive brings); None
    when the same key was kept before."""
    decode_key(key_text)  # raises ValueError on a malformed key before anything is written
    if load_gold_key(station_id) == key_text.strip():
        return None
    return write_atomic(_path(station_id, "gold-key"), key_text.strip() + "\n", private=True)


def load_gold_key(station_id: str) -> str | None:
    try:
        return _path(station_id, "gold-key").read_text(encoding="ascii").strip() or None
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def ensure_station_key(station_id: str) -> str:
    """This station's private key, made on first use (standalone projects)."""
    key = load_station_key(station_id)
    if key is None:
        key = generate_private_key()
        save_station_key(station_id, key)
    return key


def require_station_key(station_id: str) -> str:
    key = load_station_key(station_id)
    if key is None:
        raise LabelerError(
            f"this PC has no signing key for station {station_id} (expected {_path(station_id)});"
            " enroll it again with the supervisor's enrollment file"
        )
    return key


def public_key_file(station_id: str, name: str, dest: Path) -> Path:
    """The file a worker PC's owner trusts (``labeler station trust``)."""
    body = {
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "station_id": station_id,
        "name": name,
        "public_key": public_key_of(ensure_station_key(station_id)),
    }
    return write_atomic(dest, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
