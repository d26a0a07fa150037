"""Recovery after a PC was restored from a backup: take the server's record, continue its chain.

A PC restored from an older copy of its project file numbers new bundles from where the copy
stopped, so the server already holds other bundles under those numbers and answers 409
(conflict). The PC then asks the server what it holds for this device (``GET
/v1/devices/{id}/sequence`` for the highest number, ``GET /v1/receipts/{id}/{seq}`` for every
number the PC has no verified receipt of) and, from those signed receipts:

- a local bundle the server holds other bytes under is replaced by the server's record of
  that number (its SHA-256 and receipt); the records the receipt names become delivered,
  the others go back to the outbox;
- a server bundle the PC has no row for is recorded from its receipt likewise;
- a local undelivered bundle numbered after the server's highest is set aside (numbered out
  of the chain) and its records go back to the outbox;

so the next bundles the outbox packs hold every record the server does not have and
continue the server's chain (number top + 1, ``prev_sha256`` of the server's top). Nothing is
lost (a record is either named by a signed receipt or packed again) nor stored twice (the
server keys records by uuid; receipts mark what it holds). What happened is kept in the
project (meta ``sync_recovery``) for ``labeler doctor`` and the app's sync status.

This module is the outbox's: it writes the outbox tables, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from labeler.doctor import META_SYNC_RECOVERY
from labeler.project import Project
from labeler.store import now
from sync.errors import SyncError
from sync.outbox import Outbox
from sync.receipt import Receipt, verify_receipt

META_RECOVERY = META_SYNC_RECOVERY  # `labeler doctor` prints its summary
MAX_RECEIPTS = 10_000  # one recovery asks for at most this many receipts
_TABLES = (
    ("submission", "submissions"),
    ("proposal", "proposals"),
    ("feedback", "feedback"),
    ("flag", "flags"),
)

Fetch = Callable[[str], Any]
"""``fetch(path)``: the JSON the server answers to GET ``path``, or None for a 404."""


@dataclass
class Recovery:
    """What one recovery did, in numbers a sentence can hold."""

    at: str = ""
    server_highest: int = 0
    replaced: list[int] = field(default_factory=list)  # local seqs the server held otherwise
    adopted: list[int] = field(default_factory=list)  # server seqs the PC had no row for
    set_aside: list[int] = field(default_factory=list)  # local seqs after the server's top
    already_held: int = 0  # records the server's receipts name: marked delivered
    to_send: int = 0  # records back in the outbox, to go in new bundles

    def summary(self) -> str:
        """Plain words for `labeler doctor` and `labeler sync`."""
        seqs = sorted({*self.replaced, *self.adopted})
        text = (
            f"{self.at[:16].replace('T', ' ')} UTC: this PC was restored from an older copy;"
            f" the server already held bundles {_ranges(seqs) or 'none'} of it"
        )
        text += (
            f". {self.already_held} records the server already has are marked delivered;"
            f" {self.to_send} records are sent again in new bundles from number"
            f" {self.server_highest + 1}. Nothing was lost or stored twice."
        )
        return text

    @classmethod
    def last(cls, project: Project) -> Recovery | None:
        """The last recovery of this project, if any."""
        try:
            data = json.loads(project.store.get_meta(META_RECOVERY) or "null")
            if not isinstance(data, dict):
                return None
            data.pop("summary", None)
            return cls(**data)
        except (TypeError, ValueError):
            return None


def needs_recovery(outbox: Outbox) -> bool:
    """A bundle of this device was refused as a conflict and is still in the chain."""
    ident = outbox.identity
    return bool(
        outbox.store.scalar(
            "SELECT count(*) FROM bundles WHERE device_id = ? AND seq > 0 AND state = 'rejected'"
            " AND last_error LIKE 'conflict:%'",
            (ident.device_id,),
        )
    )


def recover(outbox: Outbox, fetch: Fetch) -> Recovery:
    """Take the server's record of this device's chain (see the module docstring)."""
    ident = outbox.identity
    dev = ident.device_id
    seq_info = fetch(f"/v1/devices/{dev}/sequence")
    if not isinstance(seq_info, dict) or not isinstance(seq_info.get("highest"), int):
        raise SyncError("the server did not say which bundles of this PC it holds; try again")
    top = seq_info["highest"]
    local = {
        r["seq"]: r
        for r in outbox.store.query(
            "SELECT id, seq, sha256, state FROM bundles WHERE device_id = ? AND seq > 0", (dev,)
        )
    }
    wanted = [s for s in range(1, top + 1) if local.get(s, {}).get("state") != "delivered"]
    receipts: dict[int, Receipt] = {}
    for seq in wanted[:MAX_RECEIPTS]:
        doc = fetch(f"/v1/receipts/{dev}/{seq}")
        if doc is None:
            continue  # a gap on the server: the local bundle may fill it
        receipts[seq] = verify_receipt(
            doc, ident.server_public_key, device_id=dev, seq=seq, project_id=ident.project_id
        )
    report = Recovery(at=now(), server_highest=top)
    with outbox.store.write() as db:
        for seq, rec in sorted(receipts.items()):
            row = local.get(seq)
            if row is not None and row["sha256"] == rec.bundle_sha256:
                continue  # the same bundle: its receipt applies normally below
            if row is not None:
                _release(db, row["id"])
                db.execute(
                    "UPDATE bundles SET sha256 = ?, state = 'delivered', delivered_at = ?,"
                    " receipt = ?, last_error = ? WHERE id = ?",
                    (rec.bundle_sha256, report.at, _json(rec.document), _NOTE, row["id"]),
                )
                report.replaced.append(seq)
                bundle_id = row["id"]
            else:
                bundle_id = db.execute(
                    "INSERT INTO bundles (device_id, seq, file, sha256, size, prev_sha256,"
                    " submissions, proposals, created_at, state, delivered_at, receipt,"
                    " last_error) VALUES (?, ?, '', ?, 0, NULL, ?, 0, ?, 'delivered', ?, ?, ?)",
                    (dev, seq, rec.bundle_sha256, len(rec.accepted), rec.received_at,
                     report.at, _json(rec.document), _NOTE),
                ).lastrowid  # fmt: skip
                report.adopted.append(seq)
            report.already_held += _mark_held(db, rec, bundle_id, report.at)
        for seq, row in sorted(local.items()):
            if seq > top and row["state"] != "delivered":
                _release(db, row["id"])
                db.execute(
                    "UPDATE bundles SET seq = -id, state = 'rejected', last_error = ? WHERE id = ?",
                    (
                        f"set aside after a restore: its records go in bundles after {top}",
                        row["id"],
                    ),
                )
                report.set_aside.append(seq)
    for seq, rec in receipts.items():  # receipts of bundles the PC holds byte for byte
        row = local.get(seq)
        if row is not None and row["sha256"] == rec.bundle_sha256:
            outbox.apply_receipt(rec.document)
    report.to_send = outbox.unbundled_count()  # committed state: what the next bundles carry
    note = asdict(report) | {"summary": report.summary()}
    outbox.store.set_meta(META_RECOVERY, json.dumps(note, ensure_ascii=False))
    return report


_NOTE = "the server's bundle (this PC was restored from an older copy)"


def _release(db: Any, bundle_id: int) -> None:
    """Records of a local bundle the server does not hold go back to the outbox."""
    db.execute(
        "UPDATE delivery SET bundle_seq = NULL WHERE bundle_seq = ? AND delivered_at IS NULL",
        (bundle_id,),
    )


def _mark_held(db: Any, rec: Receipt, bundle_id: int, stamp: str) -> int:
    """Records of this PC a server receipt names: delivered (stored) or refused (with the
    reason); returns how many of this PC's records it names as stored."""
    held = 0
    refused = dict(rec.rejected)
    for kind, table in _TABLES:
        found = [
            r[0]
            for r in db.execute(
                f"SELECT uuid FROM {table} WHERE uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(rec.stored | set(refused))),),
            )
        ]
        for uuid in found:
            if uuid in refused and uuid not in rec.stored:
                db.execute(
                    "INSERT INTO delivery (record_type, record_uuid, bundle_seq, rejected_reason)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (record_type, record_uuid) DO UPDATE SET"
                    " bundle_seq = excluded.bundle_seq, rejected_reason = excluded.rejected_reason"
                    " WHERE delivery.delivered_at IS NULL",
                    (kind, uuid, bundle_id, refused[uuid] or "rejected"),
                )
                continue
            held += 1
            db.execute(
                "INSERT INTO delivery (record_type, record_uuid, bundle_seq, delivered_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (record_type, record_uuid) DO UPDATE SET"
                " bundle_seq = excluded.bundle_seq, delivered_at = excluded.delivered_at,"
                " rejected_reason = NULL WHERE delivery.delivered_at IS NULL",
                (kind, uuid, bundle_id, stamp),
            )
    return held


def _json(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False)


def _ranges(seqs: list[int]) -> str:
    parts: list[str] = []
    for s in seqs:
        if parts and parts[-1][1] == s - 1:
            parts[-1][1] = s
        else:
            parts.append([s, s])  # type: ignore[arg-type]
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in parts)
