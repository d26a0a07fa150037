"""The drive's index: what happened to each PC's work, for the supervisor to read.

``index.json`` is the record; ``INDEX.txt`` is the same rendered for a person (Notepad on any
PC). The files in ``outgoing/`` and ``receipts/`` are the truth about what is in transit; the
index adds the history the files cannot show: when each PC exported, when the drive was
pushed, which bundles were delivered or rejected and why. A damaged ``index.json`` is
replaced by a fresh one rather than blocking any transfer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

INDEX_FORMAT = "hitl-usb-index"


def empty_index(drive_id: str) -> dict[str, Any]:
    return {"format": INDEX_FORMAT, "version": 1, "drive_id": drive_id, "devices": {}}


def parse_index(data: bytes, drive_id: str) -> dict[str, Any]:
    """The index from its bytes; anything unreadable gives an empty index."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return empty_index(drive_id)
    if not isinstance(obj, dict) or obj.get("format") != INDEX_FORMAT:
        return empty_index(drive_id)
    if not isinstance(obj.get("devices"), dict):
        obj["devices"] = {}
    obj["drive_id"] = drive_id
    return obj


def device_entry(index: dict[str, Any], project_id: str, device_id: str) -> dict[str, Any]:
    """The entry of one PC (created on first use)."""
    key = f"{project_id}/{device_id}"
    entry = index["devices"].get(key)
    if not isinstance(entry, dict):
        entry = index["devices"][key] = {}
    entry.setdefault("project_id", project_id)
    entry.setdefault("device_id", device_id)
    for name in ("exported", "pushed", "rejected", "failed"):
        if not isinstance(entry.get(name), dict):
            entry[name] = {}
    for name in ("delivered_bundles", "delivered_submissions"):
        if not isinstance(entry.get(name), int):
            entry[name] = 0
    return entry


@dataclass
class DeviceStatus:
    """One PC's state as seen on the drive: the index plus the files in transit now."""

    project_id: str
    device_id: str
    pc_name: str = ""
    centre: str = ""
    project_name: str = ""
    on_drive: list[int] = field(default_factory=list)  # bundles waiting to be pushed
    receipts_waiting: list[int] = field(default_factory=list)  # receipts the PC has not taken
    exported: int = 0
    pushed: int = 0
    delivered_bundles: int = 0
    delivered_submissions: int = 0
    rejected: dict[int, dict[str, str]] = field(default_factory=dict)
    failed: dict[int, dict[str, str]] = field(default_factory=dict)  # left on the drive
    pc_pending: int | None = None
    last_export_at: str | None = None
    last_push_at: str | None = None
    last_import_at: str | None = None

    @property
    def label(self) -> str:
        """The PC's name, centre and the end of its device id (names repeat across centres)."""
        parts = [p for p in (self.pc_name, self.centre) if p]
        return " · ".join([*parts, f"…{self.device_id[-6:]}"])

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["rejected"] = {str(k): v for k, v in self.rejected.items()}
        d["failed"] = {str(k): v for k, v in self.failed.items()}
        return d


def device_statuses(
    index: dict[str, Any],
    on_drive: dict[tuple[str, str], list[int]],
    receipts: dict[tuple[str, str], list[int]],
) -> list[DeviceStatus]:
    """Every PC known to the index or present in the files, sorted by project and name."""
    keys = set(on_drive) | set(receipts)
    for entry in index["devices"].values():
        if isinstance(entry, dict) and entry.get("project_id") and entry.get("device_id"):
            keys.add((entry["project_id"], entry["device_id"]))
    out = []
    for pid, did in keys:
        entry = device_entry(index, pid, did)
        out.append(
            DeviceStatus(
                project_id=pid,
                device_id=did,
                pc_name=str(entry.get("pc_name") or ""),
                centre=str(entry.get("centre") or ""),
                project_name=str(entry.get("project_name") or ""),
                on_drive=sorted(on_drive.get((pid, did), [])),
                receipts_waiting=sorted(receipts.get((pid, did), [])),
                exported=len(entry["exported"]),
                pushed=len(entry["pushed"]),
                delivered_bundles=entry["delivered_bundles"],
                delivered_submissions=entry["delivered_submissions"],
                rejected={int(k): v for k, v in entry["rejected"].items() if str(k).isdigit()},
                failed={
                    int(k): v
                    for k, v in entry["failed"].items()
                    if str(k).isdigit() and int(k) in on_drive.get((pid, did), [])
                },
                pc_pending=entry.get("pc_pending"),
                last_export_at=entry.get("last_export_at"),
                last_push_at=entry.get("last_push_at"),
                last_import_at=entry.get("last_import_at"),
            )
        )
    return sorted(out, key=lambda s: (s.project_name, s.project_id, s.label))


def _seqs(seqs: list[int]) -> str:
    """``1-4, 7`` for a list of sequence numbers."""
    if not seqs:
        return ""
    parts: list[str] = []
    start = prev = seqs[0]
    for s in [*seqs[1:], None]:
        if s is not None and s == prev + 1:
            prev = s
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if s is not None:
            start = prev = s
    return ", ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") + " UTC" if stamp else "never"


def status_lines(status: DeviceStatus) -> list[str]:
    """A PC's state in plain words (INDEX.txt, ``labeler usb status``, the app's panel)."""
    s = status
    lines = [f"PC {s.label}  (device {s.device_id})"]
    pending = "" if s.pc_pending is None else f"; {_n(s.pc_pending, 'bundle')} not yet delivered"
    lines.append(f"  exported   last {_when(s.last_export_at)}{pending}")
    if s.on_drive:
        lines.append(
            f"  on drive   {_n(len(s.on_drive), 'bundle')} waiting to be pushed ({_seqs(s.on_drive)})"
        )
    lines.append(f"  pushed     last {_when(s.last_push_at)}")
    if s.receipts_waiting:
        lines.append(
            f"  receipts   {len(s.receipts_waiting)} waiting for this PC to import"
            f" ({_seqs(s.receipts_waiting)})"
        )
    lines.append(
        f"  delivered  {_n(s.delivered_bundles, 'bundle')}, {_n(s.delivered_submissions, 'record')}"
        f" (last import {_when(s.last_import_at)})"
    )
    for seq in sorted(s.failed):
        r = s.failed[seq]
        lines.append(
            f"  NOT SENT   bundle {seq}: {r.get('message', '')} ({_when(r.get('at'))});"
            " it stays on the drive: push again"
        )
    for seq in sorted(s.rejected):
        r = s.rejected[seq]
        lines.append(
            f"  REJECTED   bundle {seq}: {r.get('kind', '?')}: {r.get('message', '')}"
            f" ({_when(r.get('at'))})"
        )
    return lines


def render_text(index: dict[str, Any], statuses: list[DeviceStatus], updated_at: str) -> str:
    """INDEX.txt: one block per project, one per PC inside it."""
    out = [
        "HITL Labeler — USB drive index",
        f"drive {index.get('drive_id', '?')}, updated {_when(updated_at)}",
        "",
        "Do not edit the files in this folder by hand. Worker PCs: `labeler usb export` /",
        "`labeler usb import`; a connected machine: `labeler usb push`.",
    ]
    project = None
    for s in statuses:
        if s.project_id != project:
            project = s.project_id
            name = f" ({s.project_name})" if s.project_name else ""
            out += ["", f"== Project {project}{name}"]
        out += ["", *status_lines(s)]
    if not statuses:
        out += ["", "No PC has used this drive yet."]
    return "\r\n".join(out) + "\r\n"
