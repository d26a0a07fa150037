"""The simulated PCs of the surge bench (``bench_server_surge.py``) and its health prober.

Each PC sends its bundle on a connection of its own per request, with the PC's timeouts
(connect 5 s, read 30 s), and waits out a 503 as the PC does (``sync.retry``: Retry-After
times 1 to 1.5). ``raw`` speaks HTTP/1.1 over asyncio streams (with uvloop when there),
``httpx`` through httpx; the server sees the same bytes. Each generator process counts
what its PCs saw into one record (latencies, busy answers, timeouts, errors, CPU).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time

CONNECT_S, READ_S, WRITE_S = 5.0, 30.0, 30.0  # the PC's (sync.http)
Upload = tuple[str, bytes, int]  # Authorization, bundle bytes, submissions in it


async def post_raw(host: str, port: int, request: bytes) -> tuple[int, str | None]:
    """One request on a connection of its own: (status, Retry-After)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), CONNECT_S)
    try:
        writer.write(request)
        # answered before the body was read (a refusal): read what it said
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            await asyncio.wait_for(writer.drain(), WRITE_S)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_S)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        await asyncio.wait_for(reader.readexactly(int(headers.get("content-length", 0))), READ_S)
        return status, headers.get("retry-after")
    finally:
        writer.close()


async def pcs_raw(url: str, uploads: list[Upload], rec: dict) -> None:
    host, _, port = url.removeprefix("http://").partition(":")

    def request(auth: str, data: bytes) -> bytes:
        head = (
            f"POST /v1/bundles HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: {auth}\r\n"
            "Content-Type: application/octet-stream\r\nAccept: */*\r\nConnection: close\r\n"
            f"User-Agent: hitl-bench\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        return head.encode("latin-1") + data

    async def pc(req: bytes) -> None:
        start = time.perf_counter()
        for _ in range(200):  # bounded
            t = time.perf_counter()
            try:
                status, retry = await post_raw(host, int(port), req)
            except TimeoutError:
                rec["timeouts"] += 1
                await asyncio.sleep(random.uniform(0.5, 2))
                continue
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                rec["errors"] += 1
                await asyncio.sleep(random.uniform(0.5, 2))
                continue
            if _answered(rec, status, retry, start, t):
                return
            await asyncio.sleep(float(retry or 1) * random.uniform(1.0, 1.5))

    await asyncio.gather(*(pc(request(a, d)) for a, d, _ in uploads))


async def pcs_httpx(url: str, uploads: list[Upload], rec: dict) -> None:
    import httpx

    limits = httpx.Limits(max_connections=len(uploads) + 10, max_keepalive_connections=0)
    timeout = httpx.Timeout(connect=CONNECT_S, read=READ_S, write=WRITE_S, pool=60.0)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:

        async def pc(auth: str, data: bytes) -> None:
            start = time.perf_counter()
            headers = {"Authorization": auth, "Content-Type": "application/octet-stream"}
            for _ in range(200):  # bounded
                t = time.perf_counter()
                try:
                    r = await client.post(url + "/v1/bundles", content=data, headers=headers)
                except httpx.TimeoutException:
                    rec["timeouts"] += 1
                    await asyncio.sleep(random.uniform(0.5, 2))
                    continue
                except httpx.TransportError:
                    rec["errors"] += 1
                    await asyncio.sleep(random.uniform(0.5, 2))
                    continue
                retry = r.headers.get("Retry-After")
                if _answered(rec, r.status_code, retry, start, t):
                    return
                await asyncio.sleep(float(retry or 1) * random.uniform(1.0, 1.5))

        await asyncio.gather(*(pc(a, d) for a, d, _ in uploads))


def _answered(rec: dict, status: int, retry: str | None, start: float, t: float) -> bool:
    """Count one answer; True when the PC is done (a receipt, or refused for good)."""
    now = time.perf_counter()
    rec["requests_s"].append(now - t)
    if status == 200:
        rec["latencies"].append(now - start)
        rec["last"] = max(rec["last"], now)
        return True
    if status == 503:
        rec["busy"] += 1
        return False
    rec["errors"] += 1
    return True


def generate(url: str, uploads: list[Upload], client: str, go, results) -> None:  # type: ignore[no-untyped-def]
    """One load-generator process: its share of the PCs, all at once when ``go`` is set."""
    if client == "raw":
        try:
            import uvloop

            uvloop.install()
        except ImportError:
            pass
    rec = {"latencies": [], "requests_s": [], "busy": 0, "timeouts": 0, "errors": 0, "last": 0.0}
    go.wait()
    cpu0 = time.process_time()
    rec["first"] = time.perf_counter()  # CLOCK_MONOTONIC: the same clock in every process
    asyncio.run((pcs_raw if client == "raw" else pcs_httpx)(url, uploads, rec))
    rec["cpu_s"] = time.process_time() - cpu0
    results.put(rec)


def probe(url: str, auth: str, stop, results) -> None:  # type: ignore[no-untyped-def]
    """``/healthz`` and the authenticated ``/v1/health`` every 100 ms, as a PC probes (10 s)."""
    import requests

    out: dict[str, list[float]] = {"healthz": [], "v1_health": []}
    while not stop.is_set():
        for name, path, headers in (
            ("healthz", "/healthz", {}),
            ("v1_health", "/v1/health", {"Authorization": auth}),
        ):
            t = time.perf_counter()
            try:
                requests.get(url + path, headers=headers, timeout=10)
                out[name].append(time.perf_counter() - t)
            except requests.RequestException:
                out[name].append(10.0)
        stop.wait(0.1)
    results.put(out)
