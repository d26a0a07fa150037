"""Notice drives that carry the HITL folder, on the usual mount roots.

Linux mounts removable drives under ``/media/<user>/<label>``, ``/run/media/<user>/<label>``
or ``/mnt/<x>``; macOS under ``/Volumes``; Windows gives them drive letters. The roots can be
set with ``HITL_USB_ROOTS`` (paths separated by ``os.pathsep``). ``DriveWatcher`` watches the
roots with watchdog (non-recursively, so a mounted drive's contents are never crawled) and
calls back when the set of drives changes; ``rescan()`` is there for a periodic poll, because
Windows drive letters cannot be watched. Finding a drive never writes to it.
"""

from __future__ import annotations

import contextlib
import os
import string
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sync.usb.layout import TOP

ROOTS_ENV = "HITL_USB_ROOTS"
DEPTH = 2  # /media/<user>/<label>


def mount_roots() -> list[Path]:
    """Where drives appear on this system (or the roots set in ``HITL_USB_ROOTS``)."""
    value = os.environ.get(ROOTS_ENV)
    if value:
        return [Path(p) for p in value.split(os.pathsep) if p.strip()]
    if os.name == "nt":
        system = os.environ.get("SYSTEMDRIVE", "C:").upper()
        return [
            Path(f"{letter}:\\")
            for letter in string.ascii_uppercase
            if f"{letter}:" != system and os.path.exists(f"{letter}:\\")
        ]
    if sys.platform == "darwin":
        return [Path("/Volumes")]
    return [Path("/media"), Path("/run/media"), Path("/mnt")]


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _levels(root: Path) -> list[Path]:
    """The root and the folders below it down to ``DEPTH``: where a mount point may be. A
    root that is itself a drive (``E:\\``) is the mount point: its folders are not searched."""
    out, level = [root], [root]
    for _ in range(0 if root.parent == root else DEPTH):
        level = [c for p in level for c in _children(p) if c.name != TOP]
        out += level
    return out


def find_drives(roots: Iterable[Path] | None = None) -> list[Path]:
    """Mount points (or folders) under the roots that hold a ``HITL`` folder."""
    found: list[Path] = []
    for root in mount_roots() if roots is None else roots:
        for folder in _levels(Path(root)):
            with contextlib.suppress(OSError):
                if (folder / TOP).is_dir() and folder not in found:
                    found.append(folder)
    return found


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: DriveWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        # never rescan here: watchdog holds its own lock while it calls us, and a rescan
        # takes that lock again to (un)schedule watches; the scanner thread does it instead
        if event.event_type in ("created", "deleted", "moved"):
            self.watcher.wake()


class DriveWatcher:
    """Calls ``on_change(drives)`` (on its scanner thread, or the caller's for ``rescan()``)
    whenever the list of drives carrying the HITL folder changes. ``start()`` reports the
    first list too. Filesystem events only wake the scanner thread, so a burst of them (a
    drive being mounted) costs one scan."""

    def __init__(
        self, on_change: Callable[[list[Path]], None], roots: Iterable[Path] | None = None
    ) -> None:
        self.on_change = on_change
        self._roots = None if roots is None else list(roots)
        self.drives: list[Path] = []
        self._lock = threading.Lock()
        self._observer: Observer | None = None  # type: ignore[valid-type]
        self._watched: dict[Path, object] = {}
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._scanner: threading.Thread | None = None

    @property
    def roots(self) -> list[Path]:
        """The roots given, or this system's, looked up again each time (a new drive letter)."""
        return mount_roots() if self._roots is None else self._roots

    def start(self) -> None:
        self._stopping.clear()
        self._observer = Observer()
        self._observer.daemon = True
        self._observer.start()
        self._scanner = threading.Thread(target=self._scan_loop, name="usb-drive-scan", daemon=True)
        self._scanner.start()
        self.rescan(force=True)

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        scanner, self._scanner = self._scanner, None
        if scanner is not None:
            scanner.join(timeout=5)
        with self._lock:
            obs, self._observer = self._observer, None
            self._watched.clear()
        if obs is not None:
            obs.stop()
            obs.join(timeout=5)

    def wake(self) -> None:
        """Something changed under a root: rescan soon (on the scanner thread)."""
        self._wake.set()

    def _scan_loop(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.is_set():
                return
            self._wake.clear()
            try:
                self.rescan()
            except Exception:  # a vanished folder mid-scan: the next event scans again
                continue

    def rescan(self, force: bool = False) -> list[Path]:
        """Look again; call back if the list changed (or ``force``)."""
        with self._lock:
            roots = self.roots
            drives = find_drives(roots)
            changed = force or drives != self.drives
            self.drives = drives
            self._rewatch(roots)
        if changed:
            self.on_change(list(drives))
        return drives

    def _rewatch(self, roots: list[Path]) -> None:
        obs = self._observer
        if obs is None:
            return
        wanted = {p for root in roots for p in _levels(root) if p.is_dir()}
        for path in list(self._watched):
            if path not in wanted:
                with contextlib.suppress(Exception):
                    obs.unschedule(self._watched.pop(path))  # type: ignore[arg-type]
        for path in wanted - set(self._watched):
            with contextlib.suppress(OSError):  # vanished meanwhile, or no permission
                self._watched[path] = obs.schedule(_Handler(self), str(path), recursive=False)
