"""A project's health in plain words: is the file intact, and what needs a person's attention.

``examine`` never changes the project's data (opening it may run forward migrations, as any
open does). It reads the file with SQLite's full integrity check, then lists what a supervisor
acts on: files that are not images, duplicates, files gone from the folder, images not yet
hashed, drafts left open, and work not yet delivered to the server.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from labeler.errors import IntegrityError, SchemaTooNewError, StoreError
from labeler.project import Project
from labeler.schema import SCHEMA_VERSION
from labeler.store import Store

META_SYNC_RECOVERY = "sync_recovery"
"""Meta key where sync notes its last recovery after a restore (``sync.restore``): JSON with
a ``summary`` sentence the doctor prints."""


@dataclass
class Deliveries:
    """Work made on this PC and how far it got towards the server."""

    submissions: int = 0
    proposals: int = 0
    delivered: int = 0
    rejected: int = 0

    @property
    def pending(self) -> int:
        return self.submissions + self.proposals


def deliveries(store: Store) -> Deliveries:
    """Submissions and proposals with no verified receipt yet (``delivery`` rows)."""
    pending = {}
    for table, kind in (("submissions", "submission"), ("proposals", "proposal")):
        pending[table] = int(
            store.scalar(
                f"SELECT count(*) FROM {table} r WHERE NOT EXISTS (SELECT 1 FROM delivery d"
                " WHERE d.record_type = ? AND d.record_uuid = r.uuid"
                " AND d.delivered_at IS NOT NULL)",
                (kind,),
            )
        )
    delivered = store.scalar("SELECT count(*) FROM delivery WHERE delivered_at IS NOT NULL")
    rejected = store.scalar("SELECT count(*) FROM delivery WHERE rejected_reason IS NOT NULL")
    return Deliveries(pending["submissions"], pending["proposals"], delivered, rejected)


@dataclass
class Checkup:
    """What ``labeler doctor`` found. ``damaged`` decides its exit status."""

    path: str
    schema_version: int | None = None
    integrity: list[str] = field(default_factory=list)  # SQLite's complaints; empty = intact
    name: str = ""
    image_root: str = ""
    root_found: bool = True
    taxonomy_version: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # marked missing by a scan
    gone: list[str] = field(default_factory=list)  # indexed as present, not on disk now
    unhashed: int = 0
    drafts: list[dict] = field(default_factory=list)
    delivery: Deliveries = field(default_factory=Deliveries)
    recovery: str | None = None  # what sync did after this PC was restored from a copy

    @property
    def damaged(self) -> bool:
        return bool(self.integrity)

    def lines(self, limit: int = 10) -> list[str]:
        """The report, one finding per line, as a supervisor reads it."""
        out = [f"project file  {self.path}"]
        if self.schema_version is not None:
            out.append(
                f"schema        version {self.schema_version} (this program writes {SCHEMA_VERSION})"
            )
        if self.damaged:
            out.append("integrity     DAMAGED")
            out += [f"  {m}" for m in self.integrity[:limit]]
            out.append(
                "  Copy the file somewhere safe before anything else, then restore a backup"
                " or ask a supervisor; work already delivered is safe on the server."
            )
            return out
        out.append("integrity     ok")
        out.append(f"project       {self.name}, taxonomy version {self.taxonomy_version}")
        root = "" if self.root_found else "  NOT FOUND (is the drive connected?)"
        out.append(f"images from   {self.image_root}{root}")
        c = self.counts
        out.append(
            f"queue         {c.get('total', 0)} images: {c.get('todo', 0)} to do,"
            f" {c.get('in_progress', 0)} in progress, {c.get('submitted', 0)} submitted,"
            f" {c.get('skipped', 0)} skipped, {c.get('flagged', 0)} flagged"
        )
        out += _listed(
            "problems",
            self.problems,
            limit,
            lambda r: f"{r['path']}: {r['problem']}",
            "files that are not readable images (fix or remove them, then `labeler scan`)",
        )
        out += _listed(
            "duplicates",
            self.duplicates,
            limit,
            lambda r: f"{r['path']} is the same image as {r['same_as']}",
            "images at two paths; each is labeled once",
        )
        out += _listed(
            "missing",
            self.missing,
            limit,
            str,
            "files no longer in the folder; their submitted work is kept",
        )
        if self.root_found:
            out += _listed(
                "gone",
                self.gone,
                limit,
                str,
                "files moved or deleted since the last scan (run `labeler scan`)",
            )
        if self.unhashed:
            out.append(f"unhashed      {self.unhashed} images (`labeler scan` hashes them)")
        else:
            out.append("unhashed      none")
        out += _listed(
            "drafts",
            self.drafts,
            limit,
            lambda r: f"{r['path']} by {r['worker'] or 'unknown'}, last saved {r['updated_at']}",
            "images started and not yet submitted",
        )
        d = self.delivery
        out.append(
            f"delivery      {d.submissions} submissions and {d.proposals} proposals not yet"
            f" delivered; {d.delivered} delivered"
            + (f", {d.rejected} rejected by the server" if d.rejected else "")
        )
        if self.recovery:
            out.append(f"restored      {self.recovery}")
        return out


def _listed(title: str, items: list, limit: int, fmt, what: str) -> list[str]:  # type: ignore[no-untyped-def]
    if not items:
        return [f"{title.ljust(13)} none"]
    out = [f"{title.ljust(13)} {len(items)} {what}"]
    out += [f"  {fmt(item)}" for item in items[:limit]]
    if len(items) > limit:
        out.append(f"  ... and {len(items) - limit} more")
    return out


def examine(path: str | Path, *, check_files: bool = True) -> Checkup:
    """Check a project file. A file SQLite cannot read comes back ``damaged``; a file from a
    newer program raises ``SchemaTooNewError``; a path with no file raises ``StoreError``."""
    if not os.path.exists(path):
        raise StoreError(f"{path}: no project file here")
    report = Checkup(path=str(Path(path).resolve()))
    try:
        store = Store.open(path, check=False)
    except SchemaTooNewError:
        raise
    except StoreError as exc:
        report.integrity = [str(exc)]
        return report
    try:
        report.schema_version = store.schema_version
        try:
            store.check_integrity(quick=False)
        except IntegrityError as exc:
            report.integrity = [str(exc)]
            return report
        _fill(report, Project(store), check_files)
    except sqlite3.DatabaseError as exc:
        report.integrity.append(f"cannot read the project file: {exc}")
    finally:
        store.close()
    return report


def _fill(report: Checkup, project: Project, check_files: bool) -> None:
    store = project.store
    report.name = project.name
    report.image_root = str(project.image_root)
    report.root_found = project.image_root.is_dir()
    report.taxonomy_version = project.taxonomy_version
    report.counts = project.queue.counts()
    report.problems = project.index.problems()
    report.duplicates = project.index.duplicates()
    report.missing = [
        r["path"] for r in store.query("SELECT path FROM images WHERE missing = 1 ORDER BY seq")
    ]
    if check_files and report.root_found:
        root = project.image_root
        report.gone = [
            r["path"]
            for r in store.query("SELECT path FROM images WHERE missing = 0 ORDER BY seq")
            if not os.path.exists(root / r["path"])
        ]
    report.unhashed = project.index.unhashed_count()
    report.drafts = store.query(
        "SELECT i.path, d.worker, d.updated_at FROM drafts d JOIN images i ON i.id = d.image_id"
        " ORDER BY d.updated_at"
    )
    report.delivery = deliveries(store)
    try:
        note = json.loads(store.get_meta(META_SYNC_RECOVERY) or "null")
    except ValueError:
        note = None
    if isinstance(note, dict) and isinstance(note.get("summary"), str):
        report.recovery = note["summary"]
