"""The ``labeler`` command line.

Each command is a small function over the core API. Errors a person can act on
(``LabelerError``) print as one line and exit 1; nothing prints a traceback unless
``LABELER_DEBUG=1``. Other packages add commands through the ``hitl_labeler.cli`` entry-point
group (the sync package adds ``enroll``, ``sync`` and ``usb``), so the core never imports them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path

from labeler import __version__
from labeler.errors import LabelerError
from labeler.project import Project

Handler = Callable[[argparse.Namespace], int | None]


def find_project(path: str | None) -> Path:
    """The project file named, or the only ``*.hitl`` in the current folder."""
    if path:
        p = Path(path)
        if p.is_dir():
            found = sorted(p.glob("*.hitl"))
            if len(found) == 1:
                return found[0]
            raise LabelerError(
                f"{p}: expected one *.hitl project file in this folder, found {len(found)}"
            )
        return p
    found = sorted(Path.cwd().glob("*.hitl"))
    if len(found) == 1:
        return found[0]
    raise LabelerError("name the project file (for example: -p forest.hitl)")


def open_project(args: argparse.Namespace) -> Project:
    return Project.open(find_project(getattr(args, "project", None)))


def add_project_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("-p", "--project", help="project file (*.hitl); default: the one in this folder")


# ---------------------------------------------------------------- commands
def cmd_status(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        c = project.queue.counts()
        print(f"project   {project.name} ({project.kind}) — {project.path}")
        print(f"images    {project.image_root}")
        print(
            f"queue     {c['total']} images: {c['todo']} to do, {c['in_progress']} in progress,"
            f" {c['submitted']} submitted, {c['skipped']} skipped, {c['flagged']} flagged"
        )
        print(
            f"files     {c['problems']} problems, {c['duplicates']} duplicates,"
            f" {c['missing']} missing, {project.index.unhashed_count()} not yet hashed"
        )
        for line in _status_lines(project):
            print(line)
    return 0


STATUS_LINES: list[Callable[[Project], list[str]]] = []
"""Extra lines for ``labeler status`` (the sync package adds delivery counts)."""


def _status_lines(project: Project) -> list[str]:
    pending = project.store.scalar(
        "SELECT count(*) FROM submissions s WHERE NOT EXISTS (SELECT 1 FROM delivery d"
        " WHERE d.record_type = 'submission' AND d.record_uuid = s.uuid"
        " AND d.delivered_at IS NOT NULL)"
    )
    delivered = project.store.scalar(
        "SELECT count(*) FROM delivery WHERE record_type = 'submission' AND delivered_at IS NOT NULL"
    )
    lines = [f"delivery  {delivered} submissions delivered, {pending} pending"]
    for extra in STATUS_LINES:
        lines += extra(project)
    return lines


def cmd_demo(args: argparse.Namespace) -> int:
    from labeler.sample import create_sample_project

    path = create_sample_project(Path(args.dir) if args.dir else None, fresh=args.fresh)
    print(path)
    return 0


COMMANDS: dict[str, tuple[str, Handler, Callable[[argparse.ArgumentParser], None]]] = {}


def command(
    name: str, help: str, configure: Callable[[argparse.ArgumentParser], None] = lambda p: None
) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        COMMANDS[name] = (help, fn, configure)
        return fn

    return wrap


command("status", "counts by status, problems, pending work", add_project_arg)(cmd_status)
command(
    "demo",
    "create the sample project and print its path",
    lambda p: (
        p.add_argument("dir", nargs="?", help="folder to create it in (default: user data)"),
        p.add_argument("--fresh", action="store_true", help="start over from a clean copy"),
    ),
)(cmd_demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labeler", description="HITL Labeler: offline-first image labeling."
    )
    parser.add_argument("--version", action="version", version=f"hitl-labeler {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, fn, configure) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        p.set_defaults(func=fn)
    for ep in entry_points(group="hitl_labeler.cli"):
        try:
            register = ep.load()
        except ImportError as exc:  # an optional part not installed: its commands are absent
            print(f"note: commands from {ep.name} unavailable ({exc})", file=sys.stderr)
            continue
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except LabelerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, full trace only on request
        if os.environ.get("LABELER_DEBUG"):
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {exc} (set LABELER_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
