"""`GET /v1/project` and `/v1/project/updates`: the signed project pack of the caller's project."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from sync.server import answers, quality
from sync.server.deps import StateDep, UploaderDep
from sync.server.schemas import ErrorBody, SignedPack
from sync.station.roster import roster_hash

router = APIRouter(tags=["project"])
_ERRORS = {code: {"model": ErrorBody} for code in (401, 403)}


@router.get("/project", response_model=SignedPack, responses=_ERRORS)
def get_project(caller: UploaderDep, state: StateDep) -> JSONResponse:
    return JSONResponse(state.registry.pack(caller.project_id or ""))


@router.get(
    "/project/updates",
    response_model=SignedPack,
    responses={204: {"description": "the caller has the newest taxonomy"}, **_ERRORS},
)
def get_project_updates(
    caller: UploaderDep,
    state: StateDep,
    since: int = Query(0, ge=0, description="the caller's taxonomy version"),
    model: str | None = Query(None, max_length=64, description="SHA-256 of the PC's model"),
    answers_since: int | None = Query(
        None, ge=0, description="the caller's answers version (answers to label proposals)"
    ),
    roster: str | None = Query(None, max_length=64, description="fingerprint of its stations"),
) -> Response:
    """The pack if its taxonomy version is newer than ``since``, or (when ``model`` is given,
    even empty) it names another model than ``model``, or (when ``answers_since`` is given)
    its answers version is newer, or its list of supervisor stations differs from the one
    whose fingerprint is ``roster``; else 204 No Content."""
    info = state.registry.project(caller.project_id or "")
    active = state.models.active(info.id) if model is not None else None
    model_changed = model is not None and (active.spec.sha256 if active else "") != model
    newer_answers = answers_since is not None and (
        answers.version(state.storage, info.id) > answers_since
    )
    roster_changed = roster is not None and roster != roster_hash(
        quality.supervisors(state.storage, info.id)  # the pack's list: no pack built to ask
    )
    if (
        info.taxonomy_version <= since
        and not model_changed
        and not newer_answers
        and not roster_changed
    ):
        return Response(status_code=204)
    return JSONResponse(state.registry.pack(info.id))
