""" "None of these fit": the worker proposes a label, says why, and may mark where it is.

The name may be written in any language. The region is optional: drag a box on the small
picture of the image. On OK the session stores the proposal (``project.work.propose``), the
image is flagged, and the worker moves on.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from labeler.annotations import Shape
from ui.i18n import Retranslating


class RegionPicker(QWidget):
    """The image, small; a drag marks a box, given back in full-image pixels."""

    def __init__(
        self, pixmap: QPixmap | None, full_size: tuple[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.pixmap = pixmap if pixmap is not None and not pixmap.isNull() else None
        self.full_size = full_size
        self.start: QPointF | None = None
        self.rect_img: QRectF | None = None
        self.setMinimumSize(360, 240)

    def _frame(self) -> QRectF:
        w, h = self.full_size
        s = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * s) / 2, (self.height() - h * s) / 2, w * s, h * s)

    def _to_image(self, p: QPointF) -> QPointF:
        f = self._frame()
        w, h = self.full_size
        x = (p.x() - f.left()) / f.width() * w
        y = (p.y() - f.top()) / f.height() * h
        return QPointF(min(max(x, 0.0), w), min(max(y, 0.0), h))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.start = self._to_image(event.position())
        self.rect_img = None
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.start is not None:
            self.rect_img = QRectF(self.start, self._to_image(event.position())).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.start is not None:
            self.rect_img = QRectF(self.start, self._to_image(event.position())).normalized()
            self.start = None
            if self.rect_img.width() < 2 or self.rect_img.height() < 2:
                self.rect_img = None
            self.update()

    def region(self, label: str) -> Shape | None:
        r = self.rect_img
        if r is None:
            return None
        return Shape.box(label, r.left(), r.top(), r.right(), r.bottom())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#303030"))
        f = self._frame()
        if self.pixmap is not None:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawPixmap(f, self.pixmap, QRectF(self.pixmap.rect()))
        if self.rect_img is not None:
            w, h = self.full_size
            r = self.rect_img
            sx, sy = f.width() / w, f.height() / h
            pen = QPen(QColor("#ffeb3b"), 2)
            p.setPen(pen)
            p.drawRect(
                QRectF(
                    f.left() + r.left() * sx,
                    f.top() + r.top() * sy,
                    r.width() * sx,
                    r.height() * sy,
                )
            )
        p.end()


class ProposeDialog(Retranslating, QDialog):
    """After Accepted: ``name``, ``reason`` and ``region`` (a box or None)."""

    def __init__(
        self, pixmap: QPixmap | None, full_size: tuple[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = ""
        self.reason = ""
        self.region: Shape | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMaximumHeight(90)
        self.picker = RegionPicker(pixmap, full_size)
        self.picker_label = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.form = QFormLayout()
        self.name_label = QLabel()
        self.reason_label = QLabel()
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.reason_label, self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.picker_label)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("None of these fit"))
        self.intro.setText(
            self.tr(
                "Propose a new label. Write its name in any language and say why none of the labels fit."
            )
        )
        self.name_label.setText(self.tr("Label name"))
        self.reason_label.setText(self.tr("Why"))
        self.picker_label.setText(self.tr("Optional: drag a box around the thing on the picture"))

    def accept(self) -> None:
        self.name = self.name_edit.text().strip()
        self.reason = self.reason_edit.toPlainText().strip()
        if not self.name:
            self.error.setText(self.tr("Write the name of the label you propose."))
            self.name_edit.setFocus()
            return
        if not self.reason:
            self.error.setText(self.tr("Write why none of the labels fit."))
            self.reason_edit.setFocus()
            return
        self.region = self.picker.region("proposed")
        super().accept()
