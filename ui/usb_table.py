"""The table of PCs on a drive, for the USB panel: one row per PC, its refusals below it.

Strings are translated in the ``UsbPanel`` context (this table is part of that panel).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from sync.usb.index import DeviceStatus

COLUMNS = (  # marked for lupdate; translated in the panel's context
    QT_TRANSLATE_NOOP("UsbPanel", "PC"),
    QT_TRANSLATE_NOOP("UsbPanel", "Bundles not delivered"),
    QT_TRANSLATE_NOOP("UsbPanel", "On drive"),
    QT_TRANSLATE_NOOP("UsbPanel", "Receipts waiting"),
    QT_TRANSLATE_NOOP("UsbPanel", "Delivered"),
    QT_TRANSLATE_NOOP("UsbPanel", "Refused"),
    QT_TRANSLATE_NOOP("UsbPanel", "Last"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsbPanel", text)


def _when(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else "—"


class DriveTable(QTreeWidget):
    """Every PC known to a drive: bundles not delivered, on the drive, receipts waiting,
    delivered, refused, and when it last moved; this PC's row in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setRootIsDecorated(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([_tr(c) for c in COLUMNS])

    def show_statuses(self, devices: list[DeviceStatus], mine: str | None) -> None:
        """Replace the rows; ``mine`` is this PC's device id (its row is bold)."""
        self.clear()
        several = len({s.project_id for s in devices}) > 1
        for s in devices:
            item = _row(s, several)
            self.addTopLevelItem(item)
            for k in range(item.childCount()):
                item.child(k).setFirstColumnSpanned(True)  # takes only once in the tree
            item.setExpanded(True)  # refusals show without a click
            if s.device_id == mine:
                font = item.font(0)
                font.setBold(True)
                for col in range(len(COLUMNS)):
                    item.setFont(col, font)
        for i in range(len(COLUMNS)):
            self.resizeColumnToContents(i)
        # a refusal's long reason spans the row; it must not widen the PC column
        self.setColumnWidth(0, min(self.columnWidth(0), 360))


def _row(s: DeviceStatus, with_project: bool) -> QTreeWidgetItem:
    last = max((t for t in (s.last_export_at, s.last_push_at, s.last_import_at) if t), default=None)
    item = QTreeWidgetItem(
        [
            s.label + (f" ({s.project_name or s.project_id})" if with_project else ""),
            "—" if s.pc_pending is None else str(s.pc_pending),
            str(len(s.on_drive)),
            str(len(s.receipts_waiting)),
            str(s.delivered_bundles),
            str(len(s.rejected)),
            _when(last),
        ]
    )
    item.setToolTip(
        6,
        _tr("exported %1, pushed %2, imported %3")
        .replace("%1", _when(s.last_export_at))
        .replace("%2", _when(s.last_push_at))
        .replace("%3", _when(s.last_import_at)),
    )
    for seq, r in sorted(s.rejected.items()):
        text = (
            _tr("bundle %1 refused: %2")
            .replace("%1", str(seq))
            .replace("%2", f"{r.get('kind', '?')}: {r.get('message', '')}")
        )
        child = QTreeWidgetItem([text])
        child.setToolTip(0, text)
        item.addChild(child)
    return item
