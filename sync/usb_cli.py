"""``labeler usb export|import|push|status DRIVE``: sync by USB drive from the command line.

Registered through the ``hitl_labeler.cli`` entry point (``usb``). Each command prints one
progress line on a terminal and a summary; a refused bundle or receipt makes the exit code 1
so a script notices.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from labeler import cli as core_cli
from labeler.commands.base import ProgressLine, add_project_arg, open_project
from labeler.errors import LabelerError
from labeler.project import Project
from sync.usb.drive import Drive
from sync.usb.export import export_to_drive
from sync.usb.index import status_lines
from sync.usb.pcstate import pc_status
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from sync.usb.relay import RelayCredentials, save_relay, saved_relays

TOKEN_ENV = "HITL_RELAY_TOKEN"


def cmd_export(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        line = ProgressLine("export")
        result = export_to_drive(project, args.drive, progress=_tick(line))
        line.finish()
    print(result.summary())
    for p in result.problems:
        print(f"problem   {p}")
    return 0 if result.ok else 1


def cmd_import(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        line = ProgressLine("import")
        result = import_from_drive(project, args.drive, progress=_tick(line))
        line.finish()
    print(result.summary())
    for seq, why in sorted(result.refused.items()):
        print(f"receipt   {seq} not applied: {why}")
    for seq, why in sorted(result.rejected.items()):
        print(f"refused   bundle {seq}: {why}")
    return 0 if not result.refused else 1


def cmd_push(args: argparse.Namespace) -> int:
    creds = [RelayCredentials.from_file(p) for p in args.relay or []]
    token = args.token or os.environ.get(TOKEN_ENV)
    if args.server or token:
        if not (args.server and token):
            raise LabelerError(f"give both --server URL and --token (or set {TOKEN_ENV})")
        creds.append(RelayCredentials(args.server.rstrip("/"), token))
    if args.save:
        for p in args.relay or []:
            print(f"saved     relay credentials to {save_relay(p)}")
    if not creds:
        creds = saved_relays()
    if not creds:
        raise LabelerError(
            "no relay credentials: give --relay FILE (from `labeler-server enroll-relay`),"
            " or --server URL --token TOKEN"
        )
    line = ProgressLine("push")
    result = push_drive(args.drive, creds, progress=_tick(line))
    line.finish()
    print(result.summary())
    for pid, did, seq, kind, why in result.rejected:
        print(f"refused   project {pid} device {did} bundle {seq}: {kind}: {why}")
    for pid, did, seq, why in result.failed:
        print(f"not sent  project {pid} device {did} bundle {seq} (stays on the drive): {why}")
    return 0 if not (result.rejected or result.failed) else 1


def cmd_status(args: argparse.Namespace) -> int:
    drive = Drive.open(args.drive, read_only=True)  # looking writes nothing
    statuses = drive.statuses()
    if args.json:
        print(json.dumps([s.to_dict() for s in statuses], indent=1, ensure_ascii=False))
        return 0
    print(f"drive     {drive.top} (id {drive.drive_id})")
    if getattr(args, "project", None) or _project_here():
        with open_project(args) as project:
            for line in pc_status(project).lines():
                print(line)
    if not statuses:
        print("no PC has used this drive yet")
    for s in statuses:
        print()
        print(f"project   {s.project_name or s.project_id}")
        for line in status_lines(s):
            print(line)
    return 0


def _project_here() -> bool:
    return len(list(Path.cwd().glob("*.hitl"))) == 1


def _tick(line: ProgressLine) -> Callable[[int, int, str], None]:
    return lambda done, total, _text: line(done, total)


def usb_status_lines(project: Project) -> list[str]:
    """The ``usb`` line of ``labeler status``."""
    st = pc_status(project)
    if not st.enrolled:
        return []
    return [
        f"usb       {len(st.bundles_exported)} bundles on a drive waiting for receipts;"
        f" last export {st.last_export_at or 'never'}, last import {st.last_import_at or 'never'}"
    ]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Entry point ``hitl_labeler.cli``: add ``labeler usb ...``."""
    usb = subparsers.add_parser(
        "usb",
        help="carry work and receipts on a USB drive",
        description="Carry finished work out of offline PCs and receipts back on a USB drive:"
        " `export` and `import` on each worker PC, `push` on a machine with a link.",
    )
    sub = usb.add_subparsers(dest="usb_command", metavar="ACTION", required=True)

    p = sub.add_parser("export", help="write this PC's undelivered bundles to the drive")
    p.add_argument("drive", help="the drive (its folder / mount point, e.g. E:\\ or /media/x/USB)")
    add_project_arg(p, nested=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="apply receipts and project updates from the drive")
    p.add_argument("drive")
    add_project_arg(p, nested=True)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("push", help="on a connected machine: upload every bundle on the drive")
    p.add_argument("drive")
    p.add_argument("--relay", action="append", help="relay credentials file (*.hitl-relay)")
    p.add_argument("--server", help="server URL (with --token)")
    p.add_argument("--token", help=f"relay token (or set {TOKEN_ENV})")
    p.add_argument(
        "--save", action="store_true", help="keep the --relay files for later pushes and the app"
    )
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("status", help="each PC's state on the drive (and this PC's)")
    p.add_argument("drive")
    add_project_arg(p, nested=True)
    p.add_argument("--json", action="store_true", help="machine-readable")
    p.set_defaults(func=cmd_status)

    if usb_status_lines not in core_cli.STATUS_LINES:
        core_cli.STATUS_LINES.append(usb_status_lines)
