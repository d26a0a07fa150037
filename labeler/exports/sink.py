"""Where a folder format's files go: a folder on disk, or a zip written as files complete.

A folder export (YOLO, VOC, labelme) writes through a ``Sink`` rather than into a path, so
the same writer fills a folder on the PC and a zip on the server (which hands one file to a
download) without a million-file folder in between. Each file is written once, whole, when
its image is done; a file that grows along the export (VOC's list of image ids) is a
``later`` file: written in place in a folder, spooled beside the zip and added at the end.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Protocol

from labeler.exports.zipstream import ZipWriter


class Sink(Protocol):
    def write_text(self, rel: str, text: str) -> None:
        """The file ``rel`` (a '/'-separated path inside the export) holding ``text``."""

    def place(self, source: Path, rel: str, *, link: bool) -> None:
        """The file ``source`` as ``rel``: hard-linked where asked and possible, else copied.
        ``FileNotFoundError`` if ``source`` is gone."""

    def later(self, rel: str) -> IO[str]:
        """A text file ``rel`` written piece by piece; the sink closes it in ``close``."""

    def folder(self, rel: str) -> None:
        """The folder ``rel``, there even if nothing is put in it."""

    def close(self) -> None:
        """Everything written: ``later`` files closed (and added)."""


class FolderSink:
    """Files under ``root`` (the export's temporary folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made = root  # the last folder made: images come sorted, so folders repeat
        self._open: list[IO[str]] = []

    def _target(self, rel: str) -> Path:
        target = self.root / rel
        if target.parent != self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made = target.parent
        return target

    def write_text(self, rel: str, text: str) -> None:
        self._target(rel).write_text(text, encoding="utf-8")

    def folder(self, rel: str) -> None:
        (self.root / rel).mkdir(parents=True, exist_ok=True)

    def place(self, source: Path, rel: str, *, link: bool) -> None:
        target = self._target(rel)
        if link:
            try:
                os.link(source, target)
                return
            except OSError as exc:
                if exc.errno == errno.ENOENT:
                    raise FileNotFoundError(exc.errno, exc.strerror, str(source)) from exc
                # FAT32, another drive: a copy works
        shutil.copyfile(source, target)

    def later(self, rel: str) -> IO[str]:
        f = open(self._target(rel), "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._open.append(f)
        return f

    def close(self) -> None:
        while self._open:
            self._open.pop().close()


class ZipSink:
    """Entries of a zip written to ``out`` (a seekable binary file) as each file is done."""

    def __init__(self, out: IO[bytes]) -> None:
        self.zip = ZipWriter(out)
        self._later: list[tuple[str, IO[str]]] = []

    def write_text(self, rel: str, text: str) -> None:
        self.zip.write(rel, text.encode("utf-8"))

    def folder(self, rel: str) -> None:
        self.zip.folder(rel)

    def place(self, source: Path, rel: str, *, link: bool) -> None:
        self.zip.write_file(rel, source)  # images do not compress: stored

    def later(self, rel: str) -> IO[str]:
        f = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._later.append((rel, f))
        return f

    def close(self) -> None:
        try:
            for rel, f in self._later:
                f.flush()
                f.seek(0)
                self.zip.write_stream(rel, f.buffer, compress=True)
        finally:
            for _, f in self._later:
                with contextlib.suppress(OSError):
                    f.close()
            self._later = []
        self.zip.close()
