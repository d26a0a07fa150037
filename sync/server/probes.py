"""``/healthz`` and ``/readyz``: answered before anything else, so they never wait behind uploads.

``/healthz`` (liveness) says only that this process answers: no credentials, no data, no
database. ``/readyz`` (readiness) also checks that the database answers, on a thread and a
connection of its own with a short deadline, so a load balancer stops sending work to a
process whose database is gone while uploads keep the ordinary worker threads busy.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

from sync.server.bodylimit import ASGIApp, Receive, Scope, Send
from sync.server.storage import Storage, utcnow

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
READY_TIMEOUT_S = 2.0


class Probes:
    """ASGI middleware answering the two probe paths itself."""

    def __init__(self, app: ASGIApp, *, storage: Storage) -> None:
        self.app = app
        self.storage = storage
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hitl-readyz")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        if path == LIVENESS_PATH:
            await _answer(send, 200, {"ok": True, "server_time": utcnow()})
        elif path == READINESS_PATH:
            loop = asyncio.get_running_loop()
            try:
                await asyncio.wait_for(
                    loop.run_in_executor(self._pool, self.storage.ping), READY_TIMEOUT_S
                )
            except Exception:
                await _answer(
                    send,
                    503,
                    {
                        "ok": False,
                        "detail": {"kind": "unavailable", "message": "database not reachable"},
                    },
                )
                return
            await _answer(send, 200, {"ok": True, "database": "reachable"})
        else:
            await self.app(scope, receive, send)


async def _answer(send: Send, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
    ]
    if status == 503:
        headers.append((b"retry-after", b"5"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
