"""`GET /v1/devices/{device_id}/sequence` (which bundles are missing) and admin revocation."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from sync.server import reports
from sync.server import storage as db
from sync.server.deps import AdminDep, StateDep, StorageDep, UploaderDep
from sync.server.errors import ForbiddenError, NotFoundError
from sync.server.registry import Principal
from sync.server.schemas import ErrorBody, Revoked, Sequence
from sync.server.storage import Storage

router = APIRouter(tags=["devices"])
_ERRORS = {code: {"model": ErrorBody} for code in (401, 403, 404)}


def check_device_access(caller: Principal, device_id: str, storage: Storage) -> None:
    """A device sees only itself; a relay sees the devices of its project."""
    if caller.role == "device":
        if caller.id != device_id:
            raise ForbiddenError("a PC may ask only about its own bundles")
        return
    with storage.read() as conn:
        project = conn.execute(
            select(db.devices.c.project_id).where(db.devices.c.id == device_id)
        ).scalar()
    if project is None or (caller.role == "relay" and project != caller.project_id):
        raise NotFoundError(f"no device {device_id} in your project")


@router.get("/devices/{device_id}/sequence", response_model=Sequence, responses=_ERRORS)
def get_sequence(device_id: str, caller: UploaderDep, storage: StorageDep) -> Sequence:
    """Highest unbroken sequence number and the gaps: so a lost drive is noticed."""
    check_device_access(caller, device_id, storage)
    return Sequence(**reports.sequence(storage, device_id))


@router.post("/devices/{device_id}/revoke", response_model=Revoked, responses=_ERRORS)
def revoke_device(device_id: str, _admin: AdminDep, state: StateDep) -> Revoked:
    """The device's credentials and bundles are refused from now on; its stored work stays."""
    state.registry.revoke_device(device_id)
    return Revoked(device_id=device_id, revoked=True)
