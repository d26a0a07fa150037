"""On a worker PC: take what the drive brought back for this PC.

Receipts for this device are verified (server key from enrollment, this PC's bundle hash)
by the outbox, which marks the work delivered; a receipt file is removed from the drive only
after that is committed. A newer signed project pack for this PC's project updates the
taxonomy. Bundles of this PC the server refused (recorded on the drive by the push) are
reported with their reason; only signed receipts change the PC's delivery state.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labeler.errors import LabelerError
from labeler.project import Project
from labeler.store import now
from sync.enrollment import (
    META_SERVER_ANSWERS,
    META_SERVER_TAXONOMY,
    apply_pack,
    pack_answers_version,
    pack_is_newer,
    verify_pack,
)
from sync.errors import EnrollmentError, ReceiptError, SyncError
from sync.gold_seal import GoldSealError
from sync.identity import SyncIdentity
from sync.models import model_from_drive, pack_model_sha
from sync.outbox import Outbox
from sync.station.pack_gold import apply_pack_gold
from sync.station.roster import apply_supervisors
from sync.station.transfer import ReceiveResult, receive_from_drive
from sync.usb import files
from sync.usb.drive import MAX_RECEIPT_BYTES, Drive
from sync.usb.errors import DriveError
from sync.usb.index import device_entry
from sync.usb.pcstate import META_LAST_IMPORT

Progress = Callable[[int, int, str], None]


@dataclass
class ImportResult:
    """What one import did."""

    drive: Path
    delivered: list[int] = field(default_factory=list)  # bundles newly marked delivered
    already: list[int] = field(default_factory=list)  # receipts this PC had applied before
    records_delivered: int = 0
    refused: dict[int, str] = field(default_factory=dict)  # receipts that did not verify
    rejected: dict[int, str] = field(default_factory=dict)  # this PC's bundles refused (report)
    taxonomy: str | None = None  # "updated to server version N", or why a pack was refused
    gold_new: int = 0  # a station: gold answers the server marked, newly kept
    gold_refused: GoldSealError | None = None  # a station: why the pack's sealed gold was not
    model: str | None = None  # "model … arrived", or why it could not be taken (issue 15)
    station: ReceiveResult | None = None  # the supervisor station's messages for this PC

    def summary(self) -> str:
        text = (
            f"imported {len(self.delivered)} receipts from {self.drive}:"
            f" {self.records_delivered} records delivered"
        )
        if self.already:
            text += f"; {len(self.already)} were applied before"
        if self.refused:
            text += f"; {len(self.refused)} receipts NOT trusted (left on the drive)"
        if self.rejected:
            text += f"; the server refused {len(self.rejected)} bundles of this PC"
        if self.taxonomy:
            text += f"; taxonomy {self.taxonomy}"
        if self.gold_new:
            text += f"; {self.gold_new} gold answers from the server"
        if self.gold_refused:
            text += f"; gold answers NOT taken: {self.gold_refused} (the gold held stays)"
        if self.model:
            text += f"; {self.model}"
        if self.station and (self.station.applied or self.station.refused):
            text += (
                f"; from the supervisor: {self.station.rework} images to rework,"
                f" {self.station.tasks} new images"
            )
            if self.station.refused:
                text += f", {len(self.station.refused)} messages REFUSED (left on the drive)"
        return text


def import_from_drive(
    project: Project,
    drive_path: str | Path,
    *,
    outbox: Outbox | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Apply this PC's receipts and a newer project pack from the drive."""
    outbox = outbox or Outbox(project)
    ident = outbox.identity
    drive = Drive.open(drive_path)
    result = ImportResult(Path(drive_path))
    receipts = drive.receipts(ident.project_id, ident.device_id)
    done: dict[int, int] = {}
    failure: BaseException | None = None
    try:
        for i, f in enumerate(receipts):
            if progress:
                progress(i, len(receipts), f"receipt {f.seq}")
            _apply_one(drive, outbox, f.path, f.seq, result, done)
        _apply_pack(project, drive, ident.project_id, ident.server_public_key, result)
        result.model = _take_model(project, drive)
        result.station = receive_from_drive(project, drive)
        _note_rejections(drive, outbox, ident.project_id, ident.device_id, result)
        if progress:
            progress(len(receipts), len(receipts), "done")
    except BaseException as exc:
        failure = exc
        raise
    finally:
        project.store.set_meta(META_LAST_IMPORT, now())
        try:
            _note_import(drive, project, ident, done, len(outbox.undelivered()))
        except DriveError:
            if failure is None:
                raise
    return result


