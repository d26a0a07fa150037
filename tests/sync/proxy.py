"""A TCP proxy for tests that cuts connections on purpose: the 2G link that drops mid-upload.

``plan`` says, connection by connection, what to do: ``"cut_request:N"`` closes both sides
after N bytes from the client (the upload dies half way, the server never completes it);
``"cut_response"`` lets the request through but closes before the answer reaches the client
(the server stored the bundle, the PC never heard). Connections beyond the plan pass through.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttingProxy:
    def __init__(self, upstream_port: int, plan: list[str]) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.plan = list(plan)
        self.cuts = 0
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                action = self.plan.pop(0) if self.plan else "pass"
            threading.Thread(target=self._serve, args=(client, action), daemon=True).start()

    def _serve(self, client: socket.socket, action: str) -> None:
        upstream = socket.create_connection(self.upstream)
        limit = int(action.split(":")[1]) if action.startswith("cut_request") else None
        done = threading.Event()

        def cut() -> None:
            with self._lock:
                self.cuts += 1
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            done.set()

        def up() -> None:  # client -> server
            sent = 0
            try:
                while chunk := client.recv(65536):
                    if limit is not None and sent + len(chunk) >= limit:
                        upstream.sendall(chunk[: max(0, limit - sent)])
                        cut()
                        return
                    upstream.sendall(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            with contextlib.suppress(OSError):
                upstream.shutdown(socket.SHUT_WR)

        def down() -> None:  # server -> client
            try:
                while chunk := upstream.recv(65536):
                    if action == "cut_response" and not done.is_set():
                        cut()
                        return
                    client.sendall(chunk)
            except OSError:
                pass
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_WR)

        threading.Thread(target=up, daemon=True).start()
        down()
