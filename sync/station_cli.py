"""``labeler station ...``: the supervisor station from the command line.

On the supervisor's PC: ``collect`` the centre's work from a drive, list the ``queue``,
``review`` one revision, import ``gold`` answers, ``send`` rework and gold/overlap images to
the PCs by drive, ``report`` per worker (CSV, printable page), ``settings``, ``status`` of a
drive in plain words. On a worker PC of a standalone project: ``trust`` a station's key.
Registered through the ``hitl_labeler.cli`` entry point (``station``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from labeler.annotations import Shape
from labeler.atomic_file import write_atomic
from labeler.commands.base import add_project_arg, open_project
from labeler.project import Project
from labeler.quality import reports
from labeler.quality.gold_import import GOLD_FORMATS, read_gold
from labeler.quality.records import REASONS
from labeler.quality.station import Station, grant_supervisor, station_device_id
from labeler.store import now
from sync.errors import NotEnrolledError
from sync.outbox import Outbox
from sync.station import bundle_gold
from sync.station.collect import collect_from_drive
from sync.station.drive_view import drive_view, plain_lines
from sync.station.keys import public_key_file
from sync.station.roster import trust_station_file
from sync.station.transfer import send_to_drive


def cmd_grant(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        grant_supervisor(project)
        sid = station_device_id(project)
        if args.key_out:
            path = public_key_file(sid, args.name or "supervisor", Path(args.key_out))
            print(f"station key  {path} (each worker PC's owner runs `labeler station trust`)")
    print("this project is now a supervisor station")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        entry = trust_station_file(project, Path(args.file))
    print(f"this PC now accepts returns from {entry['name']}'s station ({entry['device_id']})")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        Station(project).require_role()
        r = collect_from_drive(project, args.drive)
    print(
        f"collected {r.bundles_new} new bundles ({r.bundles_known} seen before) from"
        f" {len(r.devices)} PCs: {r.submissions_new} submissions, {r.proposals_new} proposals"
    )
    for device, gaps in sorted(r.chain_gaps.items()):
        print(
            f"gaps      {device}: " + ", ".join(str(g) if g > 0 else f"{-g} (chain)" for g in gaps)
        )
    for why in r.refused:
        print(f"refused   {why}")
    return 0 if not r.refused else 1


def cmd_queue(args: argparse.Namespace) -> int:
    with open_project(args) as project:  # open while printing: items read their work lazily
        items = Station(project).queue(args.reviewer, limit=args.limit)
        for it in items:
            if it.flag_only:  # flagged, not labeled: the flag's uuid, and her note
                note = " · ".join(f["note"] for f in it.flags)
                print(f"{it.uuid}  {it.origin:8s}  {it.worker:16s}  --  {it.image_path}  ({note})")
                continue
            s = it.work.submission
            line = f"{s.uuid}  {it.origin:8s}  {s.worker:16s}  r{s.revision}  {s.image_path}"
            if it.origin == "flagged":
                line += "  (" + " · ".join(f["note"] for f in it.flags) + ")"
            print(line)
    print(f"{len(items)} to review")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        st = Station(project)
        shapes = None
        if args.correct:
            shapes = [Shape.from_dict(d) for d in json.loads(Path(args.correct).read_text())]
        decision = "accept" if args.accept else "reject" if args.reject else "correct"
        review = st.decide(
            args.uuid,
            args.reviewer,
            decision,
            reason=args.reject or args.reason,
            note=args.note,
            shapes=shapes,
            origin=args.origin,
        )
    print(f"{review.decision}  {review.image_path}  review {review.uuid}")
    return 0


def cmd_gold(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        st = Station(project)
        st.require_role()
        answers, problems = read_gold(
            project, args.format, args.file, args.by, station_device_id(project)
        )
        added = st.add_gold(answers)
        st.refresh()
        waiting = _gold_waiting(project)
    print(f"{added} gold images added ({len(answers) - added} known before)")
    if waiting:
        print(f"note      {bundle_gold.waiting_words(waiting)}")
    for p in problems:
        print(f"problem   {p}")
    return 0 if not problems else 1


def _gold_waiting(project: Project) -> int:
    """Gold answers an enrolled station keeps back for want of the gold key (0 if none)."""
    try:
        return Outbox(project).gold_waiting_for_key()
    except NotEnrolledError:  # a standalone project's station sends no bundles
        return 0


def cmd_send(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        r = send_to_drive(project, args.drive)
    print(f"wrote {r.messages} messages: {r.rework} images to rework, {r.images} new images")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        st = Station(project)
        s = st.settings
        for field, value in (
            ("spot_share", args.spot),
            ("gold_rate", args.gold_rate),
            ("overlap_share", args.overlap),
        ):
            if value is not None:
                setattr(s, field, value)
        st.save_settings(s)
        print(json.dumps({**s.__dict__, "seed": "(kept)"}, indent=1))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        facts = Station(project).facts()
        rows = reports.summarize(facts, args.period)
        if args.csv:
            write_atomic(Path(args.csv), "\ufeff" + reports.to_csv(rows))
            print(f"csv       {args.csv}")
        if args.html:
            week = args.week or reports.week_of(now())
            days = reports.summarize(facts, "day")
            weeks = reports.summarize(facts, "week")
            write_atomic(Path(args.html), reports.to_html(days, weeks, week))
            print(f"page      {args.html}")
    if not (args.csv or args.html):
        for r in rows:
            print(json.dumps(r.as_row(), ensure_ascii=False))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        view = drive_view(project, args.drive)
    for line in plain_lines(view):
        print(line)
    if args.details:
        for line in view.details:
            print(f"  {line}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Entry point ``hitl_labeler.cli``: add ``labeler station ...``."""
    station = subparsers.add_parser(
        "station",
        help="the supervisor station: review, rework, gold images, agreement, reports",
        description="Quality control at the centre, offline (see README, Supervisor).",
    )
    sub = station.add_subparsers(dest="station_command", metavar="ACTION", required=True)

    def add(name: str, func, help: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
        p = sub.add_parser(name, help=help)
        add_project_arg(p, nested=True)
        p.set_defaults(func=func)
        return p

    p = add("grant", cmd_grant, "standalone project: make this PC a supervisor station")
    p.add_argument("--name", help="the supervisor's name (for the key file)")
    p.add_argument("--key-out", help="write the station's public key file here")
    p = add("trust", cmd_trust, "standalone worker PC: accept returns from a station")
    p.add_argument("file", help="the station's key file")
    p = add("collect", cmd_collect, "read the centre's work from a drive")
    p.add_argument("drive")
    p = add("queue", cmd_queue, "what waits for review")
    p.add_argument("--reviewer", required=True, help="the supervisor's name")
    p.add_argument("--limit", type=int)
    p = add("review", cmd_review, "accept, reject or correct one revision")
    p.add_argument("uuid", help="the submission (from `queue`)")
    p.add_argument("--reviewer", required=True)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--accept", action="store_true")
    g.add_argument("--reject", choices=REASONS, help="the reason code")
    g.add_argument("--correct", metavar="SHAPES_JSON", help="a JSON file of the right shapes")
    p.add_argument("--reason", choices=REASONS, help="with --correct: what was wrong")
    p.add_argument("--note")
    p.add_argument("--origin", default="chosen")
    p = add("gold", cmd_gold, "import gold answers (COCO or labelme)")
    p.add_argument("file")
    p.add_argument("--format", required=True, choices=GOLD_FORMATS)
    p.add_argument("--by", required=True, help="who prepared the answers")
    p = add("send", cmd_send, "write rework and gold/overlap images for the PCs to a drive")
    p.add_argument("drive")
    p = add("settings", cmd_settings, "spot-check share, gold rate, overlap share")
    p.add_argument("--spot", type=float)
    p.add_argument("--gold-rate", type=float)
    p.add_argument("--overlap", type=float)
    p = add("report", cmd_report, "per-worker figures by day or week")
    p.add_argument("--period", choices=("day", "week"), default="day")
    p.add_argument("--csv")
    p.add_argument("--html")
    p.add_argument("--week", help="YYYY-Www for --html (default: this week)")
    p = add("status", cmd_status, "what a drive carries, in plain words")
    p.add_argument("drive")
    p.add_argument("--details", action="store_true")
