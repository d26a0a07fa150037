"""Signed messages from the supervisor's station to one PC: rework, gold and overlap images.

Message (``sync/PROTOCOL.md``, "Station messages")::

    {"message": {"format": "hitl-station-message", "version": 1, "project_id", "station_id",
                 "device_id", "seq", "created_at",
                 "rework": [{"review_uuid", "image_sha256", "image_path", "submission_uuid",
                             "worker", "reason", "note", "reviewer"}],
                 "tasks": [{"kind": "gold"|"overlap", "image_sha256", "name", "suffix"}],
                 "mix_every": n},
     "signature": <base64 Ed25519 over the canonical JSON of "message">}

The PC trusts a message only if it is signed by a station in its roster (the signed pack, or
the owner's grant), is addressed to this PC and this project, and was not applied before;
anything else is refused whole with the reason, and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality import worker_side
from labeler.quality.records import REASONS
from labeler.quality.station import META_ROLE_SOURCE, Station, station_device_id
from labeler.store import now
from sync.identity import META_DEVICE, META_SERVER_PROJECT
from sync.signing import sign_json, verify_json
from sync.station.keys import ensure_station_key, require_station_key
from sync.station.roster import station_name, trusted_keys

FORMAT = "hitl-station-message"
META_MESSAGE_SEQ = "station_message_seq"
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
MAX_ITEMS = 10_000


class MessageRefused(LabelerError):
    """A message from a station that this PC does not trust, or one not meant for it."""


def project_ref(project: Project) -> str:
    """The project id messages name: the server's for an enrolled project, else the local."""
    return project.store.get_meta(META_SERVER_PROJECT) or project.id


def pc_id(project: Project) -> str:
    return project.store.get_meta(META_DEVICE) or project.device_id


@dataclass
class Outgoing:
    """One signed message and the image files it names (sha256 -> path on this station)."""

    device_id: str
    seq: int
    document: dict[str, Any]
    images: dict[str, Path] = field(default_factory=dict)

    @property
    def rework(self) -> int:
        return len(self.document["message"]["rework"])


def make_messages(project: Project, station: Station) -> list[Outgoing]:
    """Sign one message per PC with everything waiting for it; the items are marked sent in
    the same step, and a message can be written again (to a drive or the server) any time
    from ``pending_messages``."""
    station.require_role()
    sid = station_device_id(project)
    owner = project.store.get_meta(META_ROLE_SOURCE) == "owner"  # a standalone project
    key = ensure_station_key(sid) if owner else require_station_key(sid)
    waiting = station.returns_waiting()
    by_device: dict[str, list[dict[str, Any]]] = {}
    for row in waiting:
        by_device.setdefault(row["device_id"], []).append(row)
    every = max(1, round(1 / station.settings.gold_rate)) if station.settings.gold_rate else 20
    out = []
    for device, rows in sorted(by_device.items()):
        seq = int(project.store.get_meta(META_MESSAGE_SEQ) or 0) + 1
        images: dict[str, Path] = {}
        tasks = []
        for r in rows:
            if r["kind"] == "rework":
                continue
            path = image_file(project, r["image_sha256"])
            if path is None:
                continue
            images[r["image_sha256"]] = path
            tasks.append(
                {
                    "kind": r["kind"],
                    "image_sha256": r["image_sha256"],
                    "name": r["body"]["name"],
                    "suffix": path.suffix.lower()[:6],
                }
            )
        body = {
            "format": FORMAT,
            "version": 1,
            "project_id": project_ref(project),
            "station_id": sid,
            "device_id": device,
            "seq": seq,
            "created_at": now(),
            "rework": [r["body"] for r in rows if r["kind"] == "rework"],
            "tasks": tasks,
            "mix_every": every,
        }
        doc = {"message": body, "signature": sign_json(body, key)}
        with project.store.write():
            project.store.set_meta(META_MESSAGE_SEQ, str(seq))
            project.store.set_meta(f"station_message:{seq}", json.dumps(doc))
            station.mark_returns_sent([r["uuid"] for r in rows], seq)
        out.append(Outgoing(device, seq, doc, images))
    return out


def pending_messages(
    project: Project, wanted: Callable[[int], bool] = lambda seq: True
) -> list[Outgoing]:
    """Every message this station signed whose seq is ``wanted`` (for writing to a drive or
    the server again); image files are looked up only for those."""
    out = []
    for row in project.store.query(
        "SELECT key, value FROM meta WHERE key LIKE 'station_message:%' ORDER BY key"
    ):
        doc = json.loads(row["value"])
        body = doc["message"]
        if not wanted(body["seq"]):
            continue
        images = {
            t["image_sha256"]: p
            for t in body["tasks"]
            if (p := image_file(project, t["image_sha256"])) is not None
        }
        out.append(Outgoing(body["device_id"], body["seq"], doc, images))
    return sorted(out, key=lambda o: o.seq)


