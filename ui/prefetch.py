"""Images ready before they are asked for: decode ahead in queue order, keep a bounded cache.

The session asks for the image it shows (``request``) and the next few it will show
(``prefetch``). Each image is decoded once, at the JPEG DCT scale that still covers the
image as the canvas shows it (``decode.draft_size``), so a jump deep into the list is
painted sharp after one small decode: there is no blurred preview and no second decode on
the way. The image on screen has a decoding thread of its own; decoding ahead uses another,
so a click never waits behind a prefetch. A result is turned into a ``QPixmap`` on the main
thread when it arrives (the event loop is idle then), so showing a prefetched image after
"submit" is a pixmap swap. The cache holds at most ``budget_bytes`` of pixmaps and drops the
least recently used; a budget of 0 disables caching and prefetch (the "cold" path).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QPixmap

from labeler.priority import lower_this_threads_priority
from ui.decode import DEFAULT_SCREEN, DecodedImage, decode_image
from ui.tasks import Task, TaskRunner

DEFAULT_BUDGET = 24 * 1024 * 1024  # eight 1000x750 pixmaps: the next ones and a few back


class PixmapCache:
    """Least-recently-used pixmaps by image id, bounded by their bytes."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self._items: OrderedDict[int, tuple[QPixmap, tuple[int, int]]] = OrderedDict()
        self.bytes = 0

    def get(self, key: int) -> tuple[QPixmap, tuple[int, int]] | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: int, pixmap: QPixmap, full_size: tuple[int, int]) -> None:
        self.pop(key)
        size = _pixmap_bytes(pixmap)
        if size > self.budget:
            return
        self._items[key] = (pixmap, full_size)
        self.bytes += size
        while self.bytes > self.budget:
            self.pop(next(iter(self._items)))

    def pop(self, key: int) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self.bytes -= _pixmap_bytes(item[0])

    def __contains__(self, key: int) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0


def _decode_in_background(path: Path, target: tuple[int, int]) -> DecodedImage:
    """``decode_image`` for an image not on screen yet: its thread yields the CPU to the
    decode the worker waits for (a jump, a cold image) on a 2-core PC."""
    lower_this_threads_priority()
    return decode_image(path, target)


