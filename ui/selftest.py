"""``--self-test``: prove an installation works, the way a worker would use it.

Offscreen, in a temporary folder: copy the sample project, open it through the app's own
start-up path into the real main window, draw a box with the mouse, pick its label with its
number key, press Enter, then pack the submission into a bundle with the outbox (signed with
a throwaway device secret) and verify it with the same reader the server uses. One line of
report; exit 0 only if every step did what a worker would see. Nothing is written outside
the temporary folder (``HITL_LABELER_HOME`` points there unless it is already set), and no
network is used.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import labeler
from labeler import taxonomy
from labeler.errors import LabelerError
from labeler.project import Project
from labeler.resources import resource

TIMEOUT_S = 60.0
WORKER = "self-test"
log = logging.getLogger("hitl.selftest")


class SelfTestFailure(Exception):
    """A step did not do what it should; the message is the reason printed."""


def run(sample_dir: Path | None = None, *, timeout: float = TIMEOUT_S) -> int:
    """Run the self-test and print one line. 0: all good; 1: a step failed; 2: a bug."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:  # no window on the user's screen, display or not
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    watchdog = threading.Timer(timeout, _give_up, args=(timeout,))
    watchdog.daemon = True
    watchdog.start()
    old_home = os.environ.get("HITL_LABELER_HOME")
    tmp = Path(tempfile.mkdtemp(prefix="hitl-selftest-"))
    # libraries that keep files in the home or temp folder (newer onnxruntime builds keep a
    # telemetry id in ~/.cache and a session file in $TMPDIR) write into the test's own
    # folder, removed at the end; the process ends with the self-test, so neither is put back
    os.environ["HOME"] = os.environ["TMPDIR"] = str(tmp)
    try:
        if not old_home:
            os.environ["HITL_LABELER_HOME"] = str(tmp / "home")
        facts = _steps(tmp, sample_dir)
    except SelfTestFailure as exc:
        _say(f"self-test FAILED: {exc}")
        return 1
    except Exception as exc:  # a bug in the app: still one line, and the log has the trace
        log.exception("self-test crashed")
        _say(f"self-test FAILED: unexpected {type(exc).__name__}: {exc}")
        return 2
    finally:
        watchdog.cancel()
        if old_home is None:
            os.environ.pop("HITL_LABELER_HOME", None)
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started
    _say(
        f"self-test ok: hitl-labeler {labeler.__version__}, sample project opened"
        f" ({facts['images']} images), 1 image submitted, bundle {facts['seq']}"
        f" ({facts['bundle_bytes']} bytes) verified, a model ran, Hindi font and translation"
        " loaded,"
        f" {elapsed:.2f} s"
    )
    return 0


def _say(line: str) -> None:
    log.info("%s", line)
    if sys.stdout is not None:  # a Windows GUI build started without a console has none
        print(line, flush=True)


def _give_up(timeout: float) -> None:
    _say(f"self-test FAILED: no result after {timeout:.0f} s (the window stopped responding)")
    os._exit(3)


# ---------------------------------------------------------------- the steps
def _steps(tmp: Path, sample_dir: Path | None) -> dict[str, Any]:
    project_file, images = _copy_sample(tmp, sample_dir)
    _check_language_files()
    sub = _label_one_image(project_file)
    seq, size = _pack_and_verify(project_file, sub)
    _run_a_model(project_file)
    return {"images": images, "seq": seq, "bundle_bytes": size}


def _run_a_model(project_file: Path) -> None:
    """Model suggestions work here: a tiny ONNX classifier shipped in resources/models runs
    through onnxruntime on a sample image, in the model's own process as the app runs it."""
    from labeler.models.process import ModelProcess
    from labeler.models.spec import ModelSpec

    with Project.open(project_file) as project:
        labels = [lab.id for lab in project.taxonomy.active][:3]
        rec = project.queue.next_todo()
        if rec is None or len(labels) < 3:
            return
        spec = ModelSpec("classify", tuple(labels), (32, 32), score_threshold=0.0)
        try:
            model = ModelProcess.start(resource("models", "selftest.onnx"), spec, timeout=60)
            try:
                preds = model.predict(project.index.abspath(rec.path))
            finally:
                model.close()
        except LabelerError as exc:
            raise SelfTestFailure(f"model suggestions cannot run: {exc}") from exc
        if not preds:
            raise SelfTestFailure("the test model suggested nothing for a sample image")


