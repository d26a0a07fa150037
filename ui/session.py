"""The labeling loop: which image is on screen, and what submit, skip and the keys do.

The session sits between the widgets and the core: it loads an image's shapes into the
``AnnotationModel``, puts its pixmap on the canvas (from the prefetch cache when it is there,
else decoding it at once), submits through ``project.work`` (which validates), and moves on.
Work that need not happen before the next image is painted - saving the position, counting,
prefetching what comes next - is queued behind the paint.

Two rules keep wrong work out without anyone noticing: a submitted image opens read only,
and changing it is an explicit act (``start_correction``; the window says "correcting a
submitted image, revision 2"); and an image with nothing marked is submitted only on a
deliberate "nothing here" (``submit(allow_empty=True)``), so a double Enter cannot send an
image of nine objects in empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QPixmap

from labeler.annotations import Shape
from labeler.errors import ImageProblem, LabelerError
from labeler.project import Project
from labeler.queue import ImageRecord, Status
from labeler.work import Submission
from ui.annotation_model import AnnotationModel
from ui.canvas import CanvasView
from ui.decode import DecodedImage, decode_image
from ui.prefetch import Prefetcher
from ui.proposal_pictures import PictureCutter

PREFETCH_AHEAD = 3


def in_filter(rec: ImageRecord, filter: str) -> bool:
    """Whether the queue panel's ``filter`` lists ``rec`` (the same rules as the core's)."""
    if filter == "problems":
        return bool(rec.problem)
    if rec.problem:
        return False
    if filter == "todo":
        return rec.status in (Status.TODO, Status.IN_PROGRESS)
    return filter == "all" or str(rec.status) == filter


def filter_of(rec: ImageRecord) -> str:
    """The filter that lists ``rec`` by its status."""
    if rec.problem:
        return "problems"
    return "todo" if rec.status in (Status.TODO, Status.IN_PROGRESS) else str(rec.status)


class LabelingSession(QObject):
    imageChanged = Signal(object)  # ImageRecord, or None when nothing is left
    problem = Signal(int, str)  # image id, reason: the image cannot be shown
    submitted = Signal(object)  # Submission
    statusChanged = Signal()  # counts changed (submit, skip, flag)
    error = Signal(object)  # LabelerError for ui.errors
    modeChanged = Signal()  # read only / correcting a submitted image changed
    emptyAsked = Signal()  # Enter on an image with nothing marked: the window asks

    def __init__(
        self,
        project: Project,
        worker: str,
        model: AnnotationModel,
        canvas: CanvasView,
        prefetcher: Prefetcher,
        settings: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.worker = worker
        self.model = model
        self.canvas = canvas
        self.prefetcher = prefetcher
        self.settings = settings  # ui.settings.WorkerSettings, for the position
        self.filter = "todo"  # the queue panel's filter: next/previous step inside it
        # how work is stored on submit; model suggestions replace it (ui.suggest_hook)
        self.submit_work: Callable[[ImageRecord, list[Shape]], Submission] = lambda rec, shapes: (
            self.project.work.submit(rec.id, shapes, self.worker)
        )
        self.current: ImageRecord | None = None
        self.correcting = False  # a submitted image opened for a correction
        self.revision = 0  # the revision a correction of the current image would be
        self._problems: dict[int, str] = {}
        self.pictures = PictureCutter(project, self)  # proposals' pictures, off this thread
        self._sharp = False  # the canvas shows the full decode, not the quick preview
        self._after = QTimer(self)
        self._after.setSingleShot(True)
        self._after.setInterval(0)
        self._after.timeout.connect(self._after_show)
        prefetcher.ready.connect(self._decoded)
        prefetcher.failed.connect(self._failed)
        canvas.detailWanted.connect(self._decode_detail)
        canvas.resized.connect(prefetcher.set_target)
        kind = project.kind
        self.classification = kind.is_classification
        self.single_tag = kind.tags == "single"
        self.has_tags = kind.tags is not None
        self.tag_mode = self.classification  # label keys give the whole image a label
        active = project.taxonomy.active
        canvas.current_label = active[0].id if active else ""

    # ---------------------------------------------------------------- moving
    def start(self) -> None:
        """The image this worker was on last time, else the first to do."""
        last = getattr(self.settings, "last_image_id", None)
        rec = None
        if last is not None:
            try:
                rec = self.project.queue.get(int(last))
            except LabelerError:
                rec = None
        self.show(rec or self.project.queue.next_todo())

    def go_to(self, image_id: int) -> None:
        self.show(self.project.queue.get(image_id))

    def expect(self, pressed: ImageRecord) -> None:
        """The worker pressed an image's row in the list: decode it now, while the button is
        still down, so the click's release shows it sharp at once (a click lasts about 0.1 s,
        longer than a decode). Nothing on screen changes until the click completes."""
        rec = self.current
        if rec is not None and rec.id == pressed.id:
            return
        if pressed.problem or pressed.id in self._problems:
            return
        self.prefetcher.expect(pressed.id, self.project.index.abspath(pressed.path))

    def next(self) -> None:
        self._step(True)

    def previous(self) -> None:
        self._step(False)

    def _step(self, forward: bool) -> None:
        if self.current is None:
            self.show(self.project.queue.next_todo())
            return
        rec = self.project.queue.step(self.current.seq, forward, self.filter)
        if rec is not None:
            self.show(rec)

    def follow_filter(self, filter: str) -> None:
        """The worker chose another list: the canvas shows an image of it, never one the
        list does not hold (the nearest after the current one, else before it)."""
        self.filter = filter
        rec = self.current
        if rec is not None and in_filter(rec, filter):
            return
        seq = rec.seq if rec is not None else 0
        queue = self.project.queue
        self.show(queue.step(seq, True, filter) or queue.step(seq + 1, False, filter))

    def show(self, rec: ImageRecord | None) -> None:
        self.canvas.cancel_pending()
        self.current = rec
        self.correcting = False
        self.model.read_only = False
        if rec is None:
            self.canvas.set_image(None, (1, 1))
            self.model.clear()
            self.imageChanged.emit(None)
            self.modeChanged.emit()
            return
        try:
            shapes = self._open_shapes(rec)
        except LabelerError as exc:
            self.error.emit(exc)
            shapes = []
        self.model.load(rec.id, shapes)
        self.modeChanged.emit()
        reason = rec.problem or self._problems.get(rec.id)
        self.imageChanged.emit(rec)
        if reason:
            self.canvas.set_image(None, (rec.width or 1, rec.height or 1))
            self.problem.emit(rec.id, reason)
        else:
            size = (rec.width or 1, rec.height or 1)
            hit = self.prefetcher.get(rec.id)
            if hit is not None:
                self._sharp = True
                self.canvas.set_image(hit[0], hit[1])
            else:
                self.canvas.set_image(None, size)
                self._sharp = False
                self._request(rec)
        self._after.start()

    def _open_shapes(self, rec: ImageRecord) -> list[Shape]:
        """The shapes to show; a submitted image opens read only unless a correction of it
        was already under way (its draft)."""
        work = self.project.work
        if rec.status is not Status.SUBMITTED:
            return work.current_shapes(rec.id)
        draft = work.draft(rec.id)
        latest = work.latest_for_image(rec.id)
        self.revision = (latest.revision if latest else 0) + 1
        self.correcting = draft is not None
        self.model.read_only = not self.correcting
        if draft is not None:
            return draft
        return list(latest.shapes) if latest else []

    @property
    def read_only(self) -> bool:
        return self.model.read_only

    def start_correction(self) -> None:
        """Open the submitted image on screen for a correction (a new revision on Enter)."""
        rec = self.current
        if rec is None or rec.status is not Status.SUBMITTED or self.correcting:
            return
        self.correcting = True
        self.model.read_only = False
        self.modeChanged.emit()

    def cancel_correction(self) -> None:
        """Drop the correction in progress: the image shows its submitted work again."""
        rec = self.current
        if rec is None or not self.correcting:
            return
        try:
            self.project.work.discard_draft(rec.id)
        except LabelerError as exc:
            self.error.emit(exc)
            return
        self.model.forget(rec.id)
        self.show(self.project.queue.get(rec.id))

    def _request(self, rec: ImageRecord) -> None:
        """Decode ``rec`` now unless it is cached (one decode, at the scale the canvas needs)."""
        if self.prefetcher.get(rec.id) is not None or rec.problem:
            return
        self.prefetcher.request(rec.id, self.project.index.abspath(rec.path))

    def stop(self) -> None:
        """The window closes: save the position (and the tool) now, start nothing more."""
        self._after.stop()
        self.pictures.stop()
        if self.current is not None:
            self._save_position(self.current)

    def _save_position(self, rec: ImageRecord) -> None:
        if self.settings is not None:
            try:
                self.settings.last_image_id = rec.id
                self.settings.save(self.project, self.worker)
            except LabelerError as exc:
                self.error.emit(exc)

    def _after_show(self) -> None:
        """Save the position and decode the next images ahead (after a jump to an image
        not decoded yet, the prefetcher holds those decodes until it is shown)."""
        rec = self.current
        if rec is None:
            return
        self._save_position(rec)
        self.prefetcher.prefetch(self._upcoming(rec))

    def _upcoming(self, rec: ImageRecord) -> list[tuple[int, Any]]:
        """Images likely shown next: the next to do after this one, then the neighbours."""
        out = self.project.queue.next_todos(rec.seq, PREFETCH_AHEAD)
        for forward in (True, False):
            near = self.project.queue.step(rec.seq, forward, self.filter)
            if near is not None and near not in out:
                out.append(near)
        root = self.project.index
        return [(r.id, root.abspath(r.path)) for r in out if not r.problem]

    def _decoded(self, image_id: int) -> None:
        rec = self.current
        if rec is None or rec.id != image_id or self._sharp:
            return
        hit = self.prefetcher.get(image_id)
        if hit is not None:
            self._sharp = True  # every decode is the sharp one (no preview comes first)
            self.canvas.set_image(hit[0], hit[1])

    def _decode_detail(self) -> None:
        """Zoomed in: decode the image on screen at full size (kept only while it is shown)."""
        rec = self.current
        if rec is None or not rec.width or not rec.height:
            return
        path = self.project.index.abspath(rec.path)

        def done(decoded: DecodedImage) -> None:
            if self.current is not None and self.current.id == rec.id:
                self.canvas.set_detail(QPixmap.fromImage(decoded.image))

        self.prefetcher.runner.submit(
            decode_image, path, (rec.width, rec.height), on_done=done, on_error=lambda e: None
        )

    def _failed(self, image_id: int, reason: str) -> None:
        self._problems[image_id] = reason
        if self.current is not None and self.current.id == image_id:
            self.problem.emit(image_id, reason)

    @property
    def showing_full(self) -> bool:
        """The canvas shows the full decode (not the quick preview, not a placeholder)."""
        return self._sharp

    def problem_of(self, image_id: int) -> str | None:
        rec = self.current
        if rec is not None and rec.id == image_id and rec.problem:
            return rec.problem
        return self._problems.get(image_id)

    # ---------------------------------------------------------------- actions
    def choose_label(self, label_id: str) -> None:
        """A label key or button. One rule: it becomes the label of the next shape, and it
        relabels only shapes the worker selected herself (a shape just drawn is not
        selected). In classification it labels the image (and moves on)."""
        if self.current is None:
            return
        if self.tag_mode and self.has_tags:
            self.model.set_tag(label_id, self.single_tag)
            if self.classification and self.single_tag and not self.model.read_only:
                self.submit()
            return
        self.canvas.current_label = label_id
        if self.canvas.selected:
            self.model.relabel(list(self.canvas.selected), label_id)

    def submit(self, allow_empty: bool = False) -> Submission | None:
        """Validate and store the image's work, then show the next image to do.

        An image with nothing marked is not submitted unless ``allow_empty`` (the worker's
        "nothing here"): ``emptyAsked`` is emitted instead."""
        rec = self.current
        if rec is None:
            return None
        if self.canvas.finish_pending():
            return None
        if rec.status is Status.SUBMITTED and (
            not self.correcting or self.project.work.draft(rec.id) is None
        ):
            self.show(self.project.queue.next_todo(rec.seq))  # unchanged: no new revision
            return None
        if not allow_empty and not self.model.shapes():
            self.emptyAsked.emit()
            return None
        upcoming = self.project.queue.next_todo(rec.seq)
        if upcoming is not None and upcoming.id != rec.id:
            self._request(upcoming)  # decoding overlaps the commit's fsync
        try:
            sub = self.submit_work(rec, self.model.shapes())
        except LabelerError as exc:
            self.error.emit(exc)
            return None
        except OSError as exc:  # the file went away while she worked (drive unplugged)
            self.error.emit(ImageProblem(f"{rec.path}: cannot read file ({exc.strerror or exc})"))
            return None
        self.model.forget(rec.id)
        self.prefetcher.forget(rec.id)
        self.submitted.emit(sub)
        if upcoming is None or upcoming.id == rec.id:  # wrapped round to this image
            upcoming = self.project.queue.next_todo(rec.seq)
        self.show(upcoming)
        self.statusChanged.emit()
        return sub

    def skip(self, reason: str) -> None:
        rec = self.current
        if rec is None:
            return
        try:
            self.project.work.skip(rec.id, reason, self.worker)
        except LabelerError as exc:
            self.error.emit(exc)
            return
        self.prefetcher.forget(rec.id)
        self.show(self.project.queue.next_todo(rec.seq))
        self.statusChanged.emit()

    def propose(self, name: str, reason: str, region: Shape | None) -> bool:
        """ "None of these fit": store the proposal, flag the image, move on."""
        rec = self.current
        if rec is None:
            return False
        try:
            prop = self.project.work.propose(
                rec.id, name, reason, self.worker, region, picture_later=True
            )
        except LabelerError as exc:
            self.error.emit(exc)
            return False
        self.pictures.cut(prop.uuid)  # committed: its picture is cut in the background
        self.prefetcher.forget(rec.id)
        self.show(self.project.queue.next_todo(rec.seq))
        self.statusChanged.emit()
        return True

    def flag(self, note: str) -> bool:
        """Ask the supervisor about the image on screen: the flag is stored (and travels to
        the station), the image is set aside unless it was submitted, and the next image to
        do is shown."""
        rec = self.current
        if rec is None:
            return False
        try:
            self.project.work.flag(rec.id, note, self.worker)
        except LabelerError as exc:
            self.error.emit(exc)
            return False
        self.prefetcher.forget(rec.id)
        self.show(self.project.queue.next_todo(rec.seq))
        self.statusChanged.emit()
        return True

    def reopen(self) -> None:
        """Bring a skipped or flagged image back to the to-do list."""
        rec = self.current
        if rec is None or rec.status not in (Status.SKIPPED, Status.FLAGGED):
            return
        self.project.work.reopen(rec.id)
        self.current = self.project.queue.get(rec.id)
        self.imageChanged.emit(self.current)
        self.statusChanged.emit()
