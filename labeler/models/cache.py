"""The project's models and the predictions cached per image and model.

Model files live beside the project file in ``<project>.models/<sha256>.onnx``, named by
their hash, so a file is what its name says and a copied project folder keeps them. A model
named by the project pack is known (``models`` row, ``file`` NULL) before its file arrives;
``place_file`` accepts a file only if its SHA-256 is the one named. Predictions are cached
by (image SHA-256, model SHA-256): the same image is never run twice through one model.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from labeler.errors import ModelFileError, ModelMismatchError, NotFoundError
from labeler.models.predictions import Prediction, dumps, loads
from labeler.models.spec import ModelSpec
from labeler.store import now

if TYPE_CHECKING:
    from labeler.project import Project

META_ACTIVE = "active_model"
SOURCES = ("pack", "file", "import")


@dataclass(frozen=True)
class ModelEntry:
    spec: ModelSpec
    file: Path | None  # None until the file has arrived (or for imported predictions)
    source: str
    added_at: str
    problem: str | None

    @property
    def sha256(self) -> str:
        return self.spec.sha256


class ProjectModels:
    """The models of one project, and its prediction cache."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.store = project.store
        p = Path(project.path)
        self.folder = p.with_name(p.stem + ".models")

    # ---------------------------------------------------------------- models
    def entries(self) -> list[ModelEntry]:
        rows = self.store.query("SELECT * FROM models ORDER BY added_at")
        return [self._entry(r) for r in rows]

    def get(self, sha256: str) -> ModelEntry:
        rows = self.store.query("SELECT * FROM models WHERE sha256 = ?", (sha256,))
        if not rows:
            raise NotFoundError(f"no model {sha256[:12]}… in this project")
        return self._entry(rows[0])

    def _entry(self, r: dict) -> ModelEntry:
        file = self.folder / r["file"] if r["file"] else None
        return ModelEntry(
            ModelSpec.from_dict(json.loads(r["spec"])),
            file,
            r["source"],
            r["added_at"],
            r["problem"],
        )

    def active(self) -> ModelEntry | None:
        """The model that makes suggestions here, if any."""
        sha = self.store.get_meta(META_ACTIVE)
        if not sha:
            return None
        try:
            return self.get(sha)
        except NotFoundError:
            return None

    def set_active(self, sha256: str | None) -> None:
        with self.store.write() as db:  # the writer sees a model added in this transaction
            if (
                sha256
                and not db.execute("SELECT 1 FROM models WHERE sha256 = ?", (sha256,)).fetchone()
            ):
                raise NotFoundError(f"no model {sha256[:12]}… in this project")
            self.store.set_meta(META_ACTIVE, sha256 or "")

    def expect(self, spec: ModelSpec, source: str = "pack") -> ModelEntry:
        """Know a model by its hash (from a verified pack) before its file arrives; it
        becomes the active one."""
        if not spec.sha256:
            raise ModelMismatchError("a model named by a pack must carry its SHA-256")
        with self.store.write() as db:
            db.execute(
                "INSERT INTO models (sha256, spec, source, added_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(sha256) DO UPDATE SET spec = excluded.spec",
                (spec.sha256, json.dumps(spec.to_dict()), source, now()),
            )
            self.set_active(spec.sha256)
            row = db.execute("SELECT * FROM models WHERE sha256 = ?", (spec.sha256,))
            cols = [d[0] for d in row.description]
            return self._entry(dict(zip(cols, row.fetchone(), strict=True)))

    def add_file(self, path: str | Path, spec: ModelSpec, source: str = "file") -> ModelEntry:
        """A standalone project loads a model file directly: copied in, named by its hash,
        checked to load with ``spec``, and made active."""
        from labeler.models.runtime import OnnxModel, sha256_of

        src = Path(path)
        try:
            sha = sha256_of(src)
        except OSError as exc:
            raise ModelFileError(f"{src}: cannot read the model file ({exc.strerror})") from exc
        spec = spec.with_hash(sha)
        OnnxModel.load(src, spec)  # refuses a broken file or a layout unlike the settings
        self.expect(spec, source)
        self.place_file(src, sha)
        return self.get(sha)

    def place_file(self, src: str | Path, sha256: str) -> Path:
        """Copy a model file in if (and only if) its SHA-256 is ``sha256``; written to a
        temporary name, fsynced and renamed, so a half copy never has the real name."""
        src = Path(src)
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{sha256}.onnx"
        temp = self.folder / f".{sha256}.{os.getpid()}.tmp"
        h = hashlib.sha256()
        try:
            with src.open("rb") as fin, temp.open("wb") as fout:
                while chunk := fin.read(1 << 20):
                    h.update(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            if h.hexdigest() != sha256:
                raise ModelMismatchError(
                    f"{src.name}: this model file is not the one the project names (SHA-256"
                    f" {h.hexdigest()[:12]}…, expected {sha256[:12]}…); copy it again"
                )
            os.replace(temp, final)
        except OSError as exc:
            raise ModelFileError(f"{src}: cannot copy the model file ({exc.strerror})") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        with self.store.write() as db:
            db.execute(
                "UPDATE models SET file = ?, problem = NULL WHERE sha256 = ?", (final.name, sha256)
            )
        return final

    def missing_files(self) -> list[ModelEntry]:
        """Models named by the pack whose file has not arrived (or was lost)."""
        return [
            e
            for e in self.entries()
            if e.source != "import" and (e.file is None or not e.file.is_file())
        ]

    def note_problem(self, sha256: str, message: str | None) -> bool:
        """Remember why a model cannot be used; True if this is news (report it once)."""
        with self.store.write() as db:
            cur = db.execute(
                "UPDATE models SET problem = ? WHERE sha256 = ? AND problem IS NOT ?",
                (message, sha256, message),
            )
            return cur.rowcount > 0

    def remove_file(self, sha256: str) -> None:
        entry = self.get(sha256)
        if entry.file is not None:
            with contextlib.suppress(FileNotFoundError):
                entry.file.unlink()
        with self.store.write() as db:
            db.execute("UPDATE models SET file = NULL WHERE sha256 = ?", (sha256,))

    # ---------------------------------------------------------------- predictions
    def cached(self, image_sha256: str, model_sha256: str) -> list[Prediction] | None:
        text = self.store.scalar(
            "SELECT predictions FROM predictions WHERE image_sha256 = ? AND model_sha256 = ?",
            (image_sha256, model_sha256),
        )
        return None if text is None else loads(text)

    def cache(self, image_sha256: str, model_sha256: str, preds: list[Prediction]) -> None:
        with self.store.write() as db:
            db.execute(
                "INSERT INTO predictions (image_sha256, model_sha256, predictions, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (image_sha256, model_sha256) DO UPDATE SET"
                " predictions = excluded.predictions, created_at = excluded.created_at",
                (image_sha256, model_sha256, dumps(preds), now()),
            )

    def cached_count(self, model_sha256: str) -> int:
        return int(
            self.store.scalar(
                "SELECT count(*) FROM predictions WHERE model_sha256 = ?", (model_sha256,)
            )
        )

    def copy_to(self, sha256: str, dest: str | Path) -> Path:
        """Copy the model file out (to a USB drive, for example)."""
        entry = self.get(sha256)
        if entry.file is None or not entry.file.is_file():
            raise ModelFileError(f"the file of model {entry.spec.short} is not on this PC")
        return Path(shutil.copyfile(entry.file, dest))