def _copy_sample(tmp: Path, sample_dir: Path | None) -> tuple[Path, int]:
    """A fresh copy of the sample project in ``tmp``; fails if any part of it is damaged."""
    src = Path(sample_dir) if sample_dir else resource("sample")
    if not src.is_dir():
        raise SelfTestFailure(f"sample folder {src} is missing; the installation is incomplete")
    dest = tmp / "sample"
    existing = sorted(src.glob("*.hitl"))
    try:
        if existing:  # a ready project (with its images beside it)
            shutil.copytree(src, dest)
            project_file = dest / existing[0].name
            project = Project.open(project_file)
        else:
            if not (src / "taxonomy.txt").is_file() or not (src / "images").is_dir():
                raise SelfTestFailure(f"sample folder {src} has no taxonomy.txt or images/")
            shutil.copytree(src / "images", dest / "images")
            tax = taxonomy.load(src / "taxonomy.txt")
            project_file = dest / "sample.hitl"
            project = Project.create(
                project_file,
                name="Self-test sample",
                image_root=dest / "images",
                kind="boxes",
                taxonomy=tax,
                taxonomy_source="taxonomy.txt",
            )
    except (LabelerError, sqlite3.DatabaseError, OSError) as exc:
        raise SelfTestFailure(f"sample project in {src} cannot be used: {exc}") from exc
    with project:
        project.index.scan()
        project.index.hash_pending()
        problems = project.index.problems()
        if problems:
            p = problems[0]
            raise SelfTestFailure(f"sample image {p['path']} cannot be read: {p['problem']}")
        todo = project.queue.count("todo")
        if todo == 0:
            raise SelfTestFailure(f"the sample project in {src} has no image left to label")
        return project_file, project.queue.count("all")


def _check_language_files() -> None:
    """The bundled Devanagari font and the Hindi catalogue are in the installation."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.i18n import translation_file
    from ui.theme import DEVANAGARI_FAMILY, load_fonts

    _ = QApplication.instance() or QApplication([sys.argv[0]])
    if DEVANAGARI_FAMILY not in load_fonts():
        raise SelfTestFailure("the Devanagari font in resources/fonts did not load")
    if not QTranslator().load(translation_file("hi")):
        raise SelfTestFailure(f"the Hindi translation {translation_file('hi')} did not load")


def _label_one_image(project_file: Path) -> Any:
    """Open the real window, press a label key, draw a box and press Enter; return the
    submission as stored."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from labeler import appdirs
    from ui.actions import key_sequence
    from ui.app import open_window

    crashes_before = set(appdirs.log_dir().glob("crash-*.txt"))
    dialogs = _DialogCatcher()
    app, window, project = open_window([str(project_file), "--worker", WORKER])
    if window is None or project is None:
        raise SelfTestFailure("the main window did not open" + dialogs.text())
    try:
        window.activateWindow()
        _wait(lambda: window.isActiveWindow() or QApplication.activeWindow() is window, 5)
        canvas, session = window.canvas, window.session
        rec = session.current
        if rec is None:
            raise SelfTestFailure("the window opened on no image")
        _wait(
            lambda: canvas.has_pixmap() or session.problem_of(rec.id) is not None,
            20,
            "the first image to be painted",
        )
        if not canvas.has_pixmap():
            raise SelfTestFailure(f"image {rec.path} was not shown: {session.problem_of(rec.id)}")

        QTest.keyClick(canvas, Qt.Key.Key_B)  # the box tool
        if str(canvas.tool) != "box":
            raise SelfTestFailure("key B did not choose the box tool")
        label_id, key = _a_label_key(window)
        QTest.keySequence(canvas, key_sequence(key))  # the label of the next box
        w, h = canvas.image_size
        p1 = canvas.mapFromScene(QPointF(w * 0.3, h * 0.3))
        p2 = canvas.mapFromScene(QPointF(w * 0.7, h * 0.7))
        viewport = canvas.viewport()
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), p1)
        QTest.mouseMove(viewport, p2)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), p2)
        shapes = window.model.shapes()
        if len(shapes) != 1:
            raise SelfTestFailure(f"drawing with the mouse made {len(shapes)} shapes, not 1")
        if shapes[0].label != label_id:
            raise SelfTestFailure(f"key {key} did not give the next box the label {label_id!r}")
        drawn = window.model.shapes()

        QTest.keyClick(canvas, Qt.Key.Key_Return)
        _wait(lambda: session.current is None or session.current.id != rec.id, 10, "submit")
        if window.message.isVisible():
            raise SelfTestFailure(f"submit showed: {window.message.text()}")
        stored = project.work.latest_for_image(rec.id)
        if stored is None or list(stored.shapes) != drawn or stored.worker != WORKER:
            raise SelfTestFailure(f"Enter did not store the box on {rec.path}")
        nxt = session.current
        _wait(lambda: nxt is None or canvas.has_pixmap(), 20, "the next image to be painted")
        _wait(lambda: True, 0)  # let the work queued behind the paint run
        dialogs.check()
        crash = _new_crash_report(crashes_before)
        if crash:
            raise SelfTestFailure(f"an error was not handled: {crash}")
        return stored
    finally:
        dialogs.stop()
        window.close()
        app.processEvents()  # queued work of the window runs while the project is open
        project.close()


