"""Durable file writes: a reader sees the old file or the whole new one, never half.

DESIGN.md's durability contract: write to a temporary name beside the destination, flush,
fsync, rename over it, then fsync the folder so the rename itself survives a power cut.
Every file the program writes whole (bundles, receipts, secrets, settings) goes through here;
folder exports (``labeler.exports.atomic``) and the USB drive layer (``sync.usb.files``,
which turns OSErrors into drive messages) build on the same steps.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_dir(folder: str | Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be
    opened, as on Windows, whose NTFS journals renames)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(
    path: str | Path, data: bytes | str, *, private: bool = False, prefix: str = ".tmp-"
) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` durably and atomically; returns ``path``.

    ``private`` creates the file readable by its owner only (0600), from the first byte on.
    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        if private and os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return path
