"""Write an export so that a reader sees either the whole old one or the whole new one.

A file is written under a temporary name beside its destination, flushed, fsynced and
renamed over it. A folder is filled under a temporary name, every file in it fsynced, and
then renamed into place. A power cut at any instant leaves no half-written export behind,
only (at worst) a ``.*.tmp-*`` leftover that the next export of the same name removes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from labeler.atomic_file import fsync_dir as _fsync_dir
from labeler.errors import ExportError

MARKER = ".hitl-export"
"""A file every exported folder holds, so a later export may replace that folder (and only
such a folder: a folder the user made is never deleted)."""


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


SYNC_ALL_OVER = 200
"""Above this many files, Linux syncs the file systems once (``sync(2)`` waits until the data
is on disk) rather than fsync each file: 20,000 label files take 0.4 s instead of 5."""


def _sync_tree(folder: Path) -> None:
    """Make every file and folder under ``folder`` durable."""
    walk = list(os.walk(folder))
    if sys.platform.startswith("linux") and sum(len(f) for _, _, f in walk) > SYNC_ALL_OVER:
        os.sync()
        return
    for root, _dirs, files in walk:
        for name in files:
            _fsync_file(Path(root) / name)
        _fsync_dir(Path(root))


def _tmp_name(dest: Path, kind: str) -> Path:
    return dest.parent / f".{dest.name}.{kind}-{uuid.uuid4().hex[:8]}"


def _clean_leftovers(dest: Path) -> None:
    for old in dest.parent.glob(f".{dest.name}.tmp-*"):
        with contextlib.suppress(OSError):
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _check_parents(dest: Path) -> None:
    for parent in dest.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ExportError(f"{parent}: is a file, not a folder; choose another place")
            return


def write_file(dest: Path, fill: Callable[[Path], None]) -> Path:
    """Call ``fill(tmp_path)`` to write the file, then fsync and rename it to ``dest``."""
    _check_parents(dest)
    if dest.is_dir():
        raise ExportError(f"{dest}: a folder is in the way; this format writes one file")
    tmp = _tmp_name(dest, "tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(dest)
        fill(tmp)
        _fsync_file(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(
            f"{dest}: cannot write the export ({exc.strerror or exc}); check the folder"
            " exists, is writable and has free space"
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return dest


def write_folder(dest: Path, fill: Callable[[Path], None]) -> Path:
    """Call ``fill(tmp_folder)`` to write the files, fsync them all, rename to ``dest``.

    An existing ``dest`` is replaced only if it is empty or an earlier export (has MARKER).
    """
    _check_parents(dest)
    if dest.exists():
        if not dest.is_dir():
            raise ExportError(f"{dest}: a file is in the way; this format writes a folder")
        if any(dest.iterdir()) and not (dest / MARKER).exists():
            raise ExportError(
                f"{dest}: folder is not empty and was not made by an export;"
                " choose a new folder name"
            )
    tmp = _tmp_name(dest, "tmp")
    old: Path | None = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(dest)
        tmp.mkdir()
        fill(tmp)
        (tmp / MARKER).write_text("written by HITL Labeler; a new export may replace it\n")
        _sync_tree(tmp)
        if dest.exists():
            old = _tmp_name(dest, "old")
            os.replace(dest, old)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not dest.exists():
            os.replace(old, dest)
            old = None
        raise ExportError(
            f"{dest}: cannot write the export ({exc.strerror or exc}); check the folder"
            " is writable and has free space"
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return dest