def image_file(project: Project, sha: str) -> Path | None:
    """The readable file of the image with this content on this PC, if any."""
    rel = project.store.scalar(
        "SELECT path FROM images WHERE sha256 = ? AND missing = 0 AND problem IS NULL"
        " ORDER BY seq LIMIT 1",
        (sha,),
    )
    return project.index.abspath(rel) if rel else None


# ---------------------------------------------------------------- on the worker's PC
@dataclass
class Applied:
    station: str
    seq: int
    rework: int = 0
    tasks: int = 0
    already: bool = False


def verify_message(project: Project, document: Any) -> dict[str, Any]:
    """The message body if this PC must accept it, else ``MessageRefused`` with why."""
    if not isinstance(document, dict) or not isinstance(document.get("message"), dict):
        raise MessageRefused("not a message from a supervisor's station (malformed)")
    body, signature = document["message"], document.get("signature")
    if body.get("format") != FORMAT or body.get("version") != 1:
        raise MessageRefused("not a station message this program knows (format or version)")
    station = body.get("station_id")
    key = trusted_keys(project).get(station) if isinstance(station, str) else None
    if key is None:
        raise MessageRefused(
            f"station {station!r} is not a supervisor of this project; its message is refused"
        )
    if not isinstance(signature, str) or not verify_json(body, signature, key):
        raise MessageRefused(
            f"the message claims to come from {station_name(project, station)}'s station but"
            " its signature does not match: altered or forged. Nothing of it was applied"
        )
    if body.get("project_id") != project_ref(project) or body.get("device_id") != pc_id(project):
        raise MessageRefused("the message is for another PC or project; it was left alone")
    seq = body.get("seq")
    rework, tasks = body.get("rework"), body.get("tasks")
    if not isinstance(seq, int) or seq < 1 or not isinstance(rework, list):
        raise MessageRefused("the message is malformed (seq or rework)")
    if not isinstance(tasks, list) or len(rework) + len(tasks) > MAX_ITEMS:
        raise MessageRefused("the message is malformed (tasks)")
    for it in rework:
        if not isinstance(it, dict) or it.get("reason") not in REASONS:
            raise MessageRefused("the message holds a rework item without a known reason")
        for k in ("review_uuid", "image_sha256", "submission_uuid", "reviewer"):
            if not isinstance(it.get(k), str) or not it[k]:
                raise MessageRefused(f"the message holds a rework item without {k}")
    for t in tasks:
        if not isinstance(t, dict) or t.get("kind") not in ("gold", "overlap"):
            raise MessageRefused("the message holds a task of unknown kind")
    return body


def apply_message(project: Project, document: Any, images: Path | None = None) -> Applied:
    """Verify and apply one message; ``images`` is the folder its image files are in."""
    body = verify_message(project, document)
    station, seq = body["station_id"], body["seq"]
    done = Applied(station, seq)
    if project.store.scalar(
        "SELECT 1 FROM station_messages WHERE station_id = ? AND seq = ?", (station, seq)
    ):
        done.already = True
        return done
    done.rework = worker_side.apply_rework(project, station, body["rework"])
    every = body.get("mix_every") if isinstance(body.get("mix_every"), int) else 20
    for t in body["tasks"]:
        sha = str(t.get("image_sha256", ""))
        suffix = str(t.get("suffix") or "")
        source = images / f"{sha}{suffix}" if images else None
        if source is None or not source.is_file():
            continue  # sent over the network without its file: only what this PC has counts
        if worker_side.add_task_image(
            project, station, t["kind"], sha, source, str(t.get("name") or sha), every
        ):
            done.tasks += 1
    with project.store.write() as db:
        db.execute(
            "INSERT OR IGNORE INTO station_messages (station_id, seq, sha256, applied_at)"
            " VALUES (?, ?, ?, ?)",
            (station, seq, json.dumps(body, sort_keys=True)[:64], now()),
        )
    return done


def read_document(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_MESSAGE_BYTES:
            raise MessageRefused(f"{path.name}: too large for a station message")
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MessageRefused(f"{path.name}: unreadable ({exc})") from exc


def summarize(applied: Sequence[Applied]) -> str:
    rework = sum(a.rework for a in applied)
    tasks = sum(a.tasks for a in applied)
    return f"{rework} images sent back for rework, {tasks} new images"
