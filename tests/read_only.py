"""Make a real file or folder read-only for a test, and writable again after it.

A normal user gets the mode bits (chmod). Root ignores mode bits, so for root the file gets
the immutable attribute (``chattr +i``: even root cannot write it) and the folder becomes a
read-only bind mount, as a write-protected USB drive is.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    _run("chattr", "+i", str(path))
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        for p in folder.iterdir():
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
        try:
            yield folder
        finally:
            folder.chmod(mode)
            for p in folder.iterdir():
                p.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return
    _run("mount", "--bind", str(folder), str(folder))
    try:
        _run("mount", "-o", "remount,ro,bind", str(folder))
        yield folder
    finally:
        _run("umount", str(folder))
