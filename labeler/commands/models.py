"""``labeler model``: a standalone project's model, its suggestions ahead of time, its report
card; ``labeler import-predictions``: predictions made elsewhere (issue 15)."""

from __future__ import annotations

import argparse
from pathlib import Path

from labeler.atomic_file import write_atomic
from labeler.commands.base import ProgressLine, add_project_arg, command, open_project
from labeler.errors import ImageProblem, LabelerError


def cmd_model(args: argparse.Namespace) -> int:
    action = args.action or "list"
    with open_project(args) as project:
        if action == "add":
            return _add(project, args)
        if action == "off":
            project.models.set_active(None)
            print("suggestions are off for this project")
            return 0
        if action == "predict":
            return _predict(project, args)
        if action == "report":
            return _report(project, args)
        entries = project.models.entries()
        if not entries:
            print("no model; add one with `labeler model add FILE` or import predictions")
        active = project.models.active()
        for e in entries:
            mark = "*" if active and e.sha256 == active.sha256 else " "
            where = (
                "here"
                if e.file and e.file.is_file()
                else ("predictions only" if e.source == "import" else "file not here yet")
            )
            line = (
                f"{mark} {e.spec.short:<32} {e.spec.task:<9} {e.source:<6} {where},"
                f" {project.models.cached_count(e.sha256)} images predicted"
            )
            print(line + (f"\n    problem: {e.problem}" if e.problem else ""))
    return 0


def _add(project, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from labeler.models.runtime import describe
    from labeler.models.spec import ModelSpec, map_classes, parse_mapping

    info = describe(args.file)
    names = info.class_names
    if args.classes:
        names = tuple(
            ln.strip() for ln in Path(args.classes).read_text("utf-8").splitlines() if ln.strip()
        )
    if not names:
        raise LabelerError("the model file lists no class names; give them with --classes FILE")
    tax = project.taxonomy
    label_names = {n: lab.id for lab in tax.active for n in lab.names.values()}
    classes, unmapped = map_classes(
        names, [lab.id for lab in tax.active], label_names, parse_mapping(args.map or "")
    )
    size = (args.input_size, args.input_size) if args.input_size else info.input_size
    spec = ModelSpec(
        args.task,
        classes,
        size or (640, 640),
        args.threshold,
        class_names=tuple(names),
        name=args.name or Path(args.file).stem,
        version=args.version or "",
    )
    entry = project.models.add_file(args.file, spec)
    print(
        f"model {entry.spec.short} added and active ({entry.spec.task},"
        f" {len(entry.spec.labels)} labels)"
    )
    if unmapped:
        print(f"classes ignored (no label): {', '.join(unmapped)}")
    return 0


def _predict(project, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """Suggestions for the images still to do, ahead of the workers (e.g. overnight)."""
    from labeler.models.runtime import OnnxModel

    entry = project.models.active()
    if entry is None or entry.file is None or not entry.file.is_file():
        raise LabelerError("no model file here to run; `labeler model` shows what is missing")
    model = OnnxModel.load(entry.file, entry.spec, threads=args.threads)
    todo = [r for r in project.queue.page("todo", 0, args.limit) if r.sha256]
    progress = ProgressLine("predicting")
    done = 0
    for i, rec in enumerate(todo):
        progress(i, len(todo))
        if project.models.cached(rec.sha256, entry.sha256) is not None:
            continue
        try:
            preds = model.predict(project.index.abspath(rec.path))
        except ImageProblem as exc:
            print(f"skipped {rec.path}: {exc}")
            continue
        project.models.cache(rec.sha256, entry.sha256, preds)
        done += 1
    progress(len(todo), len(todo))
    print(f"\n{done} images predicted ({len(todo) - done} had suggestions already or failed)")
    return 0


def _report(project, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from labeler.models.report import hard_examples_csv, project_items, render, report_card

    cards = report_card(project_items(project))
    names = {e.sha256: e.spec.short for e in project.models.entries()}
    print(render(cards, names))
    if args.hard_examples:
        out = write_atomic(args.hard_examples, hard_examples_csv(cards).encode("utf-8"))
        print(f"{sum(len(c.hard) for c in cards.values())} hard examples written to {out}")
    return 0


def cmd_import_predictions(args: argparse.Namespace) -> int:
    from labeler.models.imports import import_predictions

    classes = None
    if args.classes:
        classes = [
            ln.strip() for ln in Path(args.classes).read_text("utf-8").splitlines() if ln.strip()
        ]
    with open_project(args) as project:
        result = import_predictions(
            project,
            args.format,
            args.source,
            name=args.name or "",
            images_from=args.images_from,
            class_names=classes,
        )
        print(result.summary())
        print("workers now see these predictions as suggestions")
    return 0


def _configure(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    lst = sub.add_parser("list", help="the project's models (the default)")
    add_project_arg(lst, nested=True)
    add = sub.add_parser("add", help="load an ONNX model file into a standalone project")
    add_project_arg(add, nested=True)
    add.add_argument("file")
    add.add_argument("--task", choices=("detect", "classify"), default="detect")
    add.add_argument("--map", help="model_class=label_id, comma separated (class=- ignores it)")
    add.add_argument("--classes", help="the model's class names, one per line")
    add.add_argument("--input-size", type=int)
    add.add_argument("--threshold", type=float, default=0.25)
    add.add_argument("--name")
    add.add_argument("--version")
    off = sub.add_parser("off", help="no suggestions in this project")
    add_project_arg(off, nested=True)
    pred = sub.add_parser("predict", help="suggestions for the images to do, ahead of time")
    add_project_arg(pred, nested=True)
    pred.add_argument("--limit", type=int, default=100_000)
    pred.add_argument("--threads", type=int, default=1)
    rep = sub.add_parser("report", help="the model's report card from the workers' answers")
    add_project_arg(rep, nested=True)
    rep.add_argument("--hard-examples", metavar="CSV")


def _configure_import(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument("--format", required=True, choices=("coco", "yolo", "labelstudio"))
    p.add_argument("source", help="the predictions file (folder for YOLO)")
    p.add_argument("--images-from", help="COCO results list: the dataset file naming images")
    p.add_argument("--classes", help="YOLO: class names, one per line")
    p.add_argument("--name", help="what to call these predictions in the report card")


command("model", "the project's model: add, list, off, predict ahead, report card", _configure)(
    cmd_model
)
command(
    "import-predictions",
    "bring in predictions made elsewhere (COCO, YOLO, Label Studio) as suggestions",
    _configure_import,
)(cmd_import_predictions)
