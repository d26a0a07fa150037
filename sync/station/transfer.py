"""Station messages by USB drive: the station writes them, the PC takes them.

The station writes each signed message once per drive (``META_WRITTEN``), with the image files
it names. On the PC, ``labeler usb import`` (and the app's Import) verifies and applies every
message for this PC, then removes it and its images from the drive; a refused message stays
on the drive and its reason is shown.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from labeler.project import Project
from labeler.quality.station import Station
from sync.station.messages import (
    Applied,
    MessageRefused,
    apply_message,
    make_messages,
    pc_id,
    pending_messages,
    project_ref,
    read_document,
)
from sync.usb import files
from sync.usb.drive import Drive
from sync.usb.layout import STATION_IMAGES

META_WRITTEN = "station_messages_written"  # {"<drive id>": [seq, ...]}


@dataclass
class SendResult:
    messages: int = 0
    rework: int = 0
    images: int = 0
    by_device: dict[str, int] = field(default_factory=dict)  # device -> rework items written


def send_to_drive(project: Project, drive_path: str | Path) -> SendResult:
    """Plan gold/overlap images for the centre's PCs, sign what waits for each PC, and write
    every message this drive does not carry yet."""
    station = Station(project)
    devices = [
        r["device_id"] for r in project.store.query("SELECT DISTINCT device_id FROM collected")
    ]
    station.plan_tasks(devices)
    make_messages(project, station)
    drive = Drive.open(drive_path, create=True)
    written = json.loads(project.store.get_meta(META_WRITTEN) or "{}")
    done = set(written.get(drive.drive_id, []))
    result = SendResult()
    pid = project_ref(project)
    for out in pending_messages(project, lambda seq: seq not in done):
        for sha, path in out.images.items():
            drive.put_station_image(pid, out.device_id, sha, path.suffix.lower()[:6], path)
            result.images += 1
        drive.put_station_message(pid, out.device_id, out.seq, out.document)
        result.messages += 1
        result.rework += out.rework
        result.by_device[out.device_id] = result.by_device.get(out.device_id, 0) + out.rework
        done.add(out.seq)
        written[drive.drive_id] = sorted(done)
        project.store.set_meta(META_WRITTEN, json.dumps(written))
    return result


@dataclass
class ReceiveResult:
    applied: list[Applied] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # file name -> why

    @property
    def rework(self) -> int:
        return sum(a.rework for a in self.applied)

    @property
    def tasks(self) -> int:
        return sum(a.tasks for a in self.applied)


def receive_from_drive(project: Project, drive: Drive) -> ReceiveResult:
    """Verify and apply the station's messages for this PC (see the module docstring)."""
    result = ReceiveResult()
    pid, me = project_ref(project), pc_id(project)
    folder = drive.layout.station_dir(pid, me)
    for f in drive.station_messages(pid, me):
        try:
            document = read_document(f.path)
            applied = apply_message(project, document, folder / STATION_IMAGES)
        except MessageRefused as exc:
            result.refused[f.path.name] = str(exc)
            continue
        result.applied.append(applied)
        for t in document["message"]["tasks"]:  # verified: a list of objects
            img = folder / STATION_IMAGES / f"{t.get('image_sha256')}{t.get('suffix') or ''}"
            with contextlib.suppress(OSError):
                if img.is_file():
                    files.remove(img)
        files.remove(f.path)
    return result