def _pixmap_bytes(p: QPixmap) -> int:
    return p.width() * p.height() * max(1, p.depth() // 8)


class Prefetcher(QObject):
    """Decodes images off the UI thread and keeps the results; emits when one is ready."""

    ready = Signal(int)  # image id: ``get(id)`` now returns its pixmap
    failed = Signal(int, str)  # image id, reason a person can read

    def __init__(
        self,
        runner: TaskRunner,
        budget_bytes: int = DEFAULT_BUDGET,
        screen: QSize | None = None,
        parent: QObject | None = None,
        *,
        ahead: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner  # the image on screen (and its sharper decode when zoomed in)
        self.ahead = ahead or runner  # the images likely next
        self.cache = PixmapCache(budget_bytes)
        # decode to cover the image as this size shows it (the canvas); zooming in asks
        # for a sharper decode
        self.target = (screen.width(), screen.height()) if screen else DEFAULT_SCREEN
        self._pending: dict[int, Task] = {}
        self._last: tuple[int, QPixmap, tuple[int, int]] | None = None  # shown even if uncached
        self._current: int | None = None
        self._expected: Task | None = None  # the decode of a pressed row (``expect``)
        # decodes ahead asked for while the image on screen is still decoding: held until it
        # is shown, so it has the CPU to itself (beside them, though at a lower priority, a
        # jump's p95 was 4-5 ms longer on 12 MP photos at 1366x768)
        self._held: list[tuple[int, Path]] | None = None
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(0)  # after the shown image's paint, not before it
        self._release.timeout.connect(self._prefetch_held)
        self.decoded = 0  # how many decodes finished (tests, bench)

    @property
    def enabled(self) -> bool:
        return self.cache.budget > 0

    def busy(self) -> bool:
        return self.runner.busy() or self.ahead.busy() or self._held is not None

    def get(self, image_id: int) -> tuple[QPixmap, tuple[int, int]] | None:
        """The pixmap and full displayed size of an image, if decoded."""
        if self._last is not None and self._last[0] == image_id:
            return self._last[1], self._last[2]
        return self.cache.get(image_id)

    def request(self, image_id: int, path: Path) -> None:
        """The image to show now: decode it at once on the on-screen thread."""
        self._current = image_id
        self._decode_now(image_id, path)

    def expect(self, image_id: int, path: Path) -> None:
        """An image about to be shown (its row in the list is pressed): decode it on the
        on-screen thread now; ``request`` then finds it on the way. Into the cache, so with
        no cache (budget 0) there is nowhere to keep it and this does nothing."""
        if self.enabled:
            self._expected = self._decode_now(image_id, path) or self._expected

    def _decode_now(self, image_id: int, path: Path) -> Task | None:
        """Decode on the on-screen thread unless decoded or on the way already (ahead and
        started, or since its row was pressed); a decode queued ahead moves here. The new
        task, or None."""
        if self.get(image_id) is not None:
            return None
        task = self._pending.get(image_id)
        if task is not None and (task.started or task is self._expected):
            return None
        if task is not None:
            self.ahead.cancel(task)
        self._start(image_id, path, self.runner)
        return self._pending[image_id]

    def prefetch(self, items: Sequence[tuple[int, Path]]) -> None:
        """The images likely next, in order; queued decodes no longer wanted are dropped."""
        if not self.enabled:
            return
        if self._current is not None and self._current in self._pending:
            self._held = list(items)  # the image on screen first (``_done``)
            return
        self._held = None
        wanted = {i for i, _ in items}
        for image_id, task in list(self._pending.items()):
            if (
                image_id not in wanted
                and image_id != self._current
                and not task.started
                and task is not self._expected
            ):
                self.ahead.cancel(task)
                del self._pending[image_id]
        for image_id, path in items:
            if image_id not in self.cache and image_id not in self._pending:
                self._start(image_id, path, self.ahead)

    def set_target(self, size: QSize) -> None:
        """The canvas size: later decodes cover it (cached pixmaps stay as they are)."""
        if size.width() > 16 and size.height() > 16:
            self.target = (size.width(), size.height())

    def forget(self, image_id: int) -> None:
        self.cache.pop(image_id)
        if self._last is not None and self._last[0] == image_id:
            self._last = None

    def _start(self, image_id: int, path: Path, runner: TaskRunner) -> None:
        self._pending[image_id] = runner.submit(
            decode_image if runner is self.runner else _decode_in_background,
            path,
            self.target,
            on_done=lambda d: self._done(image_id, d),
            on_error=lambda e: self._failed(image_id, e),
        )

    def _done(self, image_id: int, decoded: DecodedImage) -> None:
        self._settle(image_id)
        self.decoded += 1
        pixmap = QPixmap.fromImage(decoded.image)
        if image_id == self._current:
            self._last = (image_id, pixmap, decoded.full_size)
        if self.enabled:
            self.cache.put(image_id, pixmap, decoded.full_size)
        self.ready.emit(image_id)
        self._release_held(image_id)

    def _failed(self, image_id: int, exc: BaseException) -> None:
        self._settle(image_id)
        self.failed.emit(image_id, str(exc))
        self._release_held(image_id)

    def _settle(self, image_id: int) -> None:
        """A decode ended (done or failed): it is no longer on the way."""
        if self._pending.pop(image_id, None) is self._expected:
            self._expected = None

    def _release_held(self, image_id: int) -> None:
        """The image on screen is shown (or cannot be): the held decodes ahead may start,
        once its paint is done (a 0 ms timer)."""
        if image_id == self._current and self._held is not None:
            self._release.start()

    def _prefetch_held(self) -> None:
        items, self._held = self._held, None
        if items is not None:
            self.prefetch(items)
