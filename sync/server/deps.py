"""Annotated dependencies: the app's state, its storage, and who is calling.

Every route takes one of the caller dependencies, so no endpoint answers without valid
credentials (`Authorization: Bearer <id>.<secret>`, PROTOCOL.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.server.config import Settings
from sync.server.errors import ForbiddenError, UnauthorizedError
from sync.server.ingest import Ingest
from sync.server.models import ModelRegistry
from sync.server.registry import Principal, Registry, Role
from sync.server.storage import Storage


@dataclass(frozen=True)
class AppState:
    """What every request shares: settings, storage, registry and ingest."""

    settings: Settings
    storage: Storage
    registry: Registry
    ingest: Ingest
    models: ModelRegistry


# The dependencies are coroutines: FastAPI runs a plain function in the thread pool, a
# hand-over each (a thread woken, the loop woken back) for what is an attribute read. The
# one that may query the database (``_caller``) hands only that query to the pool.
async def get_state(request: Request) -> AppState:
    return request.app.state.hitl


StateDep = Annotated[AppState, Depends(get_state)]


async def get_storage(state: StateDep) -> Storage:
    return state.storage


StorageDep = Annotated[Storage, Depends(get_storage)]

_bearer = HTTPBearer(auto_error=False, description="`<device, relay id or admin>.<secret>`")


PRINCIPAL_KEY = "hitl.principal"  # set by a middleware that checked credentials already


async def _caller(
    request: Request,
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    checked = request.scope.get(PRINCIPAL_KEY)
    if checked is not None:  # the upload guard checked them before reading the body
        return checked
    if credentials is None:
        raise UnauthorizedError(
            "this server needs credentials: `Authorization: Bearer <id>.<secret>`"
            " from an enrollment file, relay file or the admin token"
        )
    principal, dot, secret = credentials.credentials.partition(".")
    if not dot or not principal or not secret or len(credentials.credentials) > 512:
        raise UnauthorizedError("malformed credentials; expected `<id>.<secret>`")
    return await run_in_threadpool(state.registry.authenticate, principal, secret)


def require(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting only callers with one of ``roles``."""

    async def dependency(caller: Annotated[Principal, Depends(_caller)]) -> Principal:
        if caller.role not in roles:
            raise ForbiddenError(f"this needs {' or '.join(roles)} credentials")
        return caller

    return dependency


DeviceDep = Annotated[Principal, Depends(require("device"))]
RelayDep = Annotated[Principal, Depends(require("relay"))]
AdminDep = Annotated[Principal, Depends(require("admin"))]
UploaderDep = Annotated[Principal, Depends(require("device", "relay"))]
AdminOrRelayDep = Annotated[Principal, Depends(require("admin", "relay"))]
AnyCallerDep = Annotated[Principal, Depends(require("device", "relay", "admin"))]

__all__ = [
    "AdminDep",
    "AdminOrRelayDep",
    "AnyCallerDep",
    "AppState",
    "DeviceDep",
    "RelayDep",
    "StateDep",
    "StorageDep",
    "UploaderDep",
    "get_state",
]
