"""Backpressure for uploads: credentials before the body, bounded work, 503 + Retry-After beyond.

When a thousand PCs come online at once, a server that takes every upload makes each of
them wait longer than its read timeout, and health probes queue behind them. Instead each
process admits at most ``max_uploads`` uploads at a time (reading, waiting or storing) and
stores at most ``ingest_workers`` bundles at once; an upload beyond the first bound, or one
that waited ``queue_wait_s`` for the second, is answered ``503 busy`` with ``Retry-After``
(the PC waits that long, with jitter, and sends the same bytes: nothing is lost, and the
refusal costs the server almost nothing). The caller's credentials are checked before a
byte of the body is read, so an unknown client cannot make the server buffer anything.

Refused uploads are spread out, not sent back together: each one is given the next free
moment on a schedule that advances by the time one upload takes (``retry_after``), so a
thousand PCs refused in the same second come back over the time the work really needs
instead of all at once a second later, over and over (each round costing both sides a
connection and a refusal, and starving the event loop that answers health probes).
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool

from sync.server import metrics
from sync.server.bodylimit import ASGIApp, Receive, Scope, Send
from sync.server.credentials import parse_bearer
from sync.server.deps import PRINCIPAL_KEY
from sync.server.errors import ServerError, UnauthorizedError
from sync.server.registry import Registry

MIN_RETRY_S, MAX_RETRY_S = 1, 60
DRAIN_S = 2.0  # at most this long reading (and dropping) the body of an upload refused busy


class Busy(ServerError):
    """Too much work in flight: come back after ``retry_after`` seconds."""

    kind = "busy"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UploadGate:
    """Counts uploads in flight and hands out ingest slots; one per API process."""

    def __init__(self, *, max_uploads: int, ingest_workers: int, queue_wait_s: float) -> None:
        self.max_uploads = max_uploads
        self.ingest_workers = ingest_workers
        self.queue_wait_s = queue_wait_s
        self.in_flight = 0
        self.waiting = 0
        self.active = 0
        self._slots = asyncio.Semaphore(ingest_workers)
        self._mean_s = 0.05  # moving average of one ingest, for Retry-After
        self._next_free = 0.0  # monotonic time promised to the last upload refused

    def retry_after(self) -> int:
        """Seconds until this refused upload's turn, bounded: after the work queued now,
        and after the uploads refused before it (each takes about ``mean / workers``)."""
        now = time.monotonic()
        per_upload = self._mean_s / self.ingest_workers
        queued = now + (self.waiting + self.active) * per_upload
        self._next_free = min(max(self._next_free, queued) + per_upload, now + MAX_RETRY_S)
        return max(MIN_RETRY_S, min(MAX_RETRY_S, math.ceil(self._next_free - now)))

    def admit(self) -> bool:
        if self.in_flight >= self.max_uploads:
            metrics.BUSY.labels("admission").inc()
            return False
        self.in_flight += 1
        metrics.UPLOADS_IN_FLIGHT.inc()
        return True

    def leave(self) -> None:
        self.in_flight -= 1
        metrics.UPLOADS_IN_FLIGHT.dec()

    @asynccontextmanager
    async def ingest_slot(self) -> AsyncIterator[None]:
        """Wait (at most ``queue_wait_s``) for one of the ``ingest_workers`` slots."""
        self.waiting += 1
        metrics.QUEUE_DEPTH.inc()
        try:
            await asyncio.wait_for(self._slots.acquire(), self.queue_wait_s)
        except TimeoutError:
            metrics.BUSY.labels("queue").inc()
            raise Busy(
                "the server is busy storing other PCs' work; this bundle will be sent again",
                self.retry_after(),
            ) from None
        finally:
            self.waiting -= 1
            metrics.QUEUE_DEPTH.dec()
        self.active += 1
        metrics.INGESTS_ACTIVE.inc()
        start = time.perf_counter()
        try:
            yield
        finally:
            self.active -= 1
            metrics.INGESTS_ACTIVE.dec()
            self._slots.release()
            elapsed = time.perf_counter() - start
            metrics.INGEST_SECONDS.observe(elapsed)
            self._mean_s += 0.1 * (elapsed - self._mean_s)


class UploadGuard:
    """ASGI middleware in front of the body limit for the upload path: admit, then
    authenticate, and only then let the body be read."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        path: str,
        gate: UploadGate,
        registry: Registry,
        drain_bytes: int = 0,
    ) -> None:
        self.app = app
        self.path = path
        self.gate = gate
        self.registry = registry
        self.drain_bytes = drain_bytes  # the body of a busy refusal read up to this, then dropped

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if not self.gate.admit():
            await _drain(scope, receive, self.drain_bytes)
            await _refuse(
                send,
                Busy(
                    "the server is busy receiving other PCs' work; this bundle will be sent again",
                    self.gate.retry_after(),
                ),
            )
            return
        try:
            parsed = parse_bearer(_header(scope, b"authorization"))
            if parsed is None:
                raise UnauthorizedError(
                    "this server needs credentials: `Authorization: Bearer <id>.<secret>`"
                    " from an enrollment file, relay file or the admin token"
                )
            principal = await run_in_threadpool(self.registry.authenticate, *parsed)
        except ServerError as exc:
            self.gate.leave()
            metrics.REJECTIONS.labels(exc.kind).inc()
            await _refuse(send, exc)
            return
        scope[PRINCIPAL_KEY] = principal
        try:
            await self.app(scope, receive, send)
        finally:
            self.gate.leave()


async def _drain(scope: Scope, receive: Receive, limit: int) -> None:
    """Read and drop the body of an upload refused busy, up to ``limit`` bytes and
    ``DRAIN_S`` seconds, before answering.

    A server that answers and closes while the client is still sending makes the client's
    system reset the connection, and the PC then sees "connection reset" instead of the 503
    it would have honoured (counted as a failure, with a longer backoff). Nothing is kept,
    and a body declared larger than ``limit``, or slower than that, is not waited for."""
    declared = _header(scope, b"content-length")
    if limit <= 0 or declared is None or not declared.isdigit() or int(declared) > limit:
        return
    total = 0
    try:
        async with asyncio.timeout(DRAIN_S):
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return
                total += len(message.get("body", b""))
                if not message.get("more_body", False) or total > limit:
                    return
    except TimeoutError:
        return


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


async def _refuse(send: Send, exc: ServerError) -> None:
    """Answer (a refusal for bad credentials without reading the body); the connection closes."""
    data = json.dumps({"detail": exc.detail()}).encode()
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"connection", b"close"),
    ]
    retry: Any = getattr(exc, "retry_after", None)
    if retry is not None:
        headers.append((b"retry-after", str(retry).encode()))
    await send({"type": "http.response.start", "status": exc.status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
