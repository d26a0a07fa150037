"""The outermost layer of the API: a request id for every request, and failures in plain words.

Every answer carries ``X-Request-ID`` (the reverse proxy's, when it sent a sane one, else a new
one), and every log line written while serving it names it (``request_id_var``). An error the
server did not expect is logged here with its traceback and answered with
``{"detail": {"kind", "message"}}`` naming only the request id: a client never sees a
traceback, a SQL statement, a file path or a database address. A database that cannot be
reached, or a transient lock, is answered 503 with ``Retry-After``, which PCs honour.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from contextvars import ContextVar

from sqlalchemy.exc import DBAPIError

from sync.server.bodylimit import ASGIApp, Message, Receive, Scope, Send
from sync.server.storage import is_transient

log = logging.getLogger("hitl.server")

REQUEST_ID_HEADER = "X-Request-ID"
request_id_var: ContextVar[str] = ContextVar("hitl_request_id", default="-")
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
RETRY_AFTER_S = 5

# PostgreSQL SQLSTATE classes that mean "the database is not there right now".
_UNAVAILABLE_CLASSES = ("08", "53", "57")


def request_id() -> str:
    """The id of the request being served (``-`` outside a request)."""
    return request_id_var.get()


class RequestShield:
    """ASGI middleware: request ids, and no unexpected exception past this point."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _given_id(scope) or secrets.token_hex(8)
        token = request_id_var.set(rid)
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [*message.get("headers", []), (b"x-request-id", rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            status, kind, message = _failure(exc, rid)
            log.error(
                "%s %s failed: %s", scope.get("method"), scope.get("path"), kind, exc_info=exc
            )
            if not started:  # otherwise the client sees the connection close mid-answer
                await _send_json(
                    send_with_id, status, {"detail": {"kind": kind, "message": message}}
                )
        finally:
            request_id_var.reset(token)


def _given_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SANE_ID.fullmatch(text) else None
    return None


def database_unavailable(exc: BaseException) -> bool:
    """The database is unreachable, restarting, out of connections, or briefly locked."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated or is_transient(exc):
        return True
    state = getattr(exc.orig, "sqlstate", None) or ""
    if state.startswith(_UNAVAILABLE_CLASSES):
        return True
    # a driver that could not connect at all has no SQLSTATE
    return type(exc.orig).__name__ == "OperationalError" and "connect" in str(exc.orig).lower()


def _failure(exc: BaseException, rid: str) -> tuple[int, str, str]:
    if database_unavailable(exc):
        return (
            503,
            "unavailable",
            "the server's database is not reachable right now; try again in a few"
            f" seconds (request {rid})",
        )
    return (
        500,
        "internal",
        f"the server failed on this request (request {rid}); try again later, and if it"
        " keeps failing give the admin this request id",
    )


async def _send_json(send: Send, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    if status == 503:
        headers.append((b"retry-after", str(RETRY_AFTER_S).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
