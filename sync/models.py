"""A model named by the project pack reaches the PC: by network (resumable) or USB drive.

The signed pack names the model by SHA-256 with its settings; ``apply_pack_model`` records
that, and the file is then fetched (``download_model``: HTTP Range from where a cut download
stopped, kept as ``.<sha>.part`` in the project's models folder) or copied from a drive's
``HITL/models/<sha256>.onnx`` (``model_from_drive``). Either way the file gets its real name
only once its SHA-256 is the one the pack names; a wrong file is thrown away, never loaded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

import requests

from labeler.errors import LabelerError, ModelMismatchError
from labeler.models.cache import ModelEntry
from labeler.models.spec import ModelSpec
from labeler.project import Project
from sync.errors import SyncError
from sync.http import HttpSession, OfflineError

log = logging.getLogger(__name__)
MODELS_DIR = "models"  # on a USB drive: HITL/models/<sha256>.onnx
_CHUNK = 1 << 16


def apply_pack_model(project: Project, pack: dict[str, Any]) -> ModelEntry | None:
    """Record the model a verified pack names (or that it names none any more)."""
    if "model" not in pack:
        return project.models.active()
    doc = pack["model"]
    if doc is None:
        active = project.models.active()
        if active is not None and active.source == "pack":
            project.models.set_active(None)
        return None
    try:
        spec = ModelSpec.from_dict(doc)
    except LabelerError as exc:
        raise SyncError(f"the project pack names a model with bad settings ({exc})") from exc
    return project.models.expect(spec, "pack")


def pack_model_sha(project: Project) -> str:
    """The SHA-256 of the model this PC has from its pack ('' for none), for updates."""
    active = project.models.active()
    return active.sha256 if active is not None and active.source == "pack" else ""


def fetch_resumable(
    http: HttpSession, sha256: str, part: Path, stop: threading.Event | None
) -> None:
    """Bring ``part`` up to the whole model file, asking only for the bytes it lacks."""
    have = part.stat().st_size if part.exists() else 0
    resp = http.request(
        "GET",
        f"/v1/models/{sha256}/file",
        headers={"Range": f"bytes={have}-"} if have else None,
        ok=(200, 206, 416),
        stream=True,
    )
    try:
        if resp.status_code == 416:  # the part is not a prefix of this file: start over
            part.unlink()
            return fetch_resumable(http, sha256, part, stop)
        with part.open("ab" if resp.status_code == 206 else "wb") as f:
            try:
                for chunk in resp.iter_content(_CHUNK):
                    if stop is not None and stop.is_set():
                        raise OfflineError("the model download was stopped; it resumes next time")
                    f.write(chunk)
            except requests.exceptions.RequestException as exc:
                raise OfflineError(
                    "the link dropped during the model download; it resumes next time"
                ) from exc
            finally:
                f.flush()
                os.fsync(f.fileno())
    finally:
        resp.close()


def download_model(
    http: HttpSession, project: Project, sha256: str, *, stop: threading.Event | None = None
) -> Path:
    """Fetch the model file by its hash, resuming a partial download; returns its path."""
    folder = project.models.folder
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{sha256}.part"
    fetch_resumable(http, sha256, part, stop)
    try:
        return project.models.place_file(part, sha256)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()  # placed (copied under its real name), or wrong: start over


def model_from_drive(project: Project, hitl_root: Path) -> Path | None:
    """Copy the pack's model from a drive's ``HITL/models/`` if the PC lacks it (verified)."""
    for entry in project.models.missing_files():
        candidate = hitl_root / MODELS_DIR / f"{entry.sha256}.onnx"
        if candidate.is_file():
            return project.models.place_file(candidate, entry.sha256)
    return None


def model_to_drive(http: HttpSession, sha256: str, hitl_root: Path) -> bool:
    """Put the model a pack names on the drive (a supervisor's push); False if it is there."""
    from labeler.models.runtime import sha256_of

    folder = hitl_root / MODELS_DIR
    final = folder / f"{sha256}.onnx"
    if final.is_file() and sha256_of(final) == sha256:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{sha256}.part"
    fetch_resumable(http, sha256, part, None)
    if sha256_of(part) != sha256:
        part.unlink()
        raise ModelMismatchError("the model downloaded for the drive is damaged; push again")
    os.replace(part, final)
    return True
