"""The model registry: ONNX models attached to a project, served to its PCs, and judged.

The admin attaches a model file with its settings (task, class map to taxonomy ids, input
size, thresholds). The server checks that the file loads and has the layout the settings
say *before* it is attached, keeps it, and names the active
one in the signed project pack by SHA-256. PCs (and supervisors' relays) download it by that
hash, resumably (HTTP Range). The bytes live in the database (every API process on every
host serves them; each keeps a verified local copy in ``DATA/models/`` to serve ranges from).
The report card is computed from the feedback records and the
final answers the PCs sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from labeler.errors import ModelError
from labeler.models.report import FeedbackItem, ModelCard, report_card
from labeler.models.spec import ModelSpec, map_classes
from sync.server import storage as db
from sync.server.errors import ForbiddenError, NotFoundError, ServerError
from sync.server.registry import Principal, Registry
from sync.server.storage import Storage, utcnow


@dataclass(frozen=True)
class AttachedModel:
    project_id: str
    spec: ModelSpec
    size: int
    active: bool
    added_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "size": self.size,
            "active": self.active,
            "added_at": self.added_at,
            **self.spec.to_dict(),
        }


class ModelRegistry:
    """Models of every project, over the server's storage and its ``models`` folder."""

    def __init__(self, storage: Storage, registry: Registry, folder: Path) -> None:
        self.storage = storage
        self.registry = registry
        self.folder = folder

    # ---------------------------------------------------------------- attaching
    def attach(
        self,
        project_ref: str,
        path: str | Path,
        *,
        task: str = "detect",
        mapping: dict[str, str | None] | None = None,
        class_names: list[str] | None = None,
        input_size: tuple[int, int] | None = None,
        score_threshold: float = 0.25,
        iou_threshold: float = 0.45,
        name: str = "",
        version: str = "",
    ) -> tuple[AttachedModel, list[str]]:
        """Check and attach a model file; it becomes the project's active model. Returns it
        and the model's class names that map to no label (their predictions are dropped)."""
        from labeler.models.runtime import OnnxModel, describe, sha256_of

        info = self.registry.project(project_ref)
        src = Path(path)
        try:
            described = describe(src)
        except ModelError as exc:
            raise ServerError(str(exc)) from None
        names = list(class_names or described.class_names)
        if not names:
            raise ServerError(
                "the model file does not list its class names; give them (--classes FILE,"
                " one per line, in the model's order)"
            )
        label_names = {
            n: lab.id for lab in info.taxonomy.labels if not lab.retired for n in lab.names.values()
        }
        current = [lab.id for lab in info.taxonomy.labels if not lab.retired]
        try:
            classes, unmapped = map_classes(names, current, label_names, mapping)
            spec = ModelSpec(
                task=task,
                classes=classes,
                class_names=tuple(names),
                input_size=input_size or described.input_size or (640, 640),
                score_threshold=score_threshold,
                iou_threshold=iou_threshold,
                name=name or src.stem,
                version=version,
                sha256=sha256_of(src),
            )
            OnnxModel.load(src, spec)  # loads, runs once on a blank image, layout checked
        except ModelError as exc:
            raise ServerError(str(exc)) from None
        if (
            task == "classify"
            and "classification" not in info.kind
            and "multilabel" not in info.kind
        ):
            raise ServerError(
                f"project {info.name!r} ({info.kind}) has no image labels to classify"
            )
        self._keep_file(src, spec.sha256)
        stamp = utcnow()
        size = src.stat().st_size
        m = db.models
        with self.storage.write() as conn:
            conn.execute(m.update().where(m.c.project_id == info.id).values(active=0))
            exists = conn.execute(
                select(m.c.sha256).where(m.c.project_id == info.id, m.c.sha256 == spec.sha256)
            ).first()
            values = {"spec": json.dumps(spec.to_dict()), "size": size, "active": 1}
            if exists:
                conn.execute(
                    m.update()
                    .where(m.c.project_id == info.id, m.c.sha256 == spec.sha256)
                    .values(**values)
                )
            else:
                conn.execute(
                    m.insert().values(
                        project_id=info.id, sha256=spec.sha256, added_at=stamp, **values
                    )
                )
        return self.active(info.id), unmapped  # type: ignore[return-value]

    def _keep_file(self, src: Path, sha256: str) -> None:
        """The file's bytes go into the database, so every API process can serve them."""
        with self.storage.write() as conn:
            have = conn.execute(
                select(db.model_files.c.sha256).where(db.model_files.c.sha256 == sha256)
            ).first()
            if have is None:
                conn.execute(
                    db.model_files.insert().values(
                        sha256=sha256, data=src.read_bytes(), created_at=utcnow()
                    )
                )

    def _cached_file(self, sha256: str) -> Path:
        """This host's copy of the model file (made from the database on first use), which
        the download route serves with HTTP Range."""
        final = self.folder / f"{sha256}.onnx"
        if final.is_file():
            return final
        with self.storage.read() as conn:
            data = conn.execute(
                select(db.model_files.c.data).where(db.model_files.c.sha256 == sha256)
            ).scalar()
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            raise NotFoundError(
                f"the file of model {sha256[:12]}… is missing or damaged in the database;"
                " attach the model again"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.folder / f".{sha256}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            with temp.open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, final)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        return final

    def detach(self, project_ref: str) -> None:
        """The project has no active model any more (PCs stop suggesting on their next pack)."""
        info = self.registry.project(project_ref)
        with self.storage.write() as conn:
            conn.execute(
                db.models.update().where(db.models.c.project_id == info.id).values(active=0)
            )

    # ---------------------------------------------------------------- reading
    def models(self, project_id: str | None = None) -> list[AttachedModel]:
        m = db.models
        q = select(m).order_by(m.c.added_at)
        if project_id:
            q = q.where(m.c.project_id == project_id)
        with self.storage.read() as conn:
            rows = conn.execute(q).all()
        return [
            AttachedModel(
                r.project_id,
                ModelSpec.from_dict(json.loads(r.spec)),
                r.size,
                bool(r.active),
                r.added_at,
            )
            for r in rows
        ]

    def active(self, project_id: str) -> AttachedModel | None:
        return next((a for a in self.models(project_id) if a.active), None)

    def file_for(self, caller: Principal, sha256: str) -> Path:
        """The model file, if ``caller`` may have it: the admin, or a PC or relay of a project
        the model is attached to."""
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise NotFoundError("no such model")
        owners = {a.project_id for a in self.models() if a.spec.sha256 == sha256}
        if not owners:
            raise NotFoundError(f"no model {sha256[:12]}… is attached to a project here")
        if caller.role != "admin" and caller.project_id not in owners:
            raise ForbiddenError("this model belongs to another project")
        return self._cached_file(sha256)

    # ---------------------------------------------------------------- report card
    def report(self, project_id: str) -> dict[str, ModelCard]:
        """Report cards per model of the project, from what its PCs sent."""
        f, s = db.model_feedback, db.submissions
        q = (
            select(
                f.c.model_sha256,
                f.c.image_sha256,
                s.c.image_path,
                f.c.outcomes,
                s.c.shapes,
                f.c.worker,
            )
            .join(s, s.c.uuid == f.c.submission_uuid)
            .where(f.c.project_id == project_id)
            .order_by(f.c.created_at, f.c.uuid)
        )
        with self.storage.read() as conn:
            rows = conn.execute(q).all()
        return report_card(
            FeedbackItem(
                r.model_sha256,
                r.image_sha256,
                r.image_path,
                json.loads(r.outcomes),
                json.loads(r.shapes),
                r.worker,
            )
            for r in rows
        )

    def names(self) -> dict[str, str]:
        return {a.spec.sha256: a.spec.short for a in self.models()}
