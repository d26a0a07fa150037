"""The app's log file and crash reports, in the per-user log folder a supervisor can send.

``install()`` runs first thing at start-up: a rotating log file (1 MB x 5), an error that
reaches the top of any thread writes a crash report (time, version, platform, traceback)
beside it and tells the worker in plain words instead of vanishing, and a hard crash inside
Qt leaves its trace in ``faults.log``. Qt is imported only inside functions so the module is
usable, and testable, without a display.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

import labeler
from labeler import appdirs

LOG_NAME = "hitl-labeler.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
KEEP_CRASH_REPORTS = 20

log = logging.getLogger("hitl")

_handler: logging.Handler | None = None
_fault_file: IO[str] | None = None


def install(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Log to a rotating file in ``folder`` (default: the user log folder) and catch crashes.

    Safe to call twice (the second call replaces the first). Returns the log file's path.
    """
    global _handler, _fault_file
    folder = Path(folder) if folder else appdirs.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = logging.handlers.RotatingFileHandler(
        folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    _handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(_handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)

    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
    _fault_file = open(folder / "faults.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open
    faulthandler.enable(_fault_file)

    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    _route_qt_messages()
    log.info("%s started: %s", describe(), " ".join(sys.argv))
    return folder / LOG_NAME


def uninstall() -> None:
    """Undo ``install`` (tests; the app itself never needs it)."""
    global _handler, _fault_file
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__


def log_file() -> Path | None:
    """The current log file, or None before ``install``."""
    return Path(_handler.baseFilename) if isinstance(_handler, logging.FileHandler) else None


def describe() -> str:
    """One line naming the program, its version and the machine, for logs and reports."""
    frozen = " (installed build)" if getattr(sys, "frozen", False) else ""
    return (
        f"hitl-labeler {labeler.__version__}{frozen}; Python {platform.python_version()};"
        f" {platform.platform()}"
    )


def write_crash_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread: str | None = None,
    folder: Path | None = None,
) -> Path:
    """Write one timestamped crash report file and return its path (written atomically)."""
    folder = Path(folder) if folder else _current_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC)
    name = f"crash-{stamp:%Y%m%dT%H%M%S}-{stamp.microsecond:06d}-{os.getpid()}.txt"
    lines = [
        "HITL Labeler crash report",
        f"time: {stamp.isoformat(timespec='seconds')}",
        f"version: {labeler.__version__}",
        f"program: {describe()}",
        f"executable: {sys.executable}",
        f"arguments: {' '.join(sys.argv)}",
        f"thread: {thread or threading.current_thread().name}",
        f"Qt: {_qt_version()}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
    ]
    path = folder / name
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
    _prune_reports(folder)
    return path


def crash_message(report: Path) -> str:
    """What the worker reads after a crash: what happened, that work is safe, what to do."""
    return (
        "Something went wrong inside HITL Labeler.\n\n"
        "Images you already submitted are saved. A report was written to:\n"
        f"{report}\n\n"
        "Please give this file (or the whole log folder) to your supervisor."
    )


# ---------------------------------------------------------------- hooks
def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _report(exc_type, exc, tb, None)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else None
    _report(args.exc_type, args.exc_value, args.exc_traceback, name)


def _report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    thread: str | None,
) -> None:
    log.critical("unhandled error", exc_info=(exc_type, exc, tb))  # type: ignore[arg-type]
    try:
        path = write_crash_report(exc_type, exc, tb, thread=thread)
    except OSError as e:  # a full or read-only disk: the log line above is all we can do
        log.error("could not write the crash report: %s", e)
        traceback.print_exception(exc_type, exc, tb)
        return
    print(f"hitl-labeler: unexpected error; report written to {path}", file=sys.stderr)
    _show_message(crash_message(path))


def _show_message(text: str) -> None:
    """A plain message box, only on the GUI thread of a running app with a real screen."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    if QApplication.platformName() in ("offscreen", "minimal"):  # nobody could close it
        return
    QMessageBox.critical(None, "HITL Labeler", text)


def _route_qt_messages() -> None:
    """Qt's own warnings go to the log file too (they explain most start-up failures)."""
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def _qt_version() -> str:
    core = sys.modules.get("PySide6.QtCore")
    return str(getattr(core, "qVersion", lambda: "not loaded")())


def _current_folder() -> Path:
    current = log_file()
    return current.parent if current else appdirs.log_dir()


def _prune_reports(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.txt"))
    for old in reports[:-KEEP_CRASH_REPORTS]:
        old.unlink(missing_ok=True)
