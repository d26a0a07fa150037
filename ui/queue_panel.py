"""The queue panel: the project's images by filter, with counts and the current position.

The list is a virtual model: ``rowCount`` comes from one count query and rows are fetched a
page at a time (``project.queue.page``) only when the view paints them, so a project of
100,000 images opens and scrolls as fast as one of 100. The view is a one-column table
(``QueueList``), not a ``QListView``: a list view lays out every row on each reset of the
model - four calls into Python per row, 0.25 s at 66,000 rows, after every submit - where a
table of fixed-height rows asks only for the rows it paints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from labeler.project import Project
from labeler.queue import ImageRecord, Status, WorkQueue
from ui.dialogs.flag_dialog import flag_note_text
from ui.dialogs.skip_dialog import skip_reason_text
from ui.i18n import Retranslating
from ui.messages import localize
from ui.status_bar import Progress

PAGE = 200
KEEP_PAGES = 16
FILTERS = ("todo", "submitted", "skipped", "flagged", "problems", "all")
_STATUS_COLOUR = {
    Status.SUBMITTED: "#2e7d32",
    Status.SKIPPED: "#9e9e9e",
    Status.FLAGGED: "#ef6c00",
    Status.IN_PROGRESS: "#1565c0",
}


@dataclass(frozen=True)
class PanelState:
    """Counts and positions for the panels; gathered off the UI thread (slow on 100,000)."""

    counts: dict[str, int]  # per filter
    filter: str
    image_id: int | None
    row: int | None  # of ``image_id`` within ``filter``
    order: int | None  # of ``image_id`` in the whole project (what "image 12 of 500" says)
    progress: Progress


def filter_counts(c: dict[str, int]) -> dict[str, int]:
    return {
        "todo": c["todo"] + c["in_progress"],
        "submitted": c["submitted"],
        "skipped": c["skipped"],
        "flagged": c["flagged"],
        "problems": c["problems"],
        "all": c["total"],
    }


def gather_state(project: Project, image_id: int | None, filter: str, worker: str) -> PanelState:
    """Read everything the queue panel and status bar show (any thread: readers are per thread)."""
    c = project.queue.counts()
    row = None if image_id is None else project.queue.position(image_id, filter)
    order = None if image_id is None else project.queue.position(image_id, "all")
    return PanelState(
        counts=filter_counts(c),
        filter=filter,
        image_id=image_id,
        row=row,
        order=order,
        progress=Progress(
            today=project.work.count_submitted_today(worker),
            submitted=c["submitted"],
            set_aside=c["skipped"] + c["flagged"],
            total=c["total"],
        ),
    )


Fetch = Callable[[Callable[..., Any], tuple[Any, ...], Callable[[Any], None]], None]


class QueueModel(QAbstractListModel):
    """Rows of one filter of the work queue, fetched lazily in pages.

    With ``fetch`` (a way to run a read off the UI thread) a page deep in a big list - which
    SQLite reaches by counting past the rows before it - never stalls the window: its rows show
    "…" for a moment, or their previous text while being refreshed.
    """

    def __init__(
        self, queue: WorkQueue, filter: str = "todo", parent: Any = None, fetch: Fetch | None = None
    ) -> None:
        super().__init__(parent)
        self.queue = queue
        self.filter = filter
        self._fetch = fetch
        self._count = queue.count(filter)
        self._pages: OrderedDict[int, list[ImageRecord]] = OrderedDict()
        self._stale: set[int] = set()  # shown until their fresh copy arrives
        self._loading: set[int] = set()
        self._generation = 0  # results of an older generation are dropped
        self.pages_fetched = 0

    def _invalidate(self, drop_rows: bool) -> None:
        self._generation += 1
        self._loading.clear()
        if drop_rows:
            self._pages.clear()
            self._stale.clear()
        else:
            self._stale = set(self._pages)

    def set_filter(self, filter: str) -> None:
        self.beginResetModel()
        self.filter = filter
        self._count = self.queue.count(filter)
        self._invalidate(drop_rows=True)
        self.endResetModel()

    def refresh(self, count: int | None = None) -> None:
        """Statuses changed: reload the rows on screen, keep the view where it is."""
        count = self.queue.count(self.filter) if count is None else count
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self._invalidate(drop_rows=False)
            self.endResetModel()
            return
        self._invalidate(drop_rows=False)
        if count:
            self.dataChanged.emit(self.index(0), self.index(count - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def record(self, row: int) -> ImageRecord | None:
        """The image at ``row``, or None while its page is being read."""
        if not 0 <= row < self._count:
            return None
        page_no = row // PAGE
        if page_no not in self._pages or page_no in self._stale:
            self._load(page_no)
        page = self._pages.get(page_no)
        if page is None:
            return None
        self._pages.move_to_end(page_no)
        i = row - page_no * PAGE
        return page[i] if i < len(page) else None

    def _load(self, page_no: int) -> None:
        if page_no in self._loading:
            return
        args = (self.filter, page_no * PAGE, PAGE)
        if self._fetch is None:
            self._store(page_no, self.queue.page(*args))
            return
        self._loading.add(page_no)
        generation = self._generation
        self._fetch(self.queue.page, args, lambda rows: self._loaded(generation, page_no, rows))

    def _loaded(self, generation: int, page_no: int, rows: list[ImageRecord]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(page_no)
        self._store(page_no, rows)
        first, last = page_no * PAGE, min(self._count, (page_no + 1) * PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first), self.index(last))

    def _store(self, page_no: int, rows: list[ImageRecord]) -> None:
        self.pages_fetched += 1
        self._pages[page_no] = rows
        self._stale.discard(page_no)
        while len(self._pages) > KEEP_PAGES:
            self._pages.popitem(last=False)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        rec = self.record(index.row())
        if rec is None:
            return f"{index.row() + 1}.  …" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}.  {rec.path}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if rec.problem:
                return localize(rec.problem).text
            if not rec.status_note:
                return rec.path
            if rec.status is Status.SKIPPED:
                return skip_reason_text(rec.status_note)
            return flag_note_text(rec.status_note)  # a question to the supervisor
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = "#c62828" if rec.problem else _STATUS_COLOUR.get(rec.status)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.UserRole:
            return rec.id
        return None


class QueueList(QTableView):
    """A list of fixed-height rows (a one-column table without headers or grid): its cost
    does not grow with the number of rows. Rows follow the font (large text, Devanagari)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it did from a list view
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()

    def _fit_rows(self) -> None:
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(
            metrics.height() + max(4, metrics.height() // 4)
        )


class QueuePanel(Retranslating, QWidget):
    """Filter chooser with counts, the virtual list, and "image 12 of 500"."""

    imageActivated = Signal(int)  # image id
    imagePressed = Signal(object)  # ImageRecord: a click on its row has begun (not released)
    filterChanged = Signal(str)

    def __init__(
        self, queue: WorkQueue, parent: QWidget | None = None, fetch: Fetch | None = None
    ) -> None:
        super().__init__(parent)
        self.queue = queue
        self.model = QueueModel(queue, "todo", self, fetch)
        self._counts: dict[str, int] = {}
        self._current: int | None = None
        self._order: int | None = None  # the current image's place in the whole project
        self.filter_box = QComboBox()
        self.filter_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_box.setMinimumContentsLength(8)  # long Hindi names do not widen the panel
        self.list = QueueList()
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the number and ".jpg"
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.position = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.position)
        for f in FILTERS:
            self.filter_box.addItem("", f)
        self.filter_box.currentIndexChanged.connect(self._filter_chosen)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.list.pressed.connect(self._pressed)
        self.refresh()

    @property
    def filter(self) -> str:
        return self.model.filter

    def set_filter(self, filter: str) -> None:
        self.filter_box.setCurrentIndex(FILTERS.index(filter))

    def refresh(self) -> None:
        """Counts and rows, read now (start, filter change); see ``show_state`` for the rest."""
        self._counts = filter_counts(self.queue.counts())
        self.model.refresh(self._counts[self.filter])
        self.retranslate()

    def show_state(self, state: PanelState) -> None:
        """Counts and position gathered in the background after a submit, skip or rescan."""
        if state.filter != self.filter:
            return  # the worker changed the filter meanwhile; a fresh state follows
        self._counts = dict(state.counts)
        self.model.refresh(self._counts[self.filter])
        self.retranslate()
        if state.image_id == self._current:
            self._select(state.row, state.order)

    def set_current(self, image_id: int | None) -> None:
        """Highlight the image on screen and say where it is (reads its rows now)."""
        self._current = image_id
        if image_id is None:
            self._select(None, None)
            return
        q = self.queue
        self._select(q.position(image_id, self.filter), q.position(image_id, "all"))

    def mark_current(self, image_id: int | None) -> None:
        """The image on screen changed; its row follows with the next ``show_state``."""
        self._current = image_id

    def _select(self, row: int | None, order: int | None) -> None:
        if row is not None:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)
        else:
            self.list.clearSelection()
        self._show_position(order)

    def _show_position(self, order: int | None) -> None:
        """ "Image 12 of 500": the place in the whole project, so it moves as work is done
        (the to-do list's row 1 never did); else how many images the list holds."""
        self._order = order
        if order is None:
            self.position.setText(self.tr("%n images", "", self.model.rowCount()))
        else:
            total = self._counts.get("all", 0)
            self.position.setText(
                self.tr("Image %1 of %2").replace("%1", str(order + 1)).replace("%2", str(total))
            )

    def _filter_chosen(self, i: int) -> None:
        self.model.set_filter(FILTERS[i])
        self.set_current(self._current)
        self.filterChanged.emit(FILTERS[i])

    def _activated(self, index: QModelIndex) -> None:
        image_id = index.data(Qt.ItemDataRole.UserRole)
        if image_id is not None:
            self.imageActivated.emit(int(image_id))

    def _pressed(self, index: QModelIndex) -> None:
        rec = self.model.record(index.row())  # the row's record, as the list read it
        if rec is not None:
            self.imagePressed.emit(rec)

    def filter_names(self) -> dict[str, str]:
        return {
            "todo": self.tr("To do"),
            "submitted": self.tr("Submitted"),
            "skipped": self.tr("Skipped"),
            "flagged": self.tr("Flagged"),
            "problems": self.tr("Problems"),
            "all": self.tr("All images"),
        }

    def retranslate(self) -> None:
        names = self.filter_names()
        for i, f in enumerate(FILTERS):
            self.filter_box.setItemText(i, f"{names[f]} ({self._counts.get(f, 0)})")
        self.filter_box.setToolTip(self.tr("Which images the list shows"))
        self._show_position(self._order)
