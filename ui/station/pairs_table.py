"""Agreement between workers, pair by pair: the images both labeled, how many differed,
matched F1 and mean IoU of their shapes, and Cohen's kappa of their image classes
(``labeler.quality.agreement``; "—" when a figure has no facts or is undefined)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from labeler.quality.agreement import PairAgreement, image_class_kappa
from ui.i18n import Retranslating


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class PairsTable(Retranslating, QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.retranslate()

    def show_pairs(self, pairs: Iterable[PairAgreement]) -> None:
        rows = list(pairs)
        self.setRowCount(len(rows))
        for r, p in enumerate(rows):
            cells = (
                f"{p.worker_a} · {p.worker_b}",
                str(p.images),
                str(p.disagreements),
                _f(p.f1),
                _f(p.mean_iou),
                _f(image_class_kappa(p)),
            )
            for c, text in enumerate(cells):
                self.setItem(r, c, QTableWidgetItem(text))
        self.resizeColumnsToContents()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Workers"),
                self.tr("Images both labeled"),
                self.tr("Differed"),
                self.tr("F1"),
                self.tr("Mean IoU"),
                self.tr("Kappa (image classes)"),
            ]
        )