def _a_label_key(window: Any) -> tuple[str, str]:
    """A label other than the one already current (so the key visibly changes the next box)."""
    keys: dict[str, str] = window.palette.keys
    if not keys:
        raise SelfTestFailure("the sample taxonomy gives no label a key")
    current = window.canvas.current_label
    for label_id, key in keys.items():
        if label_id != current:
            return label_id, key
    return next(iter(keys.items()))


def _pack_and_verify(project_file: Path, sub: Any) -> tuple[int, int]:
    """Pack the submission with the outbox, then read the bundle back as the server would."""
    import secrets

    from sync.bundle import BundleError, encode_secret, read_bundle
    from sync.identity import SyncIdentity
    from sync.outbox import Outbox
    from sync.payload import round_coords

    raw_secret = secrets.token_bytes(32)
    with Project.open(project_file) as project:
        identity = SyncIdentity(
            server_url="",
            project_id=project.id,
            device_id=project.device_id,
            server_public_key="",
            secret_text=encode_secret(raw_secret),
        )
        outbox = Outbox(project, identity=identity)
        bundles = outbox.pack()
        if len(bundles) != 1 or bundles[0].submissions != 1:
            raise SelfTestFailure(f"the outbox packed {len(bundles)} bundles, expected 1")
        data = outbox.read_bytes(bundles[0])

    def secret_for(device: str) -> bytes | None:
        return raw_secret if device == identity.device_id else None

    try:
        bundle = read_bundle(data, secret_for=secret_for, expected_project=identity.project_id)
    except BundleError as exc:
        raise SelfTestFailure(f"the bundle did not verify: {exc}") from exc
    if bundle.submissions != [round_coords(sub.to_dict())]:  # as coordinates travel
        raise SelfTestFailure("the bundle does not carry the submission as stored")
    tampered = bytearray(data)
    tampered[-40] ^= 0xFF  # one flipped byte must be refused
    try:
        read_bundle(bytes(tampered), secret_for=secret_for)
    except BundleError:
        pass
    else:
        raise SelfTestFailure("a damaged bundle was accepted")
    return bundle.seq, len(data)


def _new_crash_report(before: set[Path]) -> str | None:
    """The last line of a crash report written during the test (an error nobody caught)."""
    from labeler import appdirs

    for report in sorted(set(appdirs.log_dir().glob("crash-*.txt")) - before):
        lines = report.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return lines[-1] if lines else report.name
    return None


# ---------------------------------------------------------------- waiting, dialogs
def _wait(cond: Callable[[], bool], timeout: float, what: str = "the window") -> None:
    """Let the event loop run until ``cond()`` holds (how a test waits for a signal)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not cond():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"timed out after {timeout:.0f} s waiting for {what}")
        QTimer.singleShot(5, loop.quit)
        loop.exec()


class _DialogCatcher:
    """No dialog should open during the self-test; one that does is noted and closed, so
    the test fails with its text instead of waiting forever offscreen."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        text = modal.text() if isinstance(modal, QMessageBox) else ""
        self.seen.append(f"{modal.windowTitle()} {text}".strip())
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def text(self) -> str:
        return f" (a dialog said: {'; '.join(self.seen)})" if self.seen else ""

    def check(self) -> None:
        if self.seen:
            raise SelfTestFailure("an unexpected dialog opened:" + self.text())

    def stop(self) -> None:
        self.timer.stop()
