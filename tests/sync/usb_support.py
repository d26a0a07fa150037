"""Shared set-up for the USB tests: enrolled PCs with labeled work, a relay, a drive folder."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from labeler.project import Project
from sync.server import storage as db
from sync.usb.relay import RelayCredentials
from tests.sync.conftest import RunningServer
from tests.sync.support import label_all, make_pc


def relay_of(server: RunningServer, project_id: str) -> RelayCredentials:
    doc = server.enroll_relay(project_id)
    return RelayCredentials(
        doc["server_url"], doc["token"], doc["project_id"], doc["server_public_key"]
    )


def labeled_pcs(
    server: RunningServer, project_id: str, folder: Path, n: int, images: int = 6
) -> tuple[list[Project], list[set[str]]]:
    """``n`` enrolled PCs, each having submitted ``images`` distinct images."""
    pcs, work = [], []
    for i in range(n):
        pc = make_pc(
            folder / f"pc{i}",
            server.enroll_device(project_id, f"Village {i}"),
            images,
            start=1000 * i,
        )
        pcs.append(pc)
        work.append(set(label_all(pc)))
    return pcs, work


def server_uuids(server: RunningServer) -> list[str]:
    with server.storage.read() as conn:
        return [r[0] for r in conn.execute(select(db.submissions.c.uuid))]


def server_count(server: RunningServer, table=None) -> int:  # type: ignore[no-untyped-def]
    with server.storage.read() as conn:
        return conn.execute(
            select(func.count()).select_from(db.submissions if table is None else table)
        ).scalar_one()
