"""`POST /v1/bundles`: a device or relay uploads one bundle file and gets a signed receipt."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from sync.server import metrics, refusals
from sync.server.deps import StateDep, UploaderDep
from sync.server.errors import ServerError
from sync.server.schemas import ErrorBody, SignedReceipt

router = APIRouter(tags=["bundles"])

_ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 403, 409, 413, 422, 503)}


@router.post(
    "/bundles",
    response_model=SignedReceipt,
    responses=_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload_bundle(request: Request, caller: UploaderDep, state: StateDep) -> JSONResponse:
    """Verify and store a bundle; the same bytes again return the same receipt (idempotent).

    409 when other bytes were already received under the same (device, seq): nothing is
    applied and the admin sees the conflict. 503 ``busy`` with ``Retry-After`` when the
    server has too much work in flight: send the same bytes again after that long.
    """
    data = await request.body()  # bounded by the BodyLimit middleware
    try:
        async with request.app.state.gate.ingest_slot():  # 503 busy if none frees up in time
            receipt = await run_in_threadpool(state.ingest.ingest, data, caller)
    except ServerError as exc:
        if exc.kind != "busy":
            metrics.REJECTIONS.labels(exc.kind).inc()
        # the admin console lists refusals with what to do
        await run_in_threadpool(refusals.record, state.storage, data, caller, exc.kind, str(exc))
        raise
    metrics.BUNDLES.inc()
    metrics.SUBMISSIONS.inc(len(receipt["receipt"]["accepted"]))
    if receipt["receipt"]["rejected"]:
        metrics.REJECTIONS.labels("record").inc(len(receipt["receipt"]["rejected"]))
    return JSONResponse(receipt)
