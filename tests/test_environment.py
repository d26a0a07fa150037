"""The test suite is safe to run in a server admin's shell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_server_settings_in_the_shell_never_reach_the_tests(tmp_path: Path) -> None:
    """README tells an admin to export HITL_SERVER_DATABASE_URL; a test run in that shell
    must not create tables, keys or tokens in that real server."""
    real = tmp_path / "real-server"
    real.mkdir()
    env = {
        **os.environ,
        "HITL_SERVER_DATABASE_URL": f"sqlite:///{real / 'server.db'}",
        "HITL_SERVER_DATA_DIR": str(real),
        "HITL_SERVER_PUBLIC_URL": "https://hitl.example.org",
    }
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/sync/server/test_cli.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert sorted(p.name for p in real.iterdir()) == []
