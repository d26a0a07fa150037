"""Watch a project's image folder and index images as they arrive, change or disappear.

A file being copied fires many events and is half-written for a while, so nothing is indexed
on the event itself: each path waits until its size and modification time have stopped
changing for ``settle_s`` seconds, then it is indexed (header read) and hashed on the watch's
own thread. The callbacks run on that thread too: a Qt window must pass them on to its main
thread (for example by emitting a signal), never touch widgets from them.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from labeler.errors import NotFoundError
from labeler.images import IMAGE_SUFFIXES, ImageIndex

ImagesCallback = Callable[[list[int]], None]
PathsCallback = Callable[[list[str]], None]

_CHANGE_EVENTS = {"created", "modified", "closed"}


@dataclass
class _Settling:
    """A path seen changing; indexed once (size, mtime) stays put for ``settle_s``."""

    size: int = -1
    mtime_ns: int = -1
    stable_since: float = 0.0


class _Events(FileSystemEventHandler):
    """watchdog's thread only queues events; all work happens on the watch's thread."""

    def __init__(self, inbox: queue.Queue[tuple[str, str, bool]]) -> None:
        self.inbox = inbox

    def on_any_event(self, event: FileSystemEvent) -> None:
        src = os.fsdecode(event.src_path)
        if event.event_type == "moved":
            self.inbox.put(("deleted", src, event.is_directory))
            self.inbox.put(("created", os.fsdecode(event.dest_path), event.is_directory))
        elif event.event_type in _CHANGE_EVENTS or event.event_type == "deleted":
            self.inbox.put((event.event_type, src, event.is_directory))


def _is_image_name(path: str) -> bool:
    name = os.path.basename(path)
    return not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES


class FolderWatch:
    """Indexes images added to (or changed in, or removed from) ``index.root`` while running.

    ``on_images(ids)`` gets the ids of images indexed (new or changed, hashed when
    ``hash_images``); ``on_removed(paths)`` gets the folder-relative paths marked missing.
    Use ``start()``/``stop()`` or a ``with`` block.
    """

    def __init__(
        self,
        index: ImageIndex,
        on_images: ImagesCallback | None = None,
        *,
        on_removed: PathsCallback | None = None,
        settle_s: float = 0.5,
        poll_s: float = 0.1,
        hash_images: bool = True,
    ) -> None:
        self.index = index
        self.on_images = on_images
        self.on_removed = on_removed
        self.settle_s = settle_s
        self.poll_s = poll_s
        self.hash_images = hash_images
        self.errors: list[str] = []  # what went wrong, for a status line; the watch goes on
        self._inbox: queue.Queue[tuple[str, str, bool]] = queue.Queue()
        self._settling: dict[str, _Settling] = {}
        self._stop = threading.Event()
        self._observer: Observer | None = None  # type: ignore[valid-type]
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- lifecycle
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Begin watching; raises ``NotFoundError`` if the image folder is not there."""
        if self.running:
            return
        root = self.index.root
        if not root.is_dir():
            raise NotFoundError(f"{root}: image folder not found (is the drive connected?)")
        self._stop.clear()
        observer = Observer()
        observer.schedule(_Events(self._inbox), str(root), recursive=True)
        observer.daemon = True
        observer.start()
        self._observer = observer
        self._thread = threading.Thread(target=self._run, name="folder-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop watching; an image half-way through indexing is finished first."""
        self._stop.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
            self._observer = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> FolderWatch:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---------------------------------------------------------------- the watch thread
    def _run(self) -> None:
        while not self._stop.is_set():
            removed = self._drain()
            if removed:
                self._emit_removed(removed)
            ready = self._settled()
            if ready:
                self._index(ready)
            self._stop.wait(self.poll_s)

    def _drain(self) -> list[str]:
        """Move queued events into the settling set; returns paths deleted (now missing)."""
        gone: list[str] = []
        while True:
            try:
                kind, path, is_dir = self._inbox.get_nowait()
            except queue.Empty:
                return self._mark_missing(gone)
            if is_dir:
                if kind == "created":  # a folder moved in: its files fire no events of their own
                    for sub in _image_files(path):
                        self._settling.setdefault(sub, _Settling())
                elif kind == "deleted":
                    gone.append(path)
                continue
            if not _is_image_name(path):
                continue
            if kind == "deleted":
                self._settling.pop(path, None)
                gone.append(path)
            else:
                self._settling.setdefault(path, _Settling())

    def _settled(self) -> list[str]:
        """Paths whose size and mtime have not changed for ``settle_s``."""
        ready = []
        t = time.monotonic()
        for path, s in list(self._settling.items()):
            try:
                st = os.stat(path)
            except OSError:  # gone again before it settled
                del self._settling[path]
                continue
            if (st.st_size, st.st_mtime_ns) != (s.size, s.mtime_ns):
                s.size, s.mtime_ns, s.stable_since = st.st_size, st.st_mtime_ns, t
            elif t - s.stable_since >= self.settle_s:
                ready.append(path)
                del self._settling[path]
        return ready

    def _index(self, paths: list[str]) -> None:
        ids: list[int] = []
        for path in paths:
            try:
                image_id = self.index.add_file(path)
                if image_id is None:
                    continue
                if self.hash_images:
                    self.index.ensure_hash(image_id)
                ids.append(image_id)
            except (OSError, KeyError) as exc:  # vanished mid-way: the next event or scan sees it
                self.errors.append(f"{path}: {exc}")
            except Exception as exc:  # keep watching; say what happened
                self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
        if ids and self.on_images is not None:
            self._call(self.on_images, ids)

    def _mark_missing(self, paths: list[str]) -> list[str]:
        marked: list[str] = []
        for path in paths:
            try:
                marked += self.index.mark_missing(path)
            except Exception as exc:
                self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
        return marked

    def _emit_removed(self, rel_paths: list[str]) -> None:
        if self.on_removed is not None:
            self._call(self.on_removed, rel_paths)

    def _call(self, fn: Callable[[list], None], arg: list) -> None:
        try:
            fn(arg)
        except Exception as exc:  # a listener's bug must not stop the watch
            self.errors.append(f"callback {getattr(fn, '__name__', fn)}: {exc}")


def _image_files(folder: str) -> list[str]:
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        out += [os.path.join(dirpath, f) for f in filenames if _is_image_name(f)]
    return out
