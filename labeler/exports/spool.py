"""Pieces of a one-file export written before the piece that comes first in the file.

A COCO file lists its categories before its images, and its images before their
annotations, but all three are known only as the records stream past. So each growing
piece goes to a spool file beside the export (``<tmp name>.<piece>``, removed afterwards and
swept with the temporary file if the power goes), and the file is assembled at the end: the
head, then each spool copied in 1 MiB chunks. Memory stays flat; the disk holds the export
about twice while it is assembled.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

COPY_CHUNK = 1024 * 1024
BATCH = 256
"""Items encoded per ``json.dumps`` call: the C encoder runs on a batch, not on each item."""


@contextlib.contextmanager
def spools(path: Path, *pieces: str) -> Iterator[list[Path]]:
    """Spool file paths beside ``path``, one per piece, removed when the block ends."""
    made = [path.with_name(f"{path.name}.{piece}") for piece in pieces]
    try:
        yield made
    finally:
        for p in made:
            with contextlib.suppress(OSError):
                p.unlink()


def append(out: IO[bytes], spool: Path) -> None:
    """Copy ``spool`` to the end of ``out``."""
    with open(spool, "rb") as f:
        shutil.copyfileobj(f, out, COPY_CHUNK)


class JsonArray:
    """The items of a JSON array written to ``out`` in batches, without the brackets."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._batch: list[Any] = []
        self._first = True

    def add(self, item: Any) -> None:
        self._batch.append(item)
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._batch:
            return
        text = json.dumps(self._batch, ensure_ascii=False, separators=(",", ":"))
        self._out.write(text[1:-1] if self._first else "," + text[1:-1])
        self._first = False
        self._batch.clear()
