"""``labeler taxonomy``: show the current labels, list versions, load a changed file."""

from __future__ import annotations

import argparse
from pathlib import Path

from labeler import taxonomy as taxonomy_file
from labeler.commands.base import add_project_arg, command, open_project
from labeler.project import Project
from labeler.taxonomy import Taxonomy


def _show(project: Project, as_file: bool) -> None:
    tax = project.taxonomy
    if as_file:
        print(tax.to_text(), end="")
        return
    v = project.taxonomy_versions()[-1]
    src = f" from {v.source}" if v.source else ""
    print(
        f"taxonomy version {v.version} ({v.created_at[:16].replace('T', ' ')}{src}),"
        f" {len(tax.active)} labels in use, languages {' '.join(tax.languages)}"
    )
    rows = [
        [
            lab.id,
            *(lab.names.get(lang, "") for lang in tax.languages),
            lab.colour,
            lab.shortcut or "",
            "retired" if lab.retired else "",
        ]
        for lab in tax.labels
    ]
    header = ["id", *tax.languages, "colour", "key", ""]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def _changes(old: Taxonomy, new: Taxonomy) -> list[str]:
    old_ids = set(old.ids())
    added = [lab.id for lab in new.labels if lab.id not in old_ids]
    retired = [
        lab.id
        for lab in new.labels
        if lab.retired and not (old.get(lab.id) and old.get(lab.id).retired)  # type: ignore[union-attr]
    ]
    back = [
        lab.id
        for lab in new.labels
        if not lab.retired and (o := old.get(lab.id)) is not None and o.retired
    ]
    edited = [
        lab.id
        for lab in new.labels
        if (o := old.get(lab.id)) is not None
        and not lab.retired
        and (o.names, o.colour, o.shortcut, o.description)
        != (lab.names, lab.colour, lab.shortcut, lab.description)
    ]
    out = []
    for what, ids in (
        ("new", added),
        ("changed", edited),
        ("retired", retired),
        ("in use again", back),
    ):
        if ids:
            out.append(f"  {what}: {', '.join(ids)}")
    return out


def cmd_taxonomy(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        if args.action == "update":
            new = taxonomy_file.load(args.file)
            before, old = project.taxonomy_version, project.taxonomy
            version = project.update_taxonomy(new, source=Path(args.file).name)
            if version == before:
                print(f"no change: the taxonomy stays at version {version}")
                return 0
            print(f"taxonomy version {version} (was {before}); earlier work keeps its version")
            for line in _changes(old, project.taxonomy):
                print(line)
        elif args.action == "versions":
            for v in project.taxonomy_versions():
                src = f" from {v.source}" if v.source else ""
                print(
                    f"  version {v.version}  {v.created_at[:16].replace('T', ' ')}"
                    f"  {len(v.taxonomy.active)} labels{src}"
                )
        else:
            _show(project, as_file=getattr(args, "as_file", False))
    return 0


def _configure(p: argparse.ArgumentParser) -> None:
    add_project_arg(p)
    p.add_argument(
        "--as-file",
        action="store_true",
        help="print the labels as a taxonomy file (edit it, then `taxonomy update`)",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    show = sub.add_parser("show", help="the current labels (the default)")
    add_project_arg(show, nested=True)
    show.add_argument("--as-file", action="store_true", default=argparse.SUPPRESS)
    up = sub.add_parser(
        "update", help="load a changed taxonomy file as a new version (dropped labels retire)"
    )
    add_project_arg(up, nested=True)
    up.add_argument("file", metavar="FILE", help="taxonomy file or predefined_classes.txt")
    versions = sub.add_parser("versions", help="list the taxonomy versions")
    add_project_arg(versions, nested=True)


command("taxonomy", "show the labels, or make a new version from a file", _configure)(cmd_taxonomy)
