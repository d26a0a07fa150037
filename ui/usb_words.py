"""What an export, import or push did, in plain words and the worker's language.

The sync package's own summaries ("exported 3 bundles (12.4 KiB) to E:\\; …") are for the
command line; on screen the same counts are said without "bundles", "records" or "KiB",
with Qt's plural forms, in Hindi too. Strings are in the ``UsbPanel`` context.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("UsbPanel", text, None, n)


def summary(action: str, result: Any) -> str:
    """One sentence per fact, joined; ``result`` is an Export-, Import- or PushResult."""
    parts: list[str] = []
    if action == "export":
        parts.append(_tr("%n packets of work copied to the drive", len(result.written)))
        if result.present:
            parts.append(_tr("%n were on it already", len(result.present)))
        if result.receipt_waiting:
            parts.append(
                _tr("%n have receipts waiting: take them in first", len(result.receipt_waiting))
            )
        if result.conflicts:
            parts.append(
                _tr(
                    "%n NOT copied: the drive holds other files under their names; send the"
                    " drive's work to the server, then copy again",
                    len(result.conflicts),
                )
            )
        if getattr(result, "gold_held", 0):  # a station without the gold key: never readable
            parts.append(
                _tr(
                    "%n reference answers stay on this station, NOT copied: it has no key to"
                    " lock them yet; sync it with the server once, or enroll it again with a"
                    " new enrollment file",
                    result.gold_held,
                )
            )
    elif action == "import":
        parts.append(_tr("%n receipts taken in", len(result.delivered)))
        parts.append(_tr("%n pieces of work are now marked as arrived", result.records_delivered))
        if result.already:
            parts.append(_tr("%n were taken in before", len(result.already)))
        if result.refused:
            parts.append(
                _tr("%n receipts could not be trusted and stay on the drive", len(result.refused))
            )
        if result.rejected:
            parts.append(_tr("the server sent back %n packets of this PC", len(result.rejected)))
        if str(result.taxonomy or "").startswith("updated"):
            parts.append(_tr("the label list was updated"))
        if getattr(result, "gold_new", 0):  # a supervisor station: reference answers sealed
            parts.append(_tr("%n reference answers from the server taken in", result.gold_new))
        refused = getattr(result, "gold_refused", None)
        if refused is not None:
            parts.append(_gold_refused(str(getattr(refused, "kind", ""))))
    else:
        parts.append(_tr("%n packets sent to the server", len(result.delivered)))
        if result.rejected:
            parts.append(
                _tr(
                    "%n packets sent back by the server (see INDEX.txt on the drive)",
                    len(result.rejected),
                )
            )
        skipped = sum(result.skipped.values())
        if skipped:
            parts.append(_tr("%n packets of other projects stay on the drive", skipped))
        if result.packs:
            parts.append(_tr("label lists brought back for %n projects", len(result.packs)))
    return "; ".join(parts) + "."


def _gold_refused(kind: str) -> str:
    """Why the server's reference (gold) answers on the drive were not taken, by the kind of
    ``sync.gold_seal.GoldSealError``; the answers the station had stay."""
    if kind == "no_key":
        return _tr(
            "the server's reference answers on the drive were NOT taken: this station has no"
            " key for them yet; sync it with the server once, or enroll it again with a new"
            " enrollment file"
        )
    if kind == "wrong_key":
        return _tr(
            "the server's reference answers on the drive were NOT taken: they are locked for"
            " another server or project; enroll this station again with a new enrollment"
            " file. The answers it had stay"
        )
    return _tr(
        "the server's reference answers on the drive were NOT taken: they are damaged or"
        " were changed; push the drive to the server again. The answers it had stay"
    )


def progress_text(text: str) -> str:
    """The sync package's progress words ("bundle 7", "receipt 3", "done") on screen."""
    if text == "done":
        return _tr("done")
    m = re.fullmatch(r"server busy; again in (\d+) s", text)
    if m:
        return _tr("server busy; sending again in %1 s").replace("%1", m.group(1))
    m = re.search(r"(bundle|receipt) (\d+)$", text)
    if m:
        word = _tr("packet %1") if m.group(1) == "bundle" else _tr("receipt %1")
        return word.replace("%1", m.group(2))
    return ""
