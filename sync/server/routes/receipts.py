"""`GET /v1/receipts/{device_id}/{seq}`: a receipt again (e.g. after a dropped link)."""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import select

from sync.server import storage as db
from sync.server.deps import StorageDep, UploaderDep
from sync.server.errors import NotFoundError
from sync.server.routes.devices import check_device_access
from sync.server.schemas import ErrorBody, SignedReceipt

router = APIRouter(tags=["receipts"])


@router.get(
    "/receipts/{device_id}/{seq}",
    response_model=SignedReceipt,
    responses={code: {"model": ErrorBody} for code in (401, 403, 404)},
)
def get_receipt(device_id: str, seq: int, caller: UploaderDep, storage: StorageDep) -> JSONResponse:
    check_device_access(caller, device_id, storage)
    b = db.bundles
    with storage.read() as conn:
        row = conn.execute(
            select(b.c.receipt, b.c.signature).where(b.c.device_id == device_id, b.c.seq == seq)
        ).first()
    if row is None:
        raise NotFoundError(f"bundle {seq} of device {device_id} has not arrived")
    return JSONResponse({"receipt": json.loads(row.receipt), "signature": row.signature})
