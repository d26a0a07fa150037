"""``labeler enroll FILE``, ``labeler sync [--watch]`` and ``labeler outbox``.

Registered through the ``hitl_labeler.cli`` entry point (the core never imports sync); also
adds a ``bundles`` line to ``labeler status``.
"""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from labeler import cli as core_cli
from labeler.commands.base import add_project_arg, open_project
from labeler.project import Project
from sync.client import SyncClient, SyncState
from sync.enrollment import enroll
from sync.identity import is_enrolled
from sync.outbox import Outbox


def cmd_enroll(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        e = enroll(project, args.file, allow_insecure_http=args.allow_insecure_http)
        c = Outbox(project).counts()
        print(
            f"enrolled  device {e.device_id} ({e.centre or 'no centre'}) of project {e.project_id}"
        )
        print(f"server    {e.server_url}")
        print(
            f"taxonomy  server version {e.pack['taxonomy_version']} loaded"
            f" (local version {project.taxonomy_version})"
        )
        print(f"pending   {c.pending} records will be sent by `labeler sync`")
    return 0


def _print_state(state: SyncState) -> None:
    line = f"sync      {state.summary}"
    if state.last_error:
        line += f" — {state.last_error}"
    print(line, flush=True)


def cmd_sync(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        client = SyncClient(project)
        try:
            if not args.watch:
                report = client.sync_once()
                s = client.state
                print(
                    f"sync      {report.delivered_bundles} bundles delivered,"
                    f" {report.rejected_bundles} refused; {s.delivered} records delivered,"
                    f" {s.pending} pending"
                    + ("; taxonomy updated" if report.taxonomy_updated else "")
                )
                if s.notice:
                    print(f"restored  {s.notice}")
                for b in Outbox(project).bundles(("rejected",)):
                    if b.seq > 0:  # not one set aside by a recovery
                        print(f"refused   bundle {b.seq}: {b.last_error}")
                return 0 if s.pending == 0 else 1
            stop = threading.Event()
            previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
            last: list[Any] = [None]

            def show(state: SyncState) -> None:
                key = (state.summary, state.last_error)
                if key != last[0]:
                    last[0] = key
                    _print_state(state)

            client.subscribe(show)
            try:
                client.run_forever(stop, interval_s=args.interval)
            except KeyboardInterrupt:
                stop.set()
            finally:
                signal.signal(signal.SIGTERM, previous)
            return 0
        finally:
            client.close()


def cmd_outbox(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        outbox = Outbox(project)
        bundles = outbox.bundles()
        if not bundles:
            print("no bundles yet" + ("" if is_enrolled(project) else " (not enrolled)"))
        for b in bundles:
            note = f"  {b.last_error}" if b.last_error and b.state != "delivered" else ""
            print(
                f"{b.seq:6d}  {b.state:9s}  {b.submissions:5d} submissions  {b.proposals:3d}"
                f" proposals  {b.size / 1024:7.1f} KiB  {b.created_at}  {b.name}{note}"
            )
        c = outbox.counts()
        print(
            f"records   {c.delivered} delivered, {c.pending} pending ({c.unbundled} not yet"
            f" packed), {c.rejected} refused"
        )
    return 0


def status_lines(project: Project) -> list[str]:
    """The ``bundles`` line of ``labeler status``."""
    if not is_enrolled(project):
        return ["bundles   not enrolled (run `labeler enroll FILE`)"]
    c = Outbox(project).counts()
    b = c.bundles
    return [
        f"bundles   {b['pending']} pending, {b['sent']} sent, {b['delivered']} delivered,"
        f" {b['rejected']} refused; {c.unbundled} records not yet packed"
    ]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Entry point ``hitl_labeler.cli``: add the sync commands."""
    p = subparsers.add_parser(
        "enroll",
        help="join this project to the central server (enrollment file from the supervisor)",
    )
    p.add_argument("file", help="the enrollment file (*.hitl-enroll)")
    p.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="accept a plain-http server address of another machine (closed networks only)",
    )
    add_project_arg(p)
    p.set_defaults(func=cmd_enroll)

    p = subparsers.add_parser("sync", help="send finished work to the server, fetch updates")
    add_project_arg(p)
    p.add_argument("--watch", action="store_true", help="keep syncing until stopped (Ctrl-C)")
    p.add_argument(
        "--interval", type=float, default=60.0, help="seconds between passes with --watch"
    )
    p.set_defaults(func=cmd_sync)

    p = subparsers.add_parser("outbox", help="list bundles and their delivery state")
    add_project_arg(p)
    p.set_defaults(func=cmd_outbox)

    if status_lines not in core_cli.STATUS_LINES:
        core_cli.STATUS_LINES.append(status_lines)
