"""Per-request observation: one structured log line and the request metrics for each request.

Runs inside ``RequestShield`` (so the request id is set) and outside the upload guard (so
refusals at the door are seen too). The route is its template (``/v1/receipts/{device_id}/
{seq}``), never the raw path, so neither logs nor metrics grow with device ids.
"""

from __future__ import annotations

import logging
import time

from sync.server import metrics
from sync.server.bodylimit import ASGIApp, Message, Receive, Scope, Send

access = logging.getLogger("hitl.access")


def _template(scope: Scope) -> str:
    """The path template of the route that served ``scope``, with its router's prefix.

    The route knows its path relative to its router; the prefix is what is left of the
    request path before as many segments as the template has (a parameter never holds '/').
    """
    route_path = getattr(scope.get("route"), "path", None)
    if not route_path:
        return "unmatched"
    segments = scope["path"].split("/")
    prefix = "/".join(segments[: len(segments) - route_path.count("/")])
    return prefix + route_path


class Observe:
    """ASGI middleware: latency histogram per route and status, and an access log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = time.perf_counter() - start
            route = _template(scope)
            metrics.REQUESTS.labels(route, scope["method"], str(status)).observe(elapsed)
            client = scope.get("client") or ("-", 0)
            access.info(
                "%s %s %s %.1f ms",
                scope["method"],
                route,
                status,
                elapsed * 1000,
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "client": client[0],
                },
            )
