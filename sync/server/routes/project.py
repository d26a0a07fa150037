"""`GET /v1/project` and `/v1/project/updates`: the signed project pack of the caller's project."""

from __future__ import annotations

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from sync import gold_seal
from sync.server import answers, gold, quality
from sync.server.deps import AppState, StateDep, UploaderDep
from sync.server.registry import Principal, Reader
from sync.server.schemas import ErrorBody, SignedPack
from sync.station.roster import roster_hash

router = APIRouter(tags=["project"])
_ERRORS = {code: {"model": ErrorBody} for code in (401, 403)}


def _reader(caller: Principal, state: AppState) -> Reader:
    """Gold answers go to supervisor stations (in the clear, with the key) and relays
    (sealed: their pack goes onto drives), never to a worker's PC."""
    if caller.role == "relay":
        return "relay"
    return "station" if quality.supervisor(state.storage, caller.id) is not None else "worker"


@router.get("/project", response_model=SignedPack, responses=_ERRORS)
def get_project(caller: UploaderDep, state: StateDep) -> JSONResponse:
    pack = state.registry.pack(caller.project_id or "", reader=_reader(caller, state))
    return JSONResponse(pack)


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
    gold_since: int | None = Query(
        None, ge=0, description="the caller's gold version (gold images the admin marked)"
    ),
    gold_key: str | None = Query(
        None, max_length=64, description="a station's gold key id (empty: it holds none)"
    ),
) -> Response:
    """The pack if its taxonomy version is newer than ``since``, or (when ``model`` is given,
    even empty) it names another model than ``model``, or (when ``answers_since`` is given)
    its answers version is newer, or its list of supervisor stations differs from the one
    whose fingerprint is ``roster``, or (when ``gold_since`` is given) the admin marked gold
    images after that gold version, or (a supervisor station giving ``gold_key``) the
    station holds another gold key than the project's; else 204 No Content."""
    info = state.registry.project(caller.project_id or "")
    active = state.models.active(info.id) if model is not None else None
    model_changed = model is not None and (active.spec.sha256 if active else "") != model
    newer_answers = answers_since is not None and (
        answers.version(state.storage, info.id) > answers_since
    )
    roster_changed = roster is not None and roster != roster_hash(
        quality.supervisors(state.storage, info.id)  # the pack's list: no pack built to ask
    )
    newer_gold = False
    if gold_since is not None:
        with state.storage.read() as conn:
            newer_gold = gold.version(conn, info.id) > gold_since
    reader = _reader(caller, state) if gold_key is not None else None  # a station asks so
    other_key = reader == "station" and gold_key != gold_seal.key_id(
        state.registry.gold_key(info.id)
    )
    if (
        info.taxonomy_version <= since
        and not model_changed
        and not newer_answers
        and not roster_changed
        and not newer_gold
        and not other_key
    ):
        return Response(status_code=204)
    return JSONResponse(state.registry.pack(info.id, reader=reader or _reader(caller, state)))
