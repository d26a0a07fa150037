"""``labeler workers``: who labels on this PC, with their counts; ``workers add NAME``."""

from __future__ import annotations

import argparse

from labeler.commands.base import add_project_arg, command, open_project


def cmd_workers(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        if args.action == "add":
            known = set(project.workers())
            name = project.add_worker(args.name)
            print(f"{name} is already a worker" if name in known else f"added worker {name}")
            return 0
        stats = project.worker_stats()
        if not stats:
            print("no workers yet; add one with `labeler workers add NAME`")
            return 0
        width = max(len(r["name"]) for r in stats)
        print(f"  {'worker'.ljust(width)}  submitted  today  last submission")
        for r in stats:
            last = (r["last"] or "-")[:16].replace("T", " ")
            print(f"  {r['name'].ljust(width)}  {r['submitted']:9d}  {r['today'] or 0:5d}  {last}")
    return 0


def _configure(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    lst = sub.add_parser("list", help="workers with their submission counts (the default)")
    add_project_arg(lst, nested=True)
    add = sub.add_parser("add", help="add a named worker")
    add_project_arg(add, nested=True)
    add.add_argument("name", metavar="NAME")


command("workers", "list workers with their counts, or add one", _configure)(cmd_workers)
