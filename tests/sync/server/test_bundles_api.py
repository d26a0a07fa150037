"""Uploading bundles to a real server: exactly once, out of order, conflicts, revocation."""

from __future__ import annotations

import hashlib
import threading

from sqlalchemy import func, select

from sync.server import storage as db
from sync.signing import verify_json
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission


def _count(server: RunningServer, table) -> int:  # type: ignore[no-untyped-def]
    with server.storage.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_same_bundle_three_times_and_twice_at_once_is_stored_once(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    subs = [fake_submission(i) for i in range(50)]
    data = server.bundle_for(pc, 1, subs, proposals=[fake_proposal(1)])
    headers = server.device_headers(pc)

    first = server.upload(data, headers)
    assert first.status_code == 200, first.text
    receipt = first.json()
    assert verify_json(receipt["receipt"], receipt["signature"], pc["server_public_key"])
    assert receipt["receipt"]["bundle_sha256"] == hashlib.sha256(data).hexdigest()
    assert len(receipt["receipt"]["accepted"]) == 51
    for _ in range(2):
        again = server.upload(data, headers)
        assert again.status_code == 200
        assert again.json() == receipt

    # a second bundle, sent twice at the same instant
    data2 = server.bundle_for(
        pc,
        2,
        [fake_submission(i) for i in range(50, 80)],
        prev_sha256=receipt["receipt"]["bundle_sha256"],
    )
    barrier = threading.Barrier(2)
    answers: list = []

    def send() -> None:
        barrier.wait()
        answers.append(server.upload(data2, headers))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert _count(server, db.submissions) == 80
    assert _count(server, db.proposals) == 1
    assert _count(server, db.bundles) == 2


def test_submission_in_two_bundles_is_stored_once(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    shared = fake_submission(7)
    r1 = server.upload(
        server.bundle_for(pc, 1, [shared, fake_submission(8)]), server.device_headers(pc)
    )
    r2 = server.upload(
        server.bundle_for(pc, 2, [shared, fake_submission(9)]), server.device_headers(pc)
    )
    assert r1.status_code == r2.status_code == 200
    assert r2.json()["receipt"]["duplicates"] == [shared["uuid"]]
    assert len(r2.json()["receipt"]["accepted"]) == 1
    assert _count(server, db.submissions) == 3


def test_out_of_order_reports_the_gap_then_fills_it(server: RunningServer) -> None:
    project = server.create_project()
    pc = server.enroll_device(project.id)
    headers = server.device_headers(pc)
    b1 = server.bundle_for(pc, 1, [fake_submission(1)])
    b2 = server.bundle_for(pc, 2, [fake_submission(2)], prev_sha256=hashlib.sha256(b1).hexdigest())
    b3 = server.bundle_for(pc, 3, [fake_submission(3)], prev_sha256=hashlib.sha256(b2).hexdigest())
    url = f"{server.url}/v1/devices/{pc['device_id']}/sequence"
    import requests

    assert server.upload(b3, headers).status_code == 200
    assert server.upload(b1, headers).status_code == 200
    seq = requests.get(url, headers=headers, timeout=10).json()
    assert seq["highest_contiguous"] == 1
    assert seq["missing"] == [2]
    assert seq["received"] == 2
    assert server.upload(b2, headers).status_code == 200
    seq = requests.get(url, headers=headers, timeout=10).json()
    assert seq == {
        "highest": 3,
        "highest_contiguous": 3,
        "missing": [],
        "received": 3,
        "chain_broken": [],
    }
