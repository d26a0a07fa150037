"""PC to server through the real client and a real uvicorn server: exactly once, whatever happens
on the way (repeats, concurrency, out of order, cut links, a killed client)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from labeler import cli
from labeler.project import Project
from sync.client import RetryPolicy, SyncClient
from sync.errors import SyncError
from sync.http import OfflineError
from sync.outbox import Outbox, PackPolicy
from sync.server import storage as db
from tests.sync.conftest import RunningServer
from tests.sync.proxy import CuttingProxy
from tests.sync.support import label_all, make_pc

FAST = RetryPolicy(attempts=8, base_s=0.01, cap_s=0.05)


def server_count(server: RunningServer, table=db.submissions, device: str | None = None) -> int:  # type: ignore[no-untyped-def]
    q = select(func.count()).select_from(table)
    with server.storage.read() as conn:
        return conn.execute(q).scalar_one()


def server_uuids(server: RunningServer) -> list[str]:
    with server.storage.read() as conn:
        return list(conn.execute(select(db.submissions.c.uuid)).scalars())


def local_delivered(project: Project) -> int:
    return Outbox(project).counts().delivered


def test_500_images_submitted_synced_and_shown_delivered(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project_info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(project_info.id), 500)
    try:
        uuids = label_all(pc)
        prop = pc.work.propose(1, "goat", "there is no goat label", "asha")
    finally:
        pc.close()
    path = str(tmp_path / "pc" / "pc.hitl")
    assert cli.main(["sync", "-p", path]) == 0
    assert server_count(server) == 500
    assert sorted(server_uuids(server)) == sorted(uuids)
    assert server_count(server, db.proposals) == 1
    with server.storage.read() as conn:  # the picture the PC cut arrived with the proposal
        kept = conn.execute(select(db.proposal_crops.c.data)).scalars().all()
    assert prop.crop and [bytes(k) for k in kept] == [prop.crop]
    capsys.readouterr()
    assert cli.main(["status", "-p", path]) == 0
    out = capsys.readouterr().out
    # 500 submissions, the proposal and the flag it raised on its image (issue 12)
    assert "502 delivered, 0 submissions and 0 proposals pending" in out
    assert "0 pending, 0 sent, 1 delivered, 0 refused" in out
    # syncing again sends nothing and stores nothing new
    assert cli.main(["sync", "-p", path]) == 0
    assert server_count(server) == 500
    assert cli.main(["outbox", "-p", path]) == 0
    assert "delivered" in capsys.readouterr().out
    assert prop.uuid


def test_twenty_devices_each_syncing_twice_at_once(server: RunningServer, tmp_path: Path) -> None:
    """20 PCs, each with two sync programs on its project file at the same instant."""
    info = server.create_project()
    pcs = [make_pc(tmp_path / f"pc{i}", server.enroll_device(info.id), 8) for i in range(20)]
    for pc in pcs:
        label_all(pc)
    twins = [Project.open(pc.path) for pc in pcs]
    barrier = threading.Barrier(40)
    errors: list[BaseException] = []

    def run(project: Project) -> None:
        client = SyncClient(project, outbox=Outbox(project, policy=PackPolicy(target_bytes=900)))
        client.retry = FAST
        barrier.wait(30)
        try:
            client.sync_once()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            client.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in pcs + twins]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert not errors, errors
        assert server_count(server) == 20 * 8
        assert len(set(server_uuids(server))) == 20 * 8
        for pc in pcs:
            c = Outbox(pc).counts()
            assert (c.delivered, c.pending) == (8, 0)
            seq = sorted(b.seq for b in Outbox(pc).bundles())
            assert seq == list(range(1, len(seq) + 1))
    finally:
        for p in pcs + twins:
            p.close()


def test_out_of_order_gap_is_reported_then_filled(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    enrollment = server.enroll_device(info.id)
    pc = make_pc(tmp_path / "pc", enrollment, 30)
    try:
        label_all(pc)
        outbox = Outbox(pc, policy=PackPolicy(target_bytes=700))
        made = outbox.pack()
        assert len(made) >= 3
        third = made[2]
        # the third bundle arrives first (say, by a fast drive)
        assert server.upload(outbox.read_bytes(third), server.device_headers(enrollment)).ok
        seq_url = f"{server.url}/v1/devices/{enrollment['device_id']}/sequence"
        headers = server.device_headers(enrollment)
        gap = requests.get(seq_url, headers=headers, timeout=10).json()
        assert gap["highest_contiguous"] == 0 and gap["missing"] == [1, 2]
        client = SyncClient(pc, outbox=outbox)
        client.sync_once()
        done = requests.get(seq_url, headers=headers, timeout=10).json()
        assert done["highest_contiguous"] == len(made) and done["missing"] == []
        assert server_count(server) == 30 and local_delivered(pc) == 30
        client.close()
    finally:
        pc.close()


@pytest.mark.parametrize("plan", [["cut_request:3000"] * 3, ["cut_response"] * 3])
def test_link_cut_mid_upload_finishes_without_duplicates(
    server: RunningServer, tmp_path: Path, plan: list[str]
) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 120)
    proxy = CuttingProxy(server.port, plan)
    try:
        uuids = label_all(pc)
        pc.store.set_meta("server_url", proxy.url)
        client = SyncClient(pc, outbox=Outbox(pc, policy=PackPolicy(target_bytes=2500)))
        client.retry = FAST
        client.sync_once()
        assert proxy.cuts == 3
        assert sorted(server_uuids(server)) == sorted(uuids)
        assert local_delivered(pc) == 120
        client.close()
    finally:
        proxy.close()
        pc.close()


def test_server_down_then_back(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 10)
    try:
        label_all(pc)
        client = SyncClient(pc)
        client.retry = RetryPolicy(attempts=2, base_s=0.01, cap_s=0.02)
        server.stop()
        assert client.probe() is False
        with pytest.raises(OfflineError):
            client.sync_once()
        s = client.state
        assert (s.online, s.pending, s.delivered) == (False, 10, 0)
        assert "cannot reach the server" in (s.last_error or "")
        assert "cannot reach" in (Outbox(pc).bundles()[0].last_error or "")
        server.start()
        client.sync_once()
        assert (client.state.online, client.state.pending, client.state.delivered) == (True, 0, 10)
        assert client.state.last_error is None
        assert server_count(server) == 10
        client.close()
    finally:
        pc.close()


def test_sigkill_during_sync_loses_and_doubles_nothing(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 200)
    try:
        uuids = label_all(pc)
        total = len(Outbox(pc, policy=PackPolicy(target_bytes=600)).pack())
        assert total > 50
    finally:
        pc.close()
    path = tmp_path / "pc" / "pc.hitl"
    child = subprocess.Popen(
        [sys.executable, "-m", "labeler.cli", "sync", "-p", str(path)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watch = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    delivered = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None:
            delivered = watch.execute(
                "SELECT count(*) FROM bundles WHERE state = 'delivered'"
            ).fetchone()[0]
            if delivered >= 3:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)  # polling with a deadline
    finally:
        child.wait(30)
        watch.close()
    assert child.returncode == -signal.SIGKILL, "the child finished before it could be killed"
    assert 3 <= delivered < total
    with Project.open(path) as again:
        client = SyncClient(again)
        client.sync_once()
        client.close()
        assert local_delivered(again) == 200
        assert Outbox(again).counts().bundles["delivered"] == total
    assert sorted(server_uuids(server)) == sorted(uuids)


def test_revoked_device_is_told_in_plain_words(server: RunningServer, tmp_path: Path) -> None:
    info = server.create_project()
    enrollment = server.enroll_device(info.id)
    pc = make_pc(tmp_path / "pc", enrollment, 4)
    try:
        label_all(pc)
        server.registry.revoke_device(enrollment["device_id"])
        client = SyncClient(pc)
        with pytest.raises(SyncError) as exc:
            client.sync_once()
        assert "refuses" in str(exc.value) or "revoked" in str(exc.value)
        assert client.state.last_error
        c = Outbox(pc).counts()
        assert (c.pending, c.delivered, c.bundles["rejected"]) == (4, 0, 0)  # kept, not dropped
        assert server_count(server) == 0
        client.close()
    finally:
        pc.close()


def test_the_same_bundle_three_times_and_twice_at_once(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project()
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id), 12)
    try:
        uuids = label_all(pc)
        outbox = Outbox(pc, policy=PackPolicy(target_bytes=700))
        first, second = outbox.pack()[:2]
        client = SyncClient(pc, outbox=outbox)
        receipts = [client.upload(first) for _ in range(3)]  # the stale object says "pending"
        assert all(r is not None for r in receipts)
        assert receipts[0].accepted and not receipts[0].duplicates
        assert receipts[1] == receipts[2] == receipts[0]  # the original receipt again
        barrier = threading.Barrier(2)
        got: list = []

        def send() -> None:
            barrier.wait(10)
            got.append(client.upload(second))

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert len(got) == 2 and got[0].bundle_sha256 == got[1].bundle_sha256
        client.sync_once()
        assert sorted(server_uuids(server)) == sorted(uuids)
        client.close()
    finally:
        pc.close()


def test_cli_enroll_watch_and_outbox(
    server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pc = make_pc(tmp_path / "pc", None, 5)
    path = pc.path
    try:
        label_all(pc)
    finally:
        pc.close()
    assert cli.main(["outbox", "-p", path]) == 0
    assert "no bundles yet (not enrolled)" in capsys.readouterr().out
    assert cli.main(["status", "-p", path]) == 0
    assert "not enrolled" in capsys.readouterr().out
    assert cli.main(["sync", "-p", path]) == 1
    assert "labeler enroll" in capsys.readouterr().err
    info = server.create_project()
    enroll_file = tmp_path / "pc.hitl-enroll"
    enroll_file.write_text(json.dumps(server.enroll_device(info.id)), encoding="utf-8")
    assert cli.main(["enroll", str(enroll_file), "-p", path]) == 0
    out = capsys.readouterr().out
    assert "enrolled" in out and "5 records will be sent" in out
    child = subprocess.Popen(
        [sys.executable, "-m", "labeler.cli", "sync", "--watch", "--interval", "0.2", "-p", path],
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and server_count(server) < 5:
            time.sleep(0.05)
        assert server_count(server) == 5
    finally:
        child.send_signal(signal.SIGTERM)
        out, _ = child.communicate(timeout=30)
    assert child.returncode == 0
    assert "0 pending, 5 delivered, online" in out


def test_records_name_the_servers_taxonomy_version_whatever_the_pc_numbers(
    server: RunningServer, tmp_path: Path
) -> None:
    """The PC numbers its own taxonomy versions (local edits, packs merged in); records travel
    naming the server version they stand for, which the server checks exists."""
    from labeler import taxonomy
    from labeler.annotations import Shape
    from tests.conftest import TAXONOMY_TEXT

    info = server.create_project()
    pc = make_pc(tmp_path / "pc", None, 4)
    try:
        pc.update_taxonomy(taxonomy.parse(TAXONOMY_TEXT + "goat | Goat | बकरी | | 4 |\n"))
        assert pc.taxonomy_version == 2  # a local edit before the PC joined
        ids = [r.id for r in pc.queue.page()]
        before = pc.work.submit(ids[0], [Shape.box("tree", 1, 1, 9, 9)], "asha")
        goat = pc.work.submit(ids[1], [Shape.box("goat", 1, 1, 9, 9)], "asha")
        (tmp_path / "pc.hitl-enroll").write_text(
            json.dumps(server.enroll_device(info.id)), encoding="utf-8"
        )
        from sync.enrollment import enroll

        enroll(pc, tmp_path / "pc.hitl-enroll")
        road = TAXONOMY_TEXT + "road | Road | सड़क | | 5 |\n"
        server.registry.update_taxonomy(info.id, taxonomy.parse(road))  # server v2
        after = pc.work.submit(ids[2], [Shape.box("house", 1, 1, 9, 9)], "asha")
        local_versions = {before.taxonomy_version, goat.taxonomy_version, after.taxonomy_version}
        client = SyncClient(pc)
        client.sync_once()
        later = pc.work.submit(ids[3], [Shape.box("road", 1, 1, 9, 9)], "asha")
        client.sync_once()  # fetched server v2 on the first pass: a new local version
        client.close()
        assert later.taxonomy_version > max(local_versions)
        counts = Outbox(pc).counts()
    finally:
        pc.close()
    with server.storage.read() as conn:
        stored = dict(
            conn.execute(select(db.submissions.c.uuid, db.submissions.c.taxonomy_version)).all()
        )
    assert stored == {before.uuid: 1, after.uuid: 1, later.uuid: 2}
    assert counts.rejected == 1  # the goat: a label the server never had, refused with reason
