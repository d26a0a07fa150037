"""A child process that runs one USB action and SIGKILLs itself at step N: a drive pulled, a
power cut. Steps are the calls that change the drive, the store or the server (each counted
before and after), and the middle of a file write, where half the bytes land first.

    python -m tests.sync.usb_child export DRIVE PROJECT N
    python -m tests.sync.usb_child push DRIVE RELAY_JSON N

Prints the number of steps taken when it was not killed.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from sync import http
from sync.outbox import Outbox, PackPolicy
from sync.usb import export as usb_export
from sync.usb import files

SMALL_BUNDLES = PackPolicy(max_records=2)
_steps = [0]
_kill_at = [0]


def _tick() -> None:
    _steps[0] += 1
    if _steps[0] == _kill_at[0]:
        os.kill(os.getpid(), signal.SIGKILL)


def _wrap(owner: Any, name: str) -> None:
    real = getattr(owner, name)

    def call(*args: Any, **kwargs: Any) -> Any:
        _tick()
        out = real(*args, **kwargs)
        _tick()
        return out

    setattr(owner, name, call)


def _half_write(path: Path, data: bytes) -> None:
    _tick()
    if _steps[0] + 1 == _kill_at[0]:
        with open(path, "xb") as f:  # the drive goes away with half the bytes written
            f.write(data[: len(data) // 2])
        _tick()
    _real_write(path, data)
    _tick()


_real_write = files.write_and_sync


def main(argv: list[str]) -> int:
    action, drive, target, kill_at = argv[0], argv[1], argv[2], int(argv[3])
    _kill_at[0] = kill_at
    files.write_and_sync = _half_write  # type: ignore[assignment]
    for name in ("remove", "move", "fsync_dir"):
        _wrap(files, name)
    _wrap(usb_export, "record_exported")
    _wrap(Outbox, "mark_sent")
    _wrap(Outbox, "apply_receipt")
    _wrap(http.HttpSession, "request")
    if action == "export":
        from labeler.project import Project

        with Project.open(target) as project:
            usb_export.export_to_drive(project, drive, outbox=Outbox(project, policy=SMALL_BUNDLES))
    elif action == "push":
        from sync.usb.push import push_drive
        from sync.usb.relay import RelayCredentials

        push_drive(drive, [RelayCredentials(**json.loads(Path(target).read_text()))])
    else:
        raise SystemExit(f"unknown action {action}")
    print(json.dumps({"steps": _steps[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
