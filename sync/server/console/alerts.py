"""What went wrong, for the admin, each with what to do.

Gathered from what the server recorded: conflicts and broken chains (``storage.alerts``),
sequence gaps (bundles numbered past the ones that arrived), refused bundles
(``storage.refusals``) and revoked PCs. The texts are English keys the page translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from sync.server import refusals, reports
from sync.server import storage as db
from sync.server.console.progress import is_stale
from sync.server.storage import Storage

ADVICE: dict[str, str] = {
    "conflict": "A PC sent different work under a bundle number it had used before: its"
    " outbox was probably restored from a backup or copied to another PC. Nothing of it was"
    " applied; the bytes are kept in the server's conflicts folder. Find the PC, make sure"
    " no two PCs use one project file, and enroll the copy as a new PC.",
    "chain_broken": "A bundle does not follow the one before it: a cloned disk, or a bundle"
    " withheld or rewritten. Check that no two PCs share one project file; enroll a clone"
    " as a new PC.",
    "gap": "Bundles numbered below the last one received have not arrived: a USB drive may"
    " be lost or not pushed yet. Ask the supervisor to push the drive; the PC keeps every"
    " bundle until its receipt comes back, so exporting to a drive again brings them.",
    "revoked": "This PC was revoked: its credentials and new bundles are refused; the work"
    " it sent before stays. If it was revoked by mistake, enroll it again (Devices).",
    "refused:signature": "The bundle's signature does not match the PC's key: it was altered,"
    " or the PC uses an old enrollment. Enroll the PC again.",
    "refused:checksum": "The bundle was damaged on the way. The PC keeps it: export it to a"
    " drive again or let the PC sync again.",
    "refused:malformed": "The bundle could not be read. Update the app on that PC; if it"
    " repeats, send the PC's log folder to the developers.",
    "refused:unsupported_version": "The PC runs a newer or older app than this server"
    " understands. Update the app or the server so both match.",
    "refused:too_large": "The bundle is larger than the server accepts. Raise the server's"
    " limit (HITL_SERVER_MAX_BODY_BYTES) or update the app, which makes smaller bundles.",
    "refused:unknown_device": "The bundle comes from a PC this server does not know. Enroll"
    " the PC (Devices) and give it the new enrollment file.",
    "refused:revoked_device": "A revoked PC is still sending work. If it was revoked by"
    " mistake, enroll it again; otherwise find the PC and take it out of use.",
    "refused:wrong_project": "The bundle belongs to another project than the credentials"
    " that carried it. Check which relay file the supervisor uses.",
    "refused:forbidden": "A PC tried to send another PC's bundle. Check the PCs of that"
    " centre for copied project files.",
    "refused:other": "The bundle was refused. The PC keeps it and shows the same reason;"
    " read the message and fix what it names.",
    "stale": "No bundle from this PC for several days. Call the centre: the PC may be off,"
    " offline, or its work waiting on a USB drive.",
}

TITLES: dict[str, str] = {
    "conflict": "Conflicting bundle",
    "chain_broken": "Broken chain",
    "gap": "Missing bundles",
    "revoked": "Revoked PC",
    "refused": "Refused bundle",
    "stale": "Stale PC",
}


@dataclass
class AlertRow:
    kind: str  # a key of TITLES
    advice: str  # a key of ADVICE
    device_id: str | None
    centre: str
    when: str | None
    detail: str  # what the server recorded (English, from the server)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def advice_text(self) -> str:
        return ADVICE[self.advice]


def gather(storage: Storage, project_id: str | None, stale_before: str) -> list[AlertRow]:
    """Every alert of a project (or all projects), most urgent kinds first; a PC is stale
    as ``progress.is_stale`` says (the progress rows read here once serve gaps and staleness)."""
    d = db.devices
    with storage.read() as conn:
        query = select(d.c.id, d.c.centre, d.c.revoked_at, d.c.created_at)
        if project_id:
            query = query.where(d.c.project_id == project_id)
        devices = {r.id: r for r in conn.execute(query)}

    def centre(device_id: str | None) -> str:
        row = devices.get(device_id or "")
        return row.centre if row else ""

    out: list[AlertRow] = []
    for a in reports.alerts(storage, project_id):
        out.append(
            AlertRow(
                a["kind"],
                a["kind"],
                a["device_id"],
                centre(a["device_id"]),
                a["created_at"],
                a["message"],
                {"seq": a["seq"], "file": a.get("file")},
            )
        )
    for r in refusals.listed(storage, project_id):
        key = f"refused:{r['kind']}"
        out.append(
            AlertRow(
                "refused",
                key if key in ADVICE else "refused:other",
                r["device_id"],
                centre(r["device_id"]),
                r["created_at"],
                r["message"],
                {"seq": r["seq"], "kind": r["kind"], "via": r["via"]},
            )
        )
    stale: list[AlertRow] = []
    for row in reports.progress(storage, project_id):
        device = devices.get(row["device_id"])
        if is_stale(row, device.created_at if device else "", stale_before):
            stale.append(
                AlertRow("stale", "stale", row["device_id"], row["centre"], row["last_seen"], "")
            )
        if row["missing_bundles"] > 0:
            seq = reports.sequence(storage, row["device_id"])
            shown = ", ".join(str(n) for n in seq["missing"][:20])
            more = len(seq["missing"]) - 20
            out.append(
                AlertRow(
                    "gap",
                    "gap",
                    row["device_id"],
                    row["centre"],
                    row["last_seen"],
                    "",
                    {
                        "missing": shown + (f" (+{more})" if more > 0 else ""),
                        "count": row["missing_bundles"],
                    },
                )
            )
    for device_id, row in devices.items():
        if row.revoked_at:
            out.append(AlertRow("revoked", "revoked", device_id, row.centre, row.revoked_at, ""))
    out += sorted(stale, key=lambda r: r.centre.lower())  # the progress page's centre order
    out = _grouped(out)
    order = list(TITLES)
    out.sort(key=lambda r: r.when or "", reverse=True)  # newest first within a kind
    out.sort(key=lambda r: order.index(r.kind))
    return out


def _grouped(rows: list[AlertRow]) -> list[AlertRow]:
    """One alert per kind of trouble and PC: a PC with 500 refused bundles is one card
    that lists their numbers, not 500 cards."""
    groups: dict[tuple[str, str, str | None], AlertRow] = {}
    for row in rows:
        key = (row.kind, row.advice, row.device_id)
        first = groups.get(key)
        if first is None:
            groups[key] = row
            row.facts.setdefault("count", 1)
            if row.facts.get("seq") is not None:
                row.facts["seqs"] = [row.facts["seq"]]
            continue
        first.facts["count"] = int(first.facts.get("count", 1)) + 1
        if row.facts.get("seq") is not None:
            first.facts.setdefault("seqs", []).append(row.facts["seq"])
        if (row.when or "") > (first.when or ""):
            first.when, first.detail = row.when, row.detail
    for row in groups.values():
        seqs = sorted(set(row.facts.get("seqs", [])))
        if seqs:
            shown = ", ".join(str(n) for n in seqs[:20])
            row.facts["seq_list"] = shown + (f" (+{len(seqs) - 20})" if len(seqs) > 20 else "")
    return list(groups.values())
