"""Real server processes for tests: `labeler-server serve` or `uvicorn --factory`, on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """One server process; ``start`` returns once it answers ``/healthz``."""

    def __init__(self, argv: list[str], log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.argv = [a.replace("{port}", str(self.port)) for a in argv]
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.log = log
        self.cwd = ROOT  # the checkout whose server runs (a bench may run another)
        # a session of its own: Linux's autogroup then schedules the server apart from
        # whoever started it (a bench's load generator), as on a host of its own
        self.new_session = False
        self.proc: subprocess.Popen | None = None

    @classmethod
    def serve(cls, log: Path, *args: str, env: dict[str, str] | None = None) -> ServerProcess:
        """``labeler-server serve ARGS --port <free>``."""
        argv = [sys.executable, "-m", "sync.server.cli", "serve", *args, "--port", "{port}"]
        return cls([*argv, "--log-level", "warning"], log, env)

    @classmethod
    def uvicorn_factory(cls, log: Path, env: dict[str, str]) -> ServerProcess:
        """What a process manager runs: ``uvicorn --factory sync.server.app:create_app``."""
        argv = [sys.executable, "-m", "uvicorn", "--factory", "sync.server.app:create_app"]
        return cls([*argv, "--port", "{port}", "--log-level", "warning"], log, env)

    def start(self, timeout: float = 60.0) -> ServerProcess:
        out = open(self.log, "ab")  # noqa: SIM115 - the child writes to it until stop()
        self.proc = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=self.new_session,
        )
        out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}: {self.tail()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not answer in {timeout} s: {self.tail()}")

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None
