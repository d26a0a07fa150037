"""The `/v1` HTTP API, one module per resource (PROTOCOL.md, "HTTP API")."""

from __future__ import annotations

from fastapi import APIRouter

from sync.server.routes import (
    admin,
    bundles,
    devices,
    exports,
    health,
    models,
    project,
    receipts,
    station,
)


def api_router() -> APIRouter:
    router = APIRouter(prefix="/v1")
    for module in (health, bundles, receipts, devices, project, admin, models, exports, station):
        router.include_router(module.router)
    return router
