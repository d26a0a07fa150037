"""Models (issue 15): attach and list (admin), download by SHA-256 (PCs, relays; HTTP Range,
so a cut download resumes), and the report card with the hard examples (admin)."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse

from labeler.errors import LabelerError
from labeler.models.report import hard_examples_csv
from labeler.models.spec import parse_mapping
from sync.server.deps import AdminDep, AnyCallerDep, StateDep
from sync.server.errors import ServerError
from sync.server.schemas import ErrorBody

router = APIRouter(tags=["models"])
_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 404, 413)}


@router.post("/models", responses=_ERRORS)
async def attach_model(
    request: Request,
    _admin: AdminDep,
    state: StateDep,
    project: str | None = Query(None, description="name or id; optional with one project"),
    task: str = Query("detect", description="detect or classify"),
    map: str = Query("", description="model_class=label_id, comma separated; =- ignores one"),
    classes: str = Query(
        "",
        description="the model's class names in order, comma separated,"
        " when the file does not list them",
    ),
    input_size: int | None = Query(None, ge=8, le=4096),
    score_threshold: float = Query(0.25, ge=0, le=1),
    iou_threshold: float = Query(0.45, ge=0, le=1),
    name: str = Query("", max_length=200),
    version: str = Query("", max_length=100),
) -> JSONResponse:
    """Attach the ONNX file in the body (``application/octet-stream``) to the project; it
    becomes the model its pack names. The file is checked to load and to have the layout
    the settings say before anything is stored."""
    body = await request.body()
    if not body:
        raise ServerError("send the model file as the request body")
    info = await run_in_threadpool(state.registry.default_project, project)
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=state.settings.data_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        try:
            mapping = parse_mapping(map)
        except LabelerError as exc:
            raise ServerError(str(exc)) from None
        attached, unmapped = await run_in_threadpool(
            lambda: state.models.attach(
                info.id,
                tmp,
                task=task,
                mapping=mapping,
                class_names=[c.strip() for c in classes.split(",") if c.strip()] or None,
                input_size=(input_size, input_size) if input_size else None,
                score_threshold=score_threshold,
                iou_threshold=iou_threshold,
                name=name or "model",
                version=version,
            )
        )
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return JSONResponse({"model": attached.to_dict(), "unmapped_classes": unmapped})


@router.delete("/models/active", responses=_ERRORS)
def detach_model(
    _admin: AdminDep, state: StateDep, project: str | None = Query(None)
) -> dict[str, Any]:
    """The project stops suggesting (its pack names no model)."""
    info = state.registry.default_project(project)
    state.models.detach(info.id)
    return {"project_id": info.id, "model": None}


@router.get("/models", responses=_ERRORS)
def list_models(caller: AnyCallerDep, state: StateDep) -> list[dict[str, Any]]:
    """Models attached to the caller's project (every project for the admin)."""
    return [a.to_dict() for a in state.models.models(caller.project_id)]


@router.get(
    "/models/{sha256}/file",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, 206: {}, **_ERRORS},
)
def download_model(caller: AnyCallerDep, state: StateDep, sha256: str) -> FileResponse:
    """The model file; ``Range: bytes=N-`` resumes a cut download (206)."""
    path = state.models.file_for(caller, sha256)
    return FileResponse(path, media_type="application/octet-stream", filename=path.name)


@router.get("/models/report", responses=_ERRORS)
def model_report(
    _admin: AdminDep, state: StateDep, project: str | None = Query(None)
) -> dict[str, Any]:
    """Per model and label: right, false alarms, missed, precision, recall, mean IoU."""
    info = state.registry.default_project(project)
    names = state.models.names()
    cards = state.models.report(info.id)
    return {
        "project_id": info.id,
        "models": [card.to_dict() | {"name": names.get(sha, "")} for sha, card in cards.items()],
    }


@router.get("/models/hard-examples", response_class=PlainTextResponse, responses=_ERRORS)
def hard_examples(
    _admin: AdminDep, state: StateDep, project: str | None = Query(None)
) -> PlainTextResponse:
    """CSV of the images where a model was wrong, worst first (what to train on next)."""
    info = state.registry.default_project(project)
    text = hard_examples_csv(state.models.report(info.id))
    name = f"hard-examples-{secrets.token_hex(2)}.csv"
    return PlainTextResponse(
        text,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
