"""Which stations may review, and so whose returns a PC trusts.

The server lists supervisor stations in the signed project pack: ``"supervisors": [{"device_id",
"name", "centre", "public_key"}]``. Every PC keeps that list (``META_ROSTER``) when it applies
a verified pack; the station that finds itself in it gets the supervisor role. The owner of a
standalone project trusts a station's public key file instead (``META_TRUSTED``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.station import META_ROLE, META_ROLE_SOURCE
from sync.identity import META_DEVICE
from sync.station.keys import KEY_FILE_FORMAT

META_ROSTER = "station_roster"  # from the signed pack
META_TRUSTED = "station_trusted"  # granted by the owner of a standalone project


def roster_hash(supervisors: Any) -> str:
    """A short fingerprint of a pack's supervisor list (the client sends it to ask for
    updates; the server answers with the pack when it differs)."""
    text = json.dumps(supervisors or [], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def apply_supervisors(project: Project, pack: dict[str, Any]) -> bool:
    """Keep the verified pack's supervisor list; True when it changed."""
    supervisors = pack.get("supervisors") or []
    if not isinstance(supervisors, list):
        return False
    clean = [
        {k: str(s.get(k, "")) for k in ("device_id", "name", "centre", "public_key")}
        for s in supervisors
        if isinstance(s, dict) and s.get("device_id") and s.get("public_key")
    ]
    text = json.dumps(clean, sort_keys=True, ensure_ascii=False)
    with project.store.write() as db:  # the writer sees an enrollment still in progress

        def meta(key: str) -> str | None:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return row[0] if row else None

        if meta(META_ROSTER) == text:
            return False
        me = meta(META_DEVICE)
        project.store.set_meta(META_ROSTER, text)
        listed = any(s["device_id"] == me for s in clean)
        if listed:
            project.store.set_meta(META_ROLE, "supervisor")
            project.store.set_meta(META_ROLE_SOURCE, "pack")
        elif meta(META_ROLE_SOURCE) == "pack":
            project.store.set_meta(META_ROLE, "")
    return True


def roster(project: Project) -> list[dict[str, str]]:
    return json.loads(project.store.get_meta(META_ROSTER) or "[]")


def station_name(project: Project, station_id: str) -> str:
    for s in roster(project) + _trusted(project):
        if s.get("device_id") == station_id:
            return s.get("name") or station_id
    return station_id


def trusted_keys(project: Project) -> dict[str, str]:
    """station id -> public key of every station whose returns this PC accepts."""
    keys = {s["device_id"]: s["public_key"] for s in roster(project)}
    keys.update({s["device_id"]: s["public_key"] for s in _trusted(project)})
    return keys


def _trusted(project: Project) -> list[dict[str, str]]:
    return json.loads(project.store.get_meta(META_TRUSTED) or "[]")


def trust_station_file(project: Project, path: Path) -> dict[str, str]:
    """The owner of a standalone project trusts a station's public key file."""
    if project.store.get_meta(META_DEVICE):
        raise LabelerError(
            "this project is joined to a server: the stations it trusts come from the server"
            " (the admin lists them in the project)"
        )
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LabelerError(f"{path}: not a station key file ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
        raise LabelerError(f"{path}: not a station key file (format is not {KEY_FILE_FORMAT})")
    entry = {
        "device_id": str(doc.get("station_id", "")),
        "name": str(doc.get("name", "")),
        "centre": "",
        "public_key": str(doc.get("public_key", "")),
    }
    if not entry["device_id"] or not entry["public_key"]:
        raise LabelerError(f"{path}: the station key file has no station id or key")
    kept = [s for s in _trusted(project) if s["device_id"] != entry["device_id"]] + [entry]
    project.store.set_meta(META_TRUSTED, json.dumps(kept, ensure_ascii=False))
    return entry
