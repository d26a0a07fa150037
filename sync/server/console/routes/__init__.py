"""The console's pages, one module per area; ``console_router`` joins them under /admin."""

from __future__ import annotations

from fastapi import APIRouter

from sync.server.console.routes import auth, devices, exports, gold, pages, proposals


def console_router() -> APIRouter:
    router = APIRouter(prefix="/admin", include_in_schema=False)
    for module in (auth, pages, proposals, devices, exports, gold):
        router.include_router(module.router)
    return router
