"""The shapes of the image on screen, as a list: label, select, hide, delete.

What labelImg and labelme users look for first. A row shows the label's colour and name and
the kind of shape; clicking it selects the shape on the canvas (and a selection on the
canvas selects its row); the check box hides a shape from view while another is drawn
under it; *Delete* removes the selected ones (undoable). The list redraws from the model's
signals and writes only through the canvas and the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from labeler.annotations import ShapeType
from ui.annotation_model import AnnotationModel
from ui.canvas import CanvasView
from ui.i18n import Retranslating

LabelInfo = Callable[[str], tuple[str, str]]  # label id -> (name, colour)
UID = Qt.ItemDataRole.UserRole


class ShapeList(Retranslating, QWidget):
    def __init__(
        self,
        model: AnnotationModel,
        canvas: CanvasView,
        label_info: LabelInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.canvas = canvas
        self.label_info = label_info
        self.count_label = QLabel()
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.delete_button = QPushButton()
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.clicked.connect(self.delete_selected)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        self.list.itemSelectionChanged.connect(self._rows_selected)
        self.list.itemChanged.connect(self._row_checked)
        for signal in (model.reset, model.added, model.removed, model.changed):
            signal.connect(self.rebuild)
        canvas.selectionChanged.connect(self._canvas_selected)
        self.retranslate()

    def rows(self) -> list[tuple[int, str]]:
        """(uid, text) of every row, top to bottom (tests, screen readers)."""
        return [
            (int(self.list.item(i).data(UID)), self.list.item(i).text())
            for i in range(self.list.count())
        ]

    def rebuild(self, *_: object) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            kinds = self._kind_names()
            n = 0
            for uid, shape in self.model.items():
                if shape.type is ShapeType.TAG:
                    continue
                n += 1
                name, colour = self.label_info(shape.label)
                item = QListWidgetItem(f"{n}. {name} · {kinds.get(shape.type, '')}")
                item.setData(UID, uid)
                item.setIcon(_swatch(colour, self.list.fontMetrics().height()))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                hidden = uid in self.canvas.hidden
                item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
                self.list.addItem(item)
                item.setSelected(uid in self.canvas.selected)
        self._show_count(n)

    def delete_selected(self) -> None:
        if self.canvas.selected:
            self.model.remove(list(self.canvas.selected))

    def _rows_selected(self) -> None:
        uids = [int(item.data(UID)) for item in self.list.selectedItems()]
        self.canvas.select(uids)

    def _canvas_selected(self) -> None:
        with QSignalBlocker(self.list):
            for i in range(self.list.count()):
                item = self.list.item(i)
                item.setSelected(int(item.data(UID)) in self.canvas.selected)
        self.delete_button.setEnabled(bool(self.canvas.selected))

    def _row_checked(self, item: QListWidgetItem) -> None:
        hidden = item.checkState() != Qt.CheckState.Checked
        self.canvas.set_hidden(int(item.data(UID)), hidden)

    def _show_count(self, n: int) -> None:
        self._n = n
        self.count_label.setText(self.tr("%n shapes on this image", "", n))
        self.delete_button.setEnabled(bool(self.canvas.selected))

    def _kind_names(self) -> dict[ShapeType, str]:
        return {
            ShapeType.BOX: self.tr("box"),
            ShapeType.POLYGON: self.tr("outline"),
            ShapeType.POINT: self.tr("point"),
            ShapeType.POLYLINE: self.tr("line"),
        }

    def retranslate(self) -> None:
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected shapes (Delete key)"))
        self.list.setToolTip(self.tr("Click a shape to select it; the check box shows or hides it"))
        self.rebuild()


def _swatch(colour: str, side: int) -> QPixmap:
    pm = QPixmap(max(side, 8), max(side, 8))
    pm.fill(QColor(colour))
    return pm
