"""What a drive carries, for the supervisor, as counts a sentence can say.

The station's drive view says "3 PCs have work to send", "2 corrections waiting for Asha's
PC", "safe to remove the drive" — no bundles, records or bytes. ``DriveView`` holds the
counts (the UI words them, in English or Hindi); ``details`` holds the technical lines shown
behind the "details" toggle. A PC is named by who works on it (from the collected work),
else by its computer name from the drive index, else by a short id.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from labeler.project import Project
from sync.station.messages import project_ref
from sync.usb.drive import Drive


@dataclass
class DriveView:
    pcs_with_work: list[str] = field(default_factory=list)  # devices with work for the server
    not_collected: int = 0  # bundles on the drive this station has not read yet
    corrections: dict[str, int] = field(default_factory=dict)  # device -> rework on the drive
    new_images: dict[str, int] = field(default_factory=dict)  # device -> gold/overlap images
    names: dict[str, str] = field(default_factory=dict)  # device -> worker names on it
    details: list[str] = field(default_factory=list)

    def name(self, device: str) -> str:
        return self.names.get(device) or device[:12]


def pc_names(project: Project) -> dict[str, list[str]]:
    """device -> the workers whose work came from it, most work first."""
    out: dict[str, Counter[str]] = {}
    for r in project.store.query(
        "SELECT device_id, worker, count(*) AS n FROM collected GROUP BY device_id, worker"
    ):
        out.setdefault(r["device_id"], Counter())[r["worker"]] += r["n"]
    return {d: [w for w, _ in c.most_common()] for d, c in out.items()}


def drive_view(project: Project, drive_path: str | Path) -> DriveView:
    drive = Drive.open(drive_path, read_only=True)
    pid = project_ref(project)
    view = DriveView()
    workers = pc_names(project)
    index_names = {s.device_id: s.pc_name for s in drive.statuses() if s.project_id == pid}
    by_device: Counter[str] = Counter()
    for b in drive.bundles(pid):
        by_device[b.device_id] += 1
        if not project.store.scalar(
            "SELECT 1 FROM collected_bundles WHERE device_id = ? AND seq = ?", (b.device_id, b.seq)
        ):
            view.not_collected += 1
    view.pcs_with_work = sorted(by_device)
    for f in drive.station_messages(pid):
        try:
            body = json.loads(f.path.read_text(encoding="utf-8"))["message"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        view.corrections[f.device_id] = view.corrections.get(f.device_id, 0) + len(
            body.get("rework", [])
        )
        view.new_images[f.device_id] = view.new_images.get(f.device_id, 0) + len(
            body.get("tasks", [])
        )
    for device in {*by_device, *view.corrections, *workers}:
        names = workers.get(device)
        view.names[device] = ", ".join(names[:3]) if names else (index_names.get(device) or "")
    view.details = [
        f"drive {drive.top} (id {drive.drive_id})",
        *(f"{d}: {n} bundles waiting for the server" for d, n in sorted(by_device.items())),
        f"{view.not_collected} bundles not yet read by this station",
        *(f"{d}: {n} rework items in station messages" for d, n in view.corrections.items()),
    ]
    return view


def plain_lines(view: DriveView, busy: bool = False) -> list[str]:
    """The default view in English (the CLI; the app words the same counts with tr())."""
    lines = []
    n = len(view.pcs_with_work)
    if n:
        lines.append(f"{n} PC{'s have' if n != 1 else ' has'} work to send")
    if view.not_collected:
        lines.append("new work from the PCs to check: collect it")
    for device, count in sorted(view.corrections.items()):
        if count:
            who = view.names.get(device)
            pc = f"{who.split(',')[0]}'s PC" if who else f"PC {device[:12]}"
            lines.append(f"{count} correction{'s' if count != 1 else ''} waiting for {pc}")
    lines.append("busy: do not remove the drive" if busy else "safe to remove the drive")
    return lines
