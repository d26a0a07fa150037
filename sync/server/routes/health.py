"""`GET /v1/health`: a cheap probe that also tells the caller its credentials work."""

from __future__ import annotations

from fastapi import APIRouter

from sync.server.deps import AnyCallerDep
from sync.server.schemas import Health
from sync.server.storage import utcnow

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(caller: AnyCallerDep) -> Health:
    return Health(ok=True, server_time=utcnow(), role=caller.role)
