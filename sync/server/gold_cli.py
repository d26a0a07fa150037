"""`labeler-server mark-gold` (issue 12): gold images marked by the admin, with their answers,
sent to supervisor stations in the signed project pack (``sync/server/gold.py``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sync.server import gold
from sync.server.errors import ServerError

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_mark_gold(args: argparse.Namespace) -> int:
    from sync.server.cli import _state

    state = _state(args)
    info = state.registry.default_project(args.project)
    sources = [x for x in (args.coco, args.labelme) if x]
    if len(sources) > 1 or (not sources and not args.image):
        raise ServerError(
            "say which image (--image SHA256, its answer from a stored submission) or give"
            " one answers file (--coco FILE or --labelme FILE)"
        )
    if sources:
        fmt = "coco" if args.coco else "labelme"
        answers, problems = gold.mark_from_file(
            state.storage, info, fmt, sources[0], only=args.image, created_by=args.by
        )
        for problem in problems:
            print(f"  not marked: {problem}")
    else:
        answers = [
            gold.mark_from_submission(
                state.storage,
                info,
                args.image,
                submission_uuid=args.submission,
                created_by=args.by,
            )
        ]
    for a in answers:
        print(f"gold: {a.image_path} ({a.image_sha256[:12]}…), {len(a.shapes)} shapes")
    print(
        f"{len(answers)} gold image(s) marked in {info.name}; supervisor stations get them"
        " with their next project pack (sync, or the drive's pack after a USB push)."
    )
    return 0 if answers else 2


def add_commands(add: Add) -> None:
    p = add("mark-gold", cmd_mark_gold, "mark gold images (answers known) for the stations")
    p.add_argument("--project")
    p.add_argument("--image", metavar="SHA256", help="the image (its answer: a stored submission)")
    p.add_argument(
        "--submission",
        metavar="UUID",
        help="the stored submission whose shapes are the answer (default: the image's latest"
        " revision a supervisor accepted or corrected)",
    )
    p.add_argument("--coco", metavar="FILE", help="answers from a COCO JSON file")
    p.add_argument("--labelme", metavar="PATH", help="answers from a labelme file or folder")
    p.add_argument("--by", default="admin", help="who marked them (kept in the record)")
