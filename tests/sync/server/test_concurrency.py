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


def test_the_same_records_in_opposite_order_at_once_are_both_stored(server: RunningServer) -> None:
    """Two PCs' bundles (say a record carried by USB and by network) holding the same records
    in opposite order, posted at the same instant: on PostgreSQL each transaction locked the
    rows the other wanted next (a deadlock answered 500 about 1 in 4). Now rows go in a stable
    order and a deadlock or serialization failure is retried."""
    import threading

    project = server.create_project()
    pcs = [server.enroll_device(project.id, f"Village {c}") for c in "AB"]
    prev: dict[str, str | None] = {pc["device_id"]: None for pc in pcs}
    stored: set[str] = set()
    for seq in range(1, 13):
        records = [fake_submission(seq * 1000 + i) for i in range(150)]
        stored.update(r["uuid"] for r in records)
        pair = []
        for pc, order in zip(pcs, (records, records[::-1]), strict=True):
            data = server.bundle_for(pc, seq, order, prev_sha256=prev[pc["device_id"]])
            prev[pc["device_id"]] = hashlib.sha256(data).hexdigest()
            pair.append((data, server.device_headers(pc)))
        barrier = threading.Barrier(2)
        answers: list[requests.Response] = []

        def send(item: tuple[bytes, dict], answers: list = answers, barrier=barrier) -> None:  # type: ignore[no-untyped-def]
            barrier.wait(timeout=10)
            answers.append(server.upload(*item))

        threads = [threading.Thread(target=send, args=(item,)) for item in pair]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(a.status_code for a in answers) == [200, 200], [a.text for a in answers]
        receipts = [a.json()["receipt"] for a in answers]
        accepted = [u for r in receipts for u in r["accepted"]]
        duplicates = [u for r in receipts for u in r["duplicates"]]
        assert sorted(accepted) == sorted(r["uuid"] for r in records)  # each once, in one of them
        assert sorted(accepted + duplicates) == sorted(r["uuid"] for r in records * 2)
    with server.storage.read() as conn:
        uuids = conn.execute(select(db.submissions.c.uuid)).scalars().all()
    assert len(uuids) == len(set(uuids)) and set(uuids) == stored
