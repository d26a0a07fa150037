"""What every command shares: the command registry, finding the project file, progress lines.

Commands register themselves with ``@command(...)``; ``labeler.cli`` builds the parser from
``COMMANDS`` in a fixed order, then adds the commands of other packages (entry points).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from labeler.errors import LabelerError
from labeler.project import PROJECT_SUFFIX, Project

Handler = Callable[[argparse.Namespace], int | None]
Configure = Callable[[argparse.ArgumentParser], object]

COMMANDS: dict[str, tuple[str, Handler, Configure]] = {}


def command(
    name: str, help: str, configure: Configure = lambda p: None
) -> Callable[[Handler], Handler]:
    """Register ``fn`` as ``labeler NAME``; ``configure`` adds its arguments."""

    def wrap(fn: Handler) -> Handler:
        COMMANDS[name] = (help, fn, configure)
        return fn

    return wrap


def find_project(path: str | None) -> Path:
    """The project file named, or the only ``*.hitl`` in the current folder."""
    if path:
        p = Path(path)
        if p.is_dir():
            found = sorted(p.glob("*" + PROJECT_SUFFIX))
            if len(found) == 1:
                return found[0]
            raise LabelerError(
                f"{p}: expected one *{PROJECT_SUFFIX} project file in this folder,"
                f" found {len(found)}; name the file with -p"
            )
        return p
    found = sorted(Path.cwd().glob("*" + PROJECT_SUFFIX))
    if len(found) == 1:
        return found[0]
    raise LabelerError(
        f"name the project file (for example: -p forest{PROJECT_SUFFIX});"
        f" this folder has {len(found)} project files"
    )


def open_project(args: argparse.Namespace) -> Project:
    return Project.open(find_project(getattr(args, "project", None)))


def add_project_arg(p: argparse.ArgumentParser, *, nested: bool = False) -> None:
    """``-p/--project``. ``nested`` for a sub-command's own copy, so it does not reset the value
    given before the sub-command (argparse lets sub-parser defaults override parent values)."""
    p.add_argument(
        "-p",
        "--project",
        default=argparse.SUPPRESS if nested else None,
        help=f"project file (*{PROJECT_SUFFIX}); default: the one in this folder",
    )


class ProgressLine:
    """Progress of a long step on stderr: one line rewritten in place on a terminal; on a pipe
    or log file, only the closing line (so logs stay readable)."""

    def __init__(self, label: str, stream: TextIO | None = None, interval_s: float = 0.1) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval_s = interval_s
        self._last = 0.0
        self._done = 0
        self._total = 0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        t = time.monotonic()
        if self.tty and (t - self._last >= self.interval_s or done == total):
            self._last = t
            pct = f" {100 * done // total:3d}%" if total else ""
            self.stream.write(f"\r{self.label} {done}/{total}{pct}")
            self.stream.flush()
            self._shown = True

    def finish(self) -> None:
        """Clear the progress line; the caller prints the summary on stdout."""
        if self.tty and self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
        self._shown = False
