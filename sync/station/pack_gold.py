"""Gold images the admin marked on the server, as the signed project pack brings them.

Every pack of a project with such marks names ``gold_version`` (the newest mark's number);
the packs sent to supervisor stations carry the answers too (``gold``) and the project's gold
key (``gold_key``, kept in the keys folder); the packs sent to relays, and so a drive's
``pack.json``, carry them sealed (``gold_sealed``, ``sync.gold_seal``), which only a station
opens. A PC keeps the number, so it asks for the pack again (``gold_since``) only when the
admin marks more; a supervisor station keeps the answers in its ``gold`` table, like gold
imported at the centre (the first answer of an image stays), and sends the images to PCs as
tasks, but never sends them back in its bundles. A worker PC never keeps the answers. Each
answer is checked (``GoldAnswer.from_dict`` and the project's shapes rules); one that fails
is skipped, with the reason in the log.
Sealed answers that do not open (no key, another key, damaged) are not taken, the gold held
stays, and the gold version is not moved on, so the next pack is tried again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from labeler import validation
from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.records import GoldAnswer
from labeler.quality.station import Station, is_supervisor, station_device_id
from labeler.store import now
from sync.gold_seal import GoldSealError, decode_key, key_id, open_sealed
from sync.station.keys import load_gold_key, save_gold_key

META_SERVER_GOLD = "server_gold_version"
log = logging.getLogger(__name__)


def pack_gold_version(pack: dict[str, Any]) -> int:
    value = pack.get("gold_version")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def held_gold_version(project: Project) -> int:
    return int(project.store.get_meta(META_SERVER_GOLD) or 0)


@dataclass(frozen=True)
class GoldApplied:
    """What a pack's gold did on this PC: answers newly kept, or why sealed ones were not."""

    new: int = 0
    refused: GoldSealError | None = None


def held_key_id(project: Project) -> str:
    """The id of the gold key this station holds ("" when none)."""
    text = load_gold_key(station_device_id(project))
    try:
        return key_id(decode_key(text)) if text else ""
    except ValueError:
        return ""


def keep_gold_key(project: Project, pack: dict[str, Any]) -> bool:
    """A station keeps the gold key its verified pack brings; True when it is new here."""
    text = pack.get("gold_key")
    if not (isinstance(text, str) and is_supervisor(project)):
        return False
    try:
        return save_gold_key(station_device_id(project), text) is not None
    except ValueError as exc:
        log.warning("the gold key in the pack is malformed and not kept: %s", exc)
        return False


def apply_pack_gold(project: Project, pack: dict[str, Any]) -> GoldApplied:
    """Keep a verified pack's gold answers on a station (in the clear, or sealed: opened with
    the station's gold key)."""
    if not is_supervisor(project):  # a worker PC: the number only, never the answers
        project.store.set_meta(META_SERVER_GOLD, str(pack_gold_version(pack)))
        return GoldApplied()
    keep_gold_key(project, pack)
    answers = pack.get("gold")
    if answers is None and "gold_sealed" in pack:
        text = load_gold_key(station_device_id(project))
        try:
            key = decode_key(text) if text else None
        except ValueError:
            key = None
        try:
            answers = open_sealed(
                key, str(pack["project_id"]), pack_gold_version(pack), pack["gold_sealed"]
            )
        except GoldSealError as exc:  # the gold held stays; the version does not move on
            log.warning("gold answers in the pack not taken: %s", exc)
            return GoldApplied(refused=exc)
    new = 0
    if isinstance(answers, list):
        labels = {lab.id for lab in project.taxonomy.labels}
        kept: list[GoldAnswer] = []
        for d in answers:
            try:
                a = GoldAnswer.from_dict(d)
                validation.check_shapes(a.shapes, a.width, a.height, project.kind, labels)
            except LabelerError as exc:
                log.warning("a gold answer in the pack is skipped: %s", exc)
                continue
            kept.append(a)
        new = Station(project).add_gold(kept)
        _never_send(project, [a.uuid for a in kept])
    project.store.set_meta(META_SERVER_GOLD, str(pack_gold_version(pack)))
    return GoldApplied(new)


def _never_send(project: Project, uuids: list[str]) -> None:
    """The server's answers came from the server: noted as delivered, so the station's
    bundles never carry them back (a bundle on a drive is compressed, not sealed)."""
    with project.store.write() as db:
        db.conn.executemany(
            "INSERT INTO delivery (record_type, record_uuid, delivered_at)"
            " SELECT 'gold', uuid, ? FROM gold WHERE uuid = ?"  # kept (an image's first stays)
            " ON CONFLICT (record_type, record_uuid) DO UPDATE SET"
            " delivered_at = excluded.delivered_at, rejected_reason = NULL"
            " WHERE delivery.delivered_at IS NULL AND delivery.bundle_seq IS NULL",
            [(now(), u) for u in uuids],
        )
