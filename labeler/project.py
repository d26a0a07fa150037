"""A project: its store, settings, taxonomy versions and workers, and the parts built on them.

``Project`` is the core's front door: the UI, the CLI, the sync code and the tests go through
it (``project.index``, ``project.queue``, ``project.work``) and never write SQL themselves.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labeler import validation
from labeler.annotations import AnnotationKind
from labeler.errors import LabelerError, NotFoundError, StoreError
from labeler.images import ImageIndex
from labeler.models.cache import ProjectModels
from labeler.queue import WorkQueue
from labeler.store import Store, new_uuid, now
from labeler.taxonomy import Taxonomy
from labeler.validation import RecordRules
from labeler.work import Work

PROJECT_SUFFIX = ".hitl"


@dataclass(frozen=True)
class TaxonomyVersion:
    version: int
    taxonomy: Taxonomy
    created_at: str
    source: str


class Project:
    """An open project. Create with ``Project.create``, open with ``Project.open``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        root = store.get_meta("image_root")
        if root is None:
            raise StoreError(f"{store.path}: not a HITL Labeler project (no image folder set)")
        self.index = ImageIndex(store, self._resolve_root(root))
        self.queue = WorkQueue(store)
        self.work = Work(self)
        self.models = ProjectModels(self)
        self._taxonomy_cache: dict[int, Taxonomy] = {}
        self._label_ids_cache: dict[int, frozenset[str]] = {}

    # ---------------------------------------------------------------- lifecycle
    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        name: str,
        image_root: str | Path,
        kind: str | AnnotationKind,
        taxonomy: Taxonomy,
        taxonomy_source: str = "",
    ) -> Project:
        kind = kind if isinstance(kind, AnnotationKind) else AnnotationKind.parse(kind)
        if not kind.shapes and kind.tags is None:
            raise LabelerError("choose an annotation kind (for example 'boxes')")
        store = Store(path, create=True)
        try:
            root = Path(image_root).resolve()
            with store.write() as db:
                db["meta"].insert_all(
                    [
                        {"key": "project_id", "value": new_uuid()},
                        {"key": "name", "value": name},
                        {"key": "image_root", "value": _portable_root(root, Path(store.path))},
                        {"key": "kind", "value": str(kind)},
                        {"key": "device_id", "value": new_uuid()},
                        {"key": "created_at", "value": now()},
                    ]
                )
                db["taxonomy_versions"].insert(
                    {
                        "version": 1,
                        "created_at": now(),
                        "source": taxonomy_source,
                        "taxonomy": taxonomy.to_json(),
                    }
                )
        except BaseException:
            store.close()
            raise
        return cls(store)

    @classmethod
    def open(cls, path: str | Path) -> Project:
        return cls(Store.open(path))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _resolve_root(self, stored: str) -> Path:
        p = Path(stored)
        return p if p.is_absolute() else (Path(self.store.path).parent / p).resolve()

    # ---------------------------------------------------------------- settings
    @property
    def path(self) -> str:
        return self.store.path

    @property
    def id(self) -> str:
        return self.store.get_meta("project_id") or ""

    @property
    def name(self) -> str:
        return self.store.get_meta("name") or Path(self.path).stem

    @property
    def kind(self) -> AnnotationKind:
        return AnnotationKind.parse(self.store.get_meta("kind") or "boxes")

    @property
    def device_id(self) -> str:
        return self.store.get_meta("device_id") or ""

    @property
    def image_root(self) -> Path:
        return self.index.root

    def set_image_root(self, root: str | Path) -> None:
        """Point the project at a moved image folder (hashes keep the work attached)."""
        root = Path(root).resolve()
        self.store.set_meta("image_root", _portable_root(root, Path(self.path)))
        self.index.root = root

    # ---------------------------------------------------------------- taxonomy
    @property
    def taxonomy_version(self) -> int:
        return int(self.store.scalar("SELECT max(version) FROM taxonomy_versions") or 0)

    @property
    def taxonomy(self) -> Taxonomy:
        return self.taxonomy_at(self.taxonomy_version)

    def taxonomy_at(self, version: int) -> Taxonomy:
        cached = self._taxonomy_cache.get(version)
        if cached is None:
            text = self.store.scalar(
                "SELECT taxonomy FROM taxonomy_versions WHERE version = ?", (version,)
            )
            if text is None:
                raise NotFoundError(f"taxonomy version {version} is not in this project")
            cached = self._taxonomy_cache[version] = Taxonomy.from_json(text)
        return cached

    def label_ids_at(self, version: int) -> frozenset[str]:
        """Every label id of a taxonomy version, retired ones included (versions never change)."""
        ids = self._label_ids_cache.get(version)
        if ids is None:
            labels = self.taxonomy_at(version).labels
            ids = self._label_ids_cache[version] = frozenset(lab.id for lab in labels)
        return ids

    def record_rules(self, kind: AnnotationKind | None = None) -> RecordRules:
        """What ``labeler.validation`` checks a record against here: this project's taxonomy
        versions (every label a version ever had) and its annotation kind (``kind``, when the
        caller has just read it: submit is the labeling hot path)."""

        def labels_at(version: int) -> frozenset[str] | None:
            try:
                return self.label_ids_at(version)
            except NotFoundError:
                return None

        return RecordRules(labels_at, self.kind if kind is None else kind)

    def taxonomy_versions(self) -> list[TaxonomyVersion]:
        rows = self.store.query("SELECT * FROM taxonomy_versions ORDER BY version")
        return [
            TaxonomyVersion(
                r["version"], Taxonomy.from_json(r["taxonomy"]), r["created_at"], r["source"]
            )
            for r in rows
        ]

    def update_taxonomy(self, taxonomy: Taxonomy, source: str = "") -> int:
        """Store ``taxonomy`` as a new version; labels it drops stay, retired. Returns the version."""
        current = self.taxonomy
        merged = current.merged_with(taxonomy)
        if merged.to_json() == current.to_json():
            return self.taxonomy_version
        with self.store.write() as db:
            version = self.taxonomy_version + 1
            db["taxonomy_versions"].insert(
                {
                    "version": version,
                    "created_at": now(),
                    "source": source,
                    "taxonomy": merged.to_json(),
                }
            )
        return version

    # ---------------------------------------------------------------- workers
    def workers(self) -> list[str]:
        return [r["name"] for r in self.store.query("SELECT name FROM workers ORDER BY name")]

    def add_worker(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise LabelerError("a worker needs a name")
        if len(name) > 80:
            raise LabelerError("a worker's name can be at most 80 characters")
        validation.text(name, "a worker's name", 80)
        with self.store.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO workers (name, created_at) VALUES (?, ?)", (name, now())
            )
        return name

    def worker_settings(self, name: str) -> dict[str, Any]:
        text = self.store.scalar("SELECT settings FROM workers WHERE name = ?", (name,))
        if text is None:
            raise NotFoundError(f"no worker named {name!r}; add the worker first")
        return json.loads(text)

    def set_worker_settings(self, name: str, settings: dict[str, Any]) -> None:
        with self.store.write() as db:
            cur = db.execute(
                "UPDATE workers SET settings = ? WHERE name = ?",
                (json.dumps(settings, ensure_ascii=False), name),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no worker named {name!r}; add the worker first")

    def worker_stats(self) -> list[dict]:
        """Per worker: submissions in all and today (UTC), for the `workers` command."""
        today = now()[:10]
        return self.store.query(
            """
            SELECT w.name,
                   count(s.uuid) AS submitted,
                   sum(CASE WHEN substr(s.submitted_at, 1, 10) = ? THEN 1 ELSE 0 END) AS today,
                   max(s.submitted_at) AS last
            FROM workers w LEFT JOIN submissions s ON s.worker = w.name
            GROUP BY w.name ORDER BY w.name
            """,
            (today,),
        )


def _portable_root(root: Path, store_path: Path) -> str:
    """Store the image folder relative to the project file when it lies beside or below it,
    so a project folder copied to another PC or drive letter still finds its images."""
    try:
        return (
            os.path.relpath(root, store_path.parent)
            if root.is_relative_to(store_path.parent)
            else str(root)
        )
    except ValueError:  # another drive on Windows
        return str(root)
