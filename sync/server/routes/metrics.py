"""`GET /metrics`: Prometheus text format, for the admin token or a dedicated metrics token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.server import metrics
from sync.server.credentials import same_secret, token_sha256
from sync.server.deps import StateDep
from sync.server.errors import ForbiddenError, UnauthorizedError

router = APIRouter(tags=["operations"])
_bearer = HTTPBearer(auto_error=False, description="the metrics token, or `admin.<secret>`")


def _scraper(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    if credentials is None:
        raise UnauthorizedError("metrics need `Authorization: Bearer <metrics token>`")
    given = credentials.credentials
    token = state.settings.metrics_token
    if token and same_secret(given, token_sha256(token)):
        return
    principal, dot, secret = given.partition(".")
    if not dot or not principal or not secret:
        raise UnauthorizedError("malformed credentials; expected the metrics token or admin.…")
    if state.registry.authenticate(principal, secret).role != "admin":
        raise ForbiddenError("metrics are for the metrics token or the admin")


@router.get("/metrics", response_class=Response, dependencies=[Depends(_scraper)])
async def get_metrics() -> Response:
    """Requests and latencies per route, bundles stored and refused by kind, 503s shed,
    ingest queue depth (``hitl_*``)."""
    body, content_type = await run_in_threadpool(metrics.exposition)
    return Response(body, media_type=content_type)
