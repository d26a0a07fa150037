"""Backpressure: credentials before the body, 503 + Retry-After beyond the bound, probes free."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.sync.conftest import RunningServer, fake_submission
from tests.sync.server.held import hold_upload, wait_until


@pytest.fixture
def narrow(tmp_path: Path, backend: str) -> Iterator[RunningServer]:
    """A server that admits one upload at a time."""
    running = RunningServer(
        tmp_path / "server-data", postgresql=backend == "postgresql", max_uploads=1
    )
    running.start()
    try:
        yield running
    finally:
        running.close()


def test_credentials_are_refused_before_the_body_is_read(server: RunningServer) -> None:
    """A stranger announcing a big body gets 401 at once: the server buffers nothing."""
    project = server.create_project()
    pc = server.enroll_device(project.id)
    for authorization in ("Bearer " + pc["device_id"] + ".wrong-secret", "Basic abc"):
        sock = hold_upload(server.port, authorization, length=900_000)
        try:
            sock.settimeout(5)
            answer = b""
            while chunk := sock.recv(4096):  # no body was sent: a refusal comes, then close
                answer += chunk
        finally:
            sock.close()
        assert answer.startswith(b"HTTP/1.1 401"), answer
        assert b'"unauthorized"' in answer


def test_beyond_the_bound_uploads_get_503_with_retry_after_and_probes_still_answer(
    narrow: RunningServer,
) -> None:
    server = narrow
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    gate = server.app.state.gate
    held = hold_upload(server.port, headers["Authorization"])
    try:
        wait_until(lambda: gate.in_flight == 1)
        bundle = server.bundle_for(pc, 1, [fake_submission(1)])
        busy = server.upload(bundle, headers)
        assert busy.status_code == 503, busy.text
        assert busy.json()["detail"]["kind"] == "busy"
        assert 1 <= int(busy.headers["Retry-After"]) <= 60
        for path, hdrs in (("/healthz", {}), ("/readyz", {}), ("/v1/health", headers)):
            start = time.perf_counter()
            r = requests.get(server.url + path, headers=hdrs, timeout=5)
            assert r.status_code == 200 and time.perf_counter() - start < 2, path
    finally:
        held.close()
    wait_until(lambda: gate.in_flight == 0)
    r = server.upload(bundle, headers)
    assert r.status_code == 200 and len(r.json()["receipt"]["accepted"]) == 1


def test_an_upload_refused_busy_while_still_sending_hears_503_not_a_reset(
    narrow: RunningServer,
) -> None:
    """The server reads (and drops) the rest of a refused body before it closes: a PC on a
    slow link gets the 503 it honours, not "connection reset by peer" (a failure)."""
    server = narrow
    project = server.create_project()
    pc = server.enroll_device(project.id)
    authorization = server.device_headers(pc)["Authorization"]
    gate = server.app.state.gate
    held = hold_upload(server.port, authorization)
    try:
        wait_until(lambda: gate.in_flight == 1)
        length, chunk = 800_000, 100_000
        sock = hold_upload(server.port, authorization, length=length)  # 16 bytes sent
        try:
            sent = 16
            while sent < length:  # the rest, a piece at a time, as a slow link sends it
                time.sleep(0.02)
                part = min(chunk, length - sent)
                sock.sendall(b"\x00" * part)  # a reset here is the failure this test is about
                sent += part
            sock.settimeout(5)
            answer = b""
            while data := sock.recv(4096):
                answer += data
        finally:
            sock.close()
        assert answer.startswith(b"HTTP/1.1 503"), answer[:200]
        assert b"retry-after" in answer.lower()
    finally:
        held.close()
