"""Gold images the admin marked on the server, as the signed project pack brings them.

Every pack of a project with such marks names ``gold_version`` (the newest mark's number);
the packs sent to supervisor stations and relays carry the answers too (``gold``). A PC keeps
the number, so it asks for the pack again (``gold_since``) only when the admin marks more; a
supervisor station keeps the answers in its ``gold`` table, like gold imported at the centre
(the first answer of an image stays), and sends the images to PCs as tasks. A worker PC never
keeps the answers. Each answer is checked (``GoldAnswer.from_dict`` and the project's shapes
rules); one that fails is skipped, with the reason in the log.
"""

from __future__ import annotations

import logging
from typing import Any

from labeler import validation
from labeler.errors import LabelerError
from labeler.project import Project
from labeler.quality.records import GoldAnswer
from labeler.quality.station import Station, is_supervisor

META_SERVER_GOLD = "server_gold_version"
log = logging.getLogger(__name__)


def pack_gold_version(pack: dict[str, Any]) -> int:
    value = pack.get("gold_version")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def held_gold_version(project: Project) -> int:
    return int(project.store.get_meta(META_SERVER_GOLD) or 0)


def apply_pack_gold(project: Project, pack: dict[str, Any]) -> int:
    """Keep a verified pack's gold answers on a station; returns how many are new."""
    new = 0
    answers = pack.get("gold")
    if is_supervisor(project) and isinstance(answers, list):
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
    project.store.set_meta(META_SERVER_GOLD, str(pack_gold_version(pack)))
    return new
