"""The one place that writes files on a drive: temp name, flush, fsync, rename, fsync folder.

A drive can be pulled at any instant. A file is first written under a temp name (a leading
dot and a ``.tmp`` suffix, which every reader ignores), fsynced, then renamed over its real
name, and the folder is fsynced, so the drive holds either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from sync.usb.errors import DriveError, DriveFullError

TEMP_SUFFIX = ".tmp"


def is_temp_name(name: str) -> bool:
    """Names this module uses while writing (and names other systems leave, such as macOS's
    ``._x``): never taken as a finished file."""
    return name.startswith(".") or name.endswith(TEMP_SUFFIX)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (no-op where folders cannot be
    opened, as on Windows, whose rename is already journaled by NTFS/exFAT)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some FUSE/vfat drivers refuse fsync on folders
            os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path) -> Path:
    """Create ``folder`` and any missing parents, each made durable in its parent."""
    missing: list[Path] = []
    p = folder
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            d.mkdir(exist_ok=True)
        except OSError as exc:
            raise _drive_error(exc, d, "create the folder") from exc
        fsync_dir(d.parent)
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    Raises ``DriveFullError`` when the drive has no room, ``DriveError`` for any other failure;
    in both cases the temp file is removed and ``path`` is untouched.
    """
    ensure_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        write_and_sync(tmp, data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _drive_error(exc, path, "write") from exc
    fsync_dir(path.parent)


def write_and_sync(path: Path, data: bytes) -> None:
    """Create ``path`` (never an existing file), write, flush, fsync: the one place bytes
    reach a drive (tests make a full drive fail here when they cannot mount a small one)."""
    with open(path, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def remove(path: Path) -> None:
    """Delete a file if it is there (durably); a missing file is not an error."""
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _drive_error(exc, path, "remove") from exc
    fsync_dir(path.parent)


def move(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` on the same drive (atomic), replacing ``dst``."""
    ensure_dir(dst.parent)
    try:
        os.replace(src, dst)
    except OSError as exc:
        raise _drive_error(exc, src, "move") from exc
    fsync_dir(dst.parent)
    fsync_dir(src.parent)


def _drive_error(exc: OSError, path: Path, action: str) -> DriveError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DriveFullError(
            f"{path}: the drive is full, cannot {action} it; free some space on the drive"
            " (or use another drive) and try again. Nothing half-written was left"
        )
    if exc.errno == errno.EROFS:
        return DriveError(f"{path}: the drive is read-only; unlock it and try again")
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO):
        return DriveError(
            f"{path}: cannot {action} ({exc.strerror}); was the drive pulled out? Plug it in"
            " again and repeat: what was done before is kept"
        )
    return DriveError(f"{path}: cannot {action} ({exc.strerror or exc})")