def _apply_one(
    drive: Drive, outbox: Outbox, path: Path, seq: int, result: ImportResult, done: dict[int, int]
) -> None:
    try:
        doc = drive.read_json(path, MAX_RECEIPT_BYTES)
    except DriveError as exc:  # too large to be a receipt, or unreadable
        result.refused[seq] = str(exc)
        return
    if doc is None:
        result.refused[seq] = f"{path.name}: damaged file (not JSON)"
        return
    body = doc.get("receipt") if isinstance(doc, dict) else None
    named = body.get("seq") if isinstance(body, dict) else None
    try:  # the bundle the receipt names (its signature covers that, not the file name)
        before = outbox.bundle(outbox.identity.device_id, named if isinstance(named, int) else seq)
    except SyncError:
        before = None
    try:
        rec = outbox.apply_receipt(doc)
    except (ReceiptError, SyncError) as exc:  # SyncError: a receipt for a bundle this PC lacks
        result.refused[seq] = str(exc)
        return
    if before is not None and before.state == "delivered":
        result.already.append(rec.seq)
    else:
        result.delivered.append(rec.seq)
        result.records_delivered += len(rec.stored)
        done[rec.seq] = len(rec.stored)
    files.remove(path)  # committed in the store: the PC needs the file no more


def _apply_pack(
    project: Project, drive: Drive, project_id: str, public_key: str, result: ImportResult
) -> None:
    doc = drive.pack(project_id)
    if doc is None:
        return
    try:
        pack = verify_pack(doc, public_key, project_id=project_id)
    except EnrollmentError as exc:
        result.taxonomy = f"not updated: the pack on the drive was refused ({exc})"
        return
    have = int(project.store.get_meta(META_SERVER_TAXONOMY) or 0)
    have_answers = int(project.store.get_meta(META_SERVER_ANSWERS) or 0)
    named = (pack.get("model") or {}).get("sha256", "")
    newer = pack_is_newer(project, pack)  # a taxonomy version, answers, or gold marks
    if not newer and named == pack_model_sha(project):
        apply_supervisors(project, pack)  # the list of supervisor stations may be newer
        return
    apply_pack(project, pack, gold=False)
    gold = apply_pack_gold(project, pack)  # a station's, sealed on the drive (PROTOCOL.md)
    result.gold_new, result.gold_refused = gold.new, gold.refused
    if int(pack["taxonomy_version"]) > have or pack_answers_version(pack) > have_answers:
        result.taxonomy = f"updated to server version {pack['taxonomy_version']}"
    # else only the model (``_take_model`` says so) or the gold marks changed


def _take_model(project: Project, drive: Drive) -> str | None:
    """Copy the pack's model from the drive's ``models/`` folder, verified by its hash."""
    try:
        placed = model_from_drive(project, drive.layout.top)
    except LabelerError as exc:
        return f"model not taken: {exc}"
    return f"model {placed.name[:12]} arrived" if placed else None


def _note_rejections(
    drive: Drive, outbox: Outbox, project_id: str, device_id: str, result: ImportResult
) -> None:
    """Bundles the server refused, as the push recorded them on the drive, when the refused
    bytes are this PC's own bundle: reported, not applied. The index is not signed, so it
    never changes the PC's state; the bundle stays pending and its reason shows each time
    (a copy damaged on the drive does not count: the PC simply exports it again)."""
    entry = device_entry(drive.index(), project_id, device_id)
    for seq_text, info in entry["rejected"].items():
        if not (str(seq_text).isdigit() and isinstance(info, dict)):
            continue
        with contextlib.suppress(SyncError):
            b = outbox.bundle(device_id, int(seq_text))
            if b.sha256 == info.get("sha256") and b.state in ("pending", "sent"):
                kind, message = str(info.get("kind", "refused")), str(info.get("message", ""))
                result.rejected[b.seq] = f"{kind}: {message}"


def _note_import(
    drive: Drive,
    project: Project,
    ident: SyncIdentity,
    done: dict[int, int],
    undelivered: int,
) -> None:
    centre = ident.centre

    def change(index: dict[str, Any]) -> None:
        e = device_entry(index, ident.project_id, ident.device_id)
        e["pc_name"] = socket.gethostname()
        e["centre"] = centre
        e["project_name"] = project.name
        e["last_import_at"] = now()
        e["pc_pending"] = undelivered
        for seq, records in done.items():
            e["delivered_bundles"] += 1
            e["delivered_submissions"] += records
            for area in ("exported", "pushed", "rejected"):
                e[area].pop(str(seq), None)

    drive.update_index(change)
