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
from labeler.commands import doctor, models, scan, taxonomy, transfer, workers  # noqa: F401
from labeler.commands.base import (
    COMMANDS,
    Handler,
    ProgressLine,
    add_project_arg,
    command,
    find_project,
    open_project,
)
from labeler.doctor import deliveries
from labeler.errors import LabelerError
from labeler.project import Project

__all__ = [
    "COMMANDS",
    "STATUS_LINES",
    "Handler",
    "ProgressLine",
    "add_project_arg",
    "build_parser",
    "command",
    "find_project",
    "main",
    "open_project",
]

ORDER = (
    "init",
    "scan",
    "status",
    "taxonomy",
    "workers",
    "export",
    "import-annotations",
    "doctor",
    "demo",
)
"""The order commands appear in ``labeler --help``; others follow."""


# ---------------------------------------------------------------- commands
def cmd_status(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        c = project.queue.counts()
        print(f"project   {project.name} ({project.kind}) — {project.path}")
        found = "" if project.image_root.is_dir() else "  (not found: is the drive connected?)"
        print(f"images    {project.image_root}{found}")
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
    d = deliveries(project.store)
    lines = [
        f"delivery  {d.delivered} delivered, {d.submissions} submissions and"
        f" {d.proposals} proposals pending"
    ]
    for extra in STATUS_LINES:
        lines += extra(project)
    return lines


def cmd_demo(args: argparse.Namespace) -> int:
    from labeler.sample import create_sample_project

    path = create_sample_project(Path(args.dir) if args.dir else None, fresh=args.fresh)
    print(path)
    return 0


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
    names = sorted(COMMANDS, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    for name in names:
        help_text, fn, configure = COMMANDS[name]
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
