"""``labeler doctor``: integrity check and a plain-language report; exit 1 if damaged."""

from __future__ import annotations

import argparse

from labeler.commands.base import add_project_arg, command, find_project
from labeler.doctor import examine


def cmd_doctor(args: argparse.Namespace) -> int:
    report = examine(find_project(args.project), check_files=not args.no_files)
    for line in report.lines(limit=args.limit):
        print(line)
    return 1 if report.damaged else 0


def _configure(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument("--limit", type=int, default=10, help="list at most this many of each finding")
    p.add_argument(
        "--no-files", action="store_true", help="do not look for each indexed file on disk"
    )


command("doctor", "check the project file and report what needs attention", _configure)(cmd_doctor)
