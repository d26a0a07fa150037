"""On a worker PC: copy this PC's undelivered bundles onto a drive.

Pending work is packed first (the outbox), then every bundle without a verified receipt is
written to ``outgoing/<project>/<device>/<seq>.hitlb``. A bundle already on the drive with
the same bytes is not written again; a different file under its name is never overwritten
(reported instead). A bundle is marked exported in the store only after it is whole and
fsynced on the drive, so a full or pulled drive never leaves work marked as carried.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labeler.project import Project
from labeler.store import now
from sync.bundle import read_manifest
from sync.errors import BundleError, ReceiptError, SyncError
from sync.identity import SyncIdentity
from sync.outbox import Outbox, OutboxBundle
from sync.receipt import verify_receipt
from sync.station import bundle_gold
from sync.usb.drive import MAX_RECEIPT_BYTES, Drive
from sync.usb.errors import DriveError
from sync.usb.index import device_entry
from sync.usb.pcstate import record_exported

Progress = Callable[[int, int, str], None]


@dataclass
class ExportResult:
    """What one export did, in numbers a supervisor reads."""

    drive: Path
    packed: int = 0  # bundles packed from pending work just now
    written: list[int] = field(default_factory=list)
    present: list[int] = field(default_factory=list)  # already on the drive, same bytes
    receipt_waiting: list[int] = field(default_factory=list)  # receipt on the drive: import it
    conflicts: list[int] = field(default_factory=list)  # a different file has the name
    problems: list[str] = field(default_factory=list)
    bytes_written: int = 0
    records: int = 0  # submissions + proposals in the bundles now on the drive
    gold_held: int = 0  # a station's gold answers kept back: it holds no gold key yet

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.problems

    def summary(self) -> str:
        text = (
            f"exported {len(self.written)} bundles ({self.bytes_written / 1024:.1f} KiB) to"
            f" {self.drive}; {len(self.present)} were already there"
        )
        if self.receipt_waiting:
            text += f"; {len(self.receipt_waiting)} have receipts waiting (import them)"
        if self.conflicts:
            text += (
                f"; {len(self.conflicts)} NOT exported: the drive holds other files under their"
                " names (damaged or from a cloned PC): push the drive, then export again"
            )
        if self.gold_held:
            text += "; " + bundle_gold.waiting_words(self.gold_held)
        return text


def export_to_drive(
    project: Project,
    drive_path: str | Path,
    *,
    outbox: Outbox | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Pack pending work and put every undelivered bundle of this PC on the drive."""
    outbox = outbox or Outbox(project)
    ident = outbox.identity  # NotEnrolledError before touching the drive
    result = ExportResult(Path(drive_path))
    result.packed = len(outbox.pack())
    result.gold_held = outbox.gold_waiting_for_key()  # never carried readable (PROTOCOL.md)
    drive = Drive.open(drive_path, create=True)
    drive.sweep_temp()
    todo = outbox.undelivered()
    waiting = _verified_receipts(drive, ident.project_id, ident.server_public_key, todo)
    exported: dict[int, dict[str, Any]] = {}
    failure: BaseException | None = None
    try:
        for i, b in enumerate(todo):
            if progress:
                progress(i, len(todo), f"bundle {b.seq}")
            if (b.device_id, b.seq) in waiting:
                result.receipt_waiting.append(b.seq)
                continue
            try:
                data = outbox.read_bytes(b)
                project_id = read_manifest(data)["project_id"]
            except (SyncError, BundleError) as exc:
                result.problems.append(f"bundle {b.seq}: {exc}")
                continue
            state = drive.put_bundle(project_id, b.device_id, b.seq, data)
            if state == "conflict":
                result.conflicts.append(b.seq)
                continue
            record_exported(project, b.id, drive.drive_id)
            outbox.mark_sent(b)
            if state == "written":
                result.written.append(b.seq)
                result.bytes_written += len(data)
            else:
                result.present.append(b.seq)
            result.records += b.submissions + b.proposals
            exported[b.seq] = {
                "sha256": b.sha256,
                "at": now(),
                "records": b.submissions + b.proposals,
            }
        if progress:
            progress(len(todo), len(todo), "done")
    except BaseException as exc:
        failure = exc
        raise
    finally:
        try:
            _note_export(drive, project, ident, exported, len(todo))
        except DriveError:
            if failure is None:
                raise  # the index could not be written: say so
    return result


def _verified_receipts(
    drive: Drive, project_id: str, public_key: str, todo: list[OutboxBundle]
) -> set[tuple[str, int]]:
    """(device, seq) of bundles whose receipt on the drive verifies: not carried again."""
    by_seq = {(b.device_id, b.seq): b for b in todo}
    out: set[tuple[str, int]] = set()
    for f in drive.receipts(project_id):
        b = by_seq.get((f.device_id, f.seq))
        if b is None:
            continue
        doc = drive.read_json(f.path, MAX_RECEIPT_BYTES)
        with contextlib.suppress(ReceiptError):
            verify_receipt(
                doc,
                public_key,
                bundle_sha256=b.sha256,
                device_id=b.device_id,
                seq=b.seq,
                project_id=project_id,
            )
            out.add((b.device_id, b.seq))
    return out


def _note_export(
    drive: Drive,
    project: Project,
    ident: SyncIdentity,
    exported: dict[int, dict[str, Any]],
    undelivered: int,
) -> None:
    centre = ident.centre

    def change(index: dict[str, Any]) -> None:
        e = device_entry(index, ident.project_id, ident.device_id)
        e["pc_name"] = socket.gethostname()
        e["centre"] = centre
        e["project_name"] = project.name
        e["last_export_at"] = now()
        e["pc_pending"] = undelivered
        for seq, info in exported.items():
            e["exported"][str(seq)] = info

    drive.update_index(change)
