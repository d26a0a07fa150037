"""A hard size limit on every request body, enforced before the app sees a byte of it.

A declared Content-Length over the limit is refused at once; a body without one (chunked)
is counted while it streams in and refused the moment it passes the limit. The body is
then handed to the app from memory, so no route can read past the limit by mistake.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: ``large_limit`` bytes for paths in ``large_paths``, else ``small_limit``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        large_paths: set[str],
        large_limit: int,
        small_limit: int,
        path_limits: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.large_paths = large_paths
        self.large_limit = large_limit
        self.small_limit = small_limit
        self.path_limits = dict(path_limits or {})  # a path with a limit of its own (models)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.path_limits.get(
            scope["path"],
            self.large_limit if scope["path"] in self.large_paths else self.small_limit,
        )
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send, limit)
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "detail": {
                "kind": "too_large",
                "message": f"the request body is over the server's limit of {limit:,} bytes;"
                " send smaller bundles",
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
