"""An upload held open half-sent, as a PC on a stalled 2G link holds one."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable


def hold_upload(port: int, authorization: str, length: int = 200_000) -> socket.socket:
    """Open ``POST /v1/bundles`` announcing ``length`` bytes and send only a few of them."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = (
        "POST /v1/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: {authorization}\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )
    sock.sendall(head.encode("latin-1") + b"\x00" * 16)
    return sock


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
