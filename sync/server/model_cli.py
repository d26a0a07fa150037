"""`labeler-server` commands for models (issue 15): attach, detach, list, report card."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from labeler.atomic_file import write_atomic
from labeler.models.report import hard_examples_csv, render
from labeler.models.spec import parse_mapping

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _state(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.server.cli import _state

    return _state(args)


def cmd_attach_model(args: argparse.Namespace) -> int:
    state = _state(args)
    names = None
    if args.classes:
        text = Path(args.classes).read_text("utf-8")
        names = [line.strip() for line in text.splitlines() if line.strip()]
    attached, unmapped = state.models.attach(
        args.project,
        args.file,
        task=args.task,
        mapping=parse_mapping(args.map or ""),
        class_names=names,
        input_size=(args.input_size, args.input_size) if args.input_size else None,
        score_threshold=args.threshold,
        iou_threshold=args.iou,
        name=args.name or Path(args.file).stem,
        version=args.version or "",
    )
    spec = attached.spec
    mapped = [f"{n}→{c}" for n, c in zip(spec.class_names, spec.classes, strict=True) if c]
    print(
        f"Model {spec.short} attached to the project ({attached.size / 1e6:.1f} MB, {spec.task},"
        f" {spec.input_size[0]}x{spec.input_size[1]}, threshold {spec.score_threshold})."
    )
    print(f"Classes mapped to labels: {', '.join(mapped)}")
    if unmapped:
        print(f"Classes ignored (no label): {', '.join(unmapped)}")
    print("PCs get it with their next project pack (sync, or a supervisor's USB push).")
    return 0


def cmd_detach_model(args: argparse.Namespace) -> int:
    _state(args).models.detach(args.project)
    print("The project has no model now; PCs stop suggesting after their next pack.")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    state = _state(args)
    project_id = state.registry.project(args.project).id if args.project else None
    rows = state.models.models(project_id)
    if args.json:
        print(json.dumps([a.to_dict() for a in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No model attached to any project.")
    for a in rows:
        print(
            f"{'*' if a.active else ' '} {a.spec.short:<30} {a.spec.task:<9}"
            f" {a.size / 1e6:6.1f} MB  added {a.added_at}  project {a.project_id}"
        )
    return 0


def cmd_model_report(args: argparse.Namespace) -> int:
    state = _state(args)
    info = state.registry.default_project(args.project)
    cards = state.models.report(info.id)
    if args.json:
        print(json.dumps([c.to_dict() for c in cards.values()], indent=2, ensure_ascii=False))
    else:
        print(render(cards, state.models.names()))
    if args.hard_examples:
        out = write_atomic(args.hard_examples, hard_examples_csv(cards).encode("utf-8"))
        n = sum(len(c.hard) for c in cards.values())
        print(f"{n} hard examples written to {out}")
    return 0


def add_commands(add: Add) -> None:
    p = add("attach-model", cmd_attach_model, "attach an ONNX model to a project (suggestions)")
    p.add_argument("project", help="project name or id")
    p.add_argument("file", help="the .onnx file (YOLO export or image classifier)")
    p.add_argument("--task", choices=("detect", "classify"), default="detect")
    p.add_argument(
        "--map",
        help="model_class=label_id, comma separated (class=- ignores it);"
        " classes named like a label map by themselves",
    )
    p.add_argument(
        "--classes",
        help="a text file of the model's class names, one per line,"
        " when the file does not list them",
    )
    p.add_argument(
        "--input-size",
        type=int,
        help="network input side in pixels (default: the model's own, else 640)",
    )
    p.add_argument("--threshold", type=float, default=0.25, help="lowest score suggested")
    p.add_argument("--iou", type=float, default=0.45, help="overlap that NMS merges")
    p.add_argument("--name", help="a name people will recognise")
    p.add_argument("--version", help="the model's version (the report card is per version)")
    p = add("detach-model", cmd_detach_model, "stop suggestions in a project")
    p.add_argument("project")
    p = add("models", cmd_models, "the models attached to projects (* is the active one)")
    p.add_argument("--project")
    p.add_argument("--json", action="store_true")
    p = add(
        "model-report",
        cmd_model_report,
        "per label: right, false alarms, missed, precision, recall, mean IoU",
    )
    p.add_argument("--project")
    p.add_argument("--json", action="store_true")
    p.add_argument("--hard-examples", metavar="CSV", help="write the images the model got wrong")
