"""What this PC knows about its bundles and USB drives: exported where and when, delivered,
refused. Sync state is data: the ``usb_exports`` table (migration 4) beside the outbox's
``bundles`` table; the outbox stays the only owner of delivery state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from labeler.project import Project
from labeler.store import now
from sync.identity import is_enrolled
from sync.outbox import Outbox

META_LAST_IMPORT = "usb_last_import_at"


def record_exported(project: Project, bundle_id: int, drive_id: str) -> None:
    """The bundle is on that drive (whole, fsynced): remember it for status."""
    with project.store.write() as db:
        db.execute(
            "INSERT INTO usb_exports (bundle_id, drive_id, exported_at) VALUES (?, ?, ?)"
            " ON CONFLICT (bundle_id, drive_id) DO UPDATE SET exported_at = excluded.exported_at",
            (bundle_id, drive_id, now()),
        )


def exported_bundle_ids(project: Project) -> dict[int, tuple[str, str]]:
    """bundle id -> (drive id, when) of its latest export to a drive."""
    rows = project.store.query(
        "SELECT bundle_id, drive_id, max(exported_at) AS at FROM usb_exports GROUP BY bundle_id"
    )
    return {r["bundle_id"]: (r["drive_id"], r["at"]) for r in rows}


@dataclass
class PcStatus:
    """One PC's delivery state, as ``labeler usb status`` and the panel show it."""

    enrolled: bool
    device_id: str = ""
    records_pending: int = 0
    records_delivered: int = 0
    unbundled: int = 0
    bundles_pending: list[int] = field(default_factory=list)  # not on any drive, no receipt
    bundles_exported: list[int] = field(default_factory=list)  # on a drive, no receipt yet
    bundles_delivered: int = 0
    bundles_rejected: dict[int, str] = field(default_factory=dict)
    last_export_at: str | None = None
    last_import_at: str | None = None

    def lines(self) -> list[str]:
        if not self.enrolled:
            return ["this PC   not enrolled: run `labeler enroll FILE` first"]
        out = [
            f"this PC   device {self.device_id}: {self.records_pending} records pending"
            f" ({self.unbundled} not yet packed), {self.records_delivered} delivered",
            f"bundles   {len(self.bundles_pending)} pending, {len(self.bundles_exported)} exported"
            f" (waiting for receipts), {self.bundles_delivered} delivered,"
            f" {len(self.bundles_rejected)} refused",
            f"usb       last export {self.last_export_at or 'never'},"
            f" last import {self.last_import_at or 'never'}",
        ]
        out += [f"refused   bundle {s}: {why}" for s, why in sorted(self.bundles_rejected.items())]
        return out


def pc_status(project: Project) -> PcStatus:
    if not is_enrolled(project):
        return PcStatus(enrolled=False)
    outbox = Outbox(project)
    counts = outbox.counts()
    exported = exported_bundle_ids(project)
    st = PcStatus(
        enrolled=True,
        device_id=outbox.identity.device_id,
        records_pending=counts.pending,
        records_delivered=counts.delivered,
        unbundled=counts.unbundled,
        bundles_delivered=counts.bundles["delivered"],
        last_import_at=project.store.get_meta(META_LAST_IMPORT),
    )
    for b in outbox.bundles(("pending", "sent", "rejected")):
        if b.seq <= 0:
            continue  # set aside by a recovery after a restore (sync.restore)
        if b.state == "rejected":
            st.bundles_rejected[b.seq] = b.last_error or "refused"
        elif b.id in exported:
            st.bundles_exported.append(b.seq)
        else:
            st.bundles_pending.append(b.seq)
    st.last_export_at = max((at for _d, at in exported.values()), default=None)
    return st
