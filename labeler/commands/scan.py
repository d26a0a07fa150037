"""``labeler init`` (a new project from a folder and a taxonomy file) and ``labeler scan``
(bring the index up to date, hash what is new, and with ``--watch`` keep doing it)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from labeler import taxonomy
from labeler.annotations import AnnotationKind
from labeler.commands.base import ProgressLine, add_project_arg, command, open_project
from labeler.errors import LabelerError, NotFoundError, StoreError
from labeler.images import ScanReport
from labeler.project import PROJECT_SUFFIX, Project


def _print_scan(project: Project, report: ScanReport) -> None:
    print(f"scanned {project.image_root}: {report}")
    for err in (report.errors or [])[:10]:
        print(f"  could not read {err}")
    if report.errors and len(report.errors) > 10:
        print(f"  ... and {len(report.errors) - 10} more")
    if report.problems:
        print(f"  {report.problems} files are not readable images; `labeler doctor` lists them")


def _scan(project: Project) -> ScanReport:
    if not project.image_root.is_dir():
        raise NotFoundError(
            f"{project.image_root}: image folder not found (is the drive connected?)"
        )
    progress = ProgressLine("listing")
    try:
        report = project.index.scan(progress)
    finally:
        progress.finish()
    _print_scan(project, report)
    return report


def _hash(project: Project) -> int:
    """Hash what has no hash yet, with progress; Ctrl-C stops between files (work kept)."""
    todo = project.index.unhashed_count()
    if not todo:
        return 0
    progress = ProgressLine("hashing")
    try:
        done = project.index.hash_pending(progress)
    except KeyboardInterrupt:
        progress.finish()
        left = project.index.unhashed_count()
        print(f"hashing stopped: {left} images not yet hashed; `labeler scan` continues it")
        return 130
    progress.finish()
    print(f"hashed {done} images")
    return 0


# ---------------------------------------------------------------- init
def _remove_partial(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(str(path) + suffix)


def cmd_init(args: argparse.Namespace) -> int:
    dest = Path(args.project_file)
    if not dest.suffix:
        dest = dest.with_suffix(PROJECT_SUFFIX)
    if dest.exists():
        raise StoreError(f"{dest}: a project file already exists; open it or choose another name")
    images = Path(args.images)
    if not images.is_dir():
        raise NotFoundError(f"{images}: image folder not found; check the --images path")
    tax = taxonomy.load(args.taxonomy)
    kind = AnnotationKind.parse(args.kind)
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Build under a temporary name so a failed or interrupted init leaves no half project.
    partial = dest.with_name(dest.name + ".partial")
    _remove_partial(partial)
    try:
        with Project.create(
            partial,
            name=args.name or dest.stem,
            image_root=images,
            kind=kind,
            taxonomy=tax,
            taxonomy_source=Path(args.taxonomy).name,
        ) as project:
            print(
                f"project {project.name!r} ({project.kind}), taxonomy of"
                f" {len(tax.labels)} labels from {args.taxonomy}"
            )
            _scan(project)
        if os.path.exists(str(partial) + "-wal"):
            raise StoreError(f"{partial}: the new project file was not closed cleanly; try again")
        partial.replace(dest)
    except BaseException:
        _remove_partial(partial)
        raise
    print(f"created {dest}")
    if args.no_hash:
        return 0
    with Project.open(dest) as project:
        return _hash(project)


def _configure_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("project_file", metavar="PROJECT.hitl", help="the project file to create")
    p.add_argument("--images", required=True, metavar="DIR", help="the folder of images")
    p.add_argument(
        "--taxonomy",
        required=True,
        metavar="FILE",
        help="taxonomy file (see README), or a labelImg predefined_classes.txt",
    )
    p.add_argument(
        "--kind",
        default="boxes",
        help="what to annotate: boxes, polygons, points, classification, multilabel,"
        " joined by '+' (default: boxes)",
    )
    p.add_argument("--name", help="project name shown to workers (default: the file name)")
    p.add_argument(
        "--no-hash", action="store_true", help="skip hashing now (`labeler scan` does it later)"
    )


command("init", "create a project from an image folder and a taxonomy file", _configure_init)(
    cmd_init
)


# ---------------------------------------------------------------- scan
def cmd_scan(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        _scan(project)
        if args.watch:
            return _watch(project, hash_behind=not args.no_hash, settle_s=args.settle)
        return 0 if args.no_hash else _hash(project)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A service manager's SIGTERM stops the watch as cleanly as Ctrl-C."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _watch(project: Project, *, hash_behind: bool, settle_s: float) -> int:
    from labeler.watch import FolderWatch

    stop = threading.Event()

    def hash_in_background() -> None:
        progress = ProgressLine("hashing")
        try:
            project.index.hash_pending(progress, stop)
        except LabelerError as exc:
            print(f"hashing stopped: {exc}", flush=True)
        finally:
            progress.finish()

    def on_images(ids: list[int]) -> None:
        for image_id in ids:
            rec = project.queue.get(image_id)
            note = f" (not usable: {rec.problem})" if rec.problem else ""
            print(f"added {rec.path}{note}", flush=True)

    def on_removed(paths: list[str]) -> None:
        for path in paths:
            print(f"gone {path}", flush=True)

    hasher = threading.Thread(target=hash_in_background, name="hasher", daemon=True)
    watch = FolderWatch(
        project.index, on_images, on_removed=on_removed, settle_s=settle_s, hash_images=hash_behind
    )
    with _sigterm_as_interrupt():
        try:
            watch.start()
            if hash_behind:
                hasher.start()
            print(f"watching {project.image_root} for new images; Ctrl-C stops", flush=True)
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            watch.stop()
            if hasher.is_alive():
                hasher.join()
    left = project.index.unhashed_count()
    tail = f"; {left} images not yet hashed (`labeler scan` continues)" if left else ""
    for err in watch.errors[:10]:
        print(f"  could not index {err}")
    print(f"stopped watching{tail}", flush=True)
    return 0


def _configure_scan(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument(
        "--watch", action="store_true", help="keep running and index images as they arrive"
    )
    p.add_argument("--no-hash", action="store_true", help="list and read headers only")
    p.add_argument(
        "--settle",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="with --watch: wait until a file has not changed for this long (default 1)",
    )


command("scan", "index new and changed images, then hash them", _configure_scan)(cmd_scan)
