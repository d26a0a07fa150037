"""Many PCs at once: every submission is stored exactly once, whatever the interleaving."""

from __future__ import annotations

import hashlib
import random
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import func, select

from sync.server import storage as db
from tests.sync.conftest import RunningServer, fake_submission


def test_twenty_devices_uploading_at_once_store_each_submission_once(server: RunningServer) -> None:
    project = server.create_project()
    devices = [server.enroll_device(project.id, f"Centre {i % 4}") for i in range(20)]
    uploads: list[tuple[bytes, dict]] = []
    expected: set[str] = set()
    for d_index, pc in enumerate(devices):
        prev = None
        carried = None
        for seq in range(1, 6):
            subs = [fake_submission(d_index * 1000 + seq * 10 + k) for k in range(20)]
            expected.update(s["uuid"] for s in subs)
            if carried:
                subs.append(carried)  # a record re-sent in a later bundle
            carried = subs[0]
            data = server.bundle_for(pc, seq, subs, prev_sha256=prev)
            prev = hashlib.sha256(data).hexdigest()
            uploads.append((data, server.device_headers(pc)))
    uploads += random.Random(4).sample(uploads, 25)  # retries after a dropped link
    random.Random(7).shuffle(uploads)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda u: server.upload(*u), uploads))
    assert {a.status_code for a in answers} == {200}
    by_bundle: dict[str, dict] = {}
    for a in answers:
        receipt = a.json()
        sha = receipt["receipt"]["bundle_sha256"]
        assert by_bundle.setdefault(sha, receipt) == receipt  # a retry gets the same receipt

    with server.storage.read() as conn:
        uuids = conn.execute(select(db.submissions.c.uuid)).scalars().all()
        bundles = conn.execute(select(func.count()).select_from(db.bundles)).scalar_one()
    assert len(uuids) == len(set(uuids)) == len(expected) == 20 * 5 * 20
    assert set(uuids) == expected
    assert bundles == 100
    accepted = [u for r in by_bundle.values() for u in r["receipt"]["accepted"]]
    assert sorted(accepted) == sorted(expected)  # each accepted exactly once, across receipts
    seq = requests.get(
        f"{server.url}/v1/devices/{devices[3]['device_id']}/sequence",
        headers=server.device_headers(devices[3]),
        timeout=10,
    ).json()
    assert seq["highest_contiguous"] == 5 and seq["missing"] == []


def test_two_copies_racing_into_the_same_transaction_get_one_receipt(
    server: RunningServer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Both copies pass verification before either is stored (forced with a barrier): the
    loser of the unique (device, seq) race re-reads the winner's receipt (PostgreSQL), or
    waits for the write lock and finds it (SQLite)."""
    import threading

    project = server.create_project()
    pc = server.enroll_device(project.id)
    caller = server.registry.authenticate(pc["device_id"], pc["device_secret"])
    ingest = server.state.ingest
    store = ingest._store
    barrier = threading.Barrier(2)
    waited: set[int] = set()

    def store_together(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.get_ident() not in waited:  # a retry goes straight in
            waited.add(threading.get_ident())
            barrier.wait(timeout=10)
        return store(*args, **kwargs)

    monkeypatch.setattr(ingest, "_store", store_together)
    shared = fake_submission(1)
    for pair in (
        [server.bundle_for(pc, 1, [shared, fake_submission(2)])] * 2,
        [
            server.bundle_for(pc, 2, [shared, fake_submission(3)]),
            server.bundle_for(pc, 3, [shared]),
        ],
    ):
        out: list = []
        barrier.reset()
        waited.clear()

        def upload(data: bytes, out: list = out) -> None:
            out.append(ingest.ingest(data, caller))

        threads = [threading.Thread(target=upload, args=(d,)) for d in pair]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(out) == 2
        if pair[0] == pair[1]:
            assert out[0] == out[1]
    with server.storage.read() as conn:
        uuids = conn.execute(select(db.submissions.c.uuid)).scalars().all()
    assert len(uuids) == len(set(uuids)) == 3
