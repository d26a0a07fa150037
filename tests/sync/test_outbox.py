"""The outbox packs finished work into chained bundle files and marks it delivered only from
verified receipts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labeler.annotations import Shape
from labeler.project import Project
from labeler.taxonomy import Taxonomy
from sync.bundle import read_bundle
from sync.enrollment import enroll
from sync.errors import ReceiptError
from sync.identity import load_identity
from sync.outbox import BundleFileLost, Outbox, PackPolicy
from tests.sync.support import FakeServerKey


@pytest.fixture
def key() -> FakeServerKey:
    return FakeServerKey()


@pytest.fixture
def enrolled(project: Project, tmp_path: Path, tax: Taxonomy, key: FakeServerKey) -> Project:
    enroll(project, key.enrollment(tmp_path, tax))
    return project


def image_ids(project: Project) -> list[int]:
    return [r["id"] for r in project.store.query("SELECT id FROM images ORDER BY seq")]


def submit_all(project: Project, n: int | None = None) -> list[str]:
    out = []
    for k, image_id in enumerate(image_ids(project)[:n]):
        shapes = [Shape.box("tree", 1 + k % 20, 2, 30, 40.5), Shape.tag("house")]
        out.append(project.work.submit(image_id, shapes, "asha").uuid)
    return out


def test_pack_chain_and_receipt(enrolled: Project, key: FakeServerKey) -> None:
    uuids = submit_all(enrolled, 5)
    prop = enrolled.work.propose(image_ids(enrolled)[6], "goat", "no goat label", "asha")
    outbox = Outbox(enrolled)
    assert outbox.due() is False  # 7 records (the proposal flags its image), just made
    assert Outbox(enrolled, policy=PackPolicy(every_records=6)).due()
    [b1] = outbox.pack()
    assert outbox.pack() == []  # nothing left to pack
    assert (b1.seq, b1.prev_sha256, b1.submissions, b1.proposals, b1.state) == (
        1,
        None,
        5,
        1,
        "pending",
    )
    assert b1.path.parent == Path(enrolled.path).with_name("test.bundles")
    ident = load_identity(enrolled)
    data = outbox.read_bytes(b1)
    b = read_bundle(data, secret_for=lambda _d: ident.secret, expected_project="srv-proj-1")
    assert [s["uuid"] for s in b.submissions] == uuids
    assert b.proposals[0]["uuid"] == prop.uuid
    assert prop.crop and b.proposals[0]["crop"] == prop.to_dict()["crop"]  # its picture too
    # a correction is a new revision in a later bundle, chained to the first
    enrolled.work.submit(image_ids(enrolled)[0], [Shape.tag("tree")], "asha")
    [b2] = outbox.pack()
    assert (b2.seq, b2.prev_sha256) == (2, b1.sha256)
    # 5 + 1 submissions, the proposal and the flag it raised (issue 12)
    assert outbox.counts().pending == 8 and outbox.counts().bundles["pending"] == 2
    # a receipt for bundle 1 marks its records delivered; bundle 2 stays pending
    outbox.mark_sent(b1)
    outbox.apply_receipt(key.receipt(data, ident.secret))
    outbox.apply_receipt(key.receipt(data, ident.secret))  # again: nothing changes
    c = outbox.counts()
    assert (c.delivered, c.pending, c.bundles["delivered"], c.bundles["pending"]) == (7, 1, 1, 1)
    assert [x.seq for x in outbox.undelivered()] == [2]
    assert outbox.bundle(ident.device_id, 1).receipt is not None


def test_receipts_that_do_not_verify_change_nothing(enrolled: Project, key: FakeServerKey) -> None:
    submit_all(enrolled, 3)
    outbox = Outbox(enrolled)
    [b1] = outbox.pack()
    secret = load_identity(enrolled).secret
    good = key.receipt(outbox.read_bytes(b1), secret)
    forged = FakeServerKey().receipt(outbox.read_bytes(b1), secret)  # another server's key
    altered = {**good, "receipt": {**good["receipt"], "duplicates": ["x"]}}
    other_bytes = {**good, "receipt": {**good["receipt"], "bundle_sha256": "0" * 64}}
    for doc in (forged, altered, other_bytes, {"ok": True}, None):
        with pytest.raises(ReceiptError):
            outbox.apply_receipt(doc)
    c = outbox.counts()
    assert (c.delivered, c.pending, c.bundles["pending"]) == (0, 3, 1)


def test_rejected_records_and_unnamed_records(enrolled: Project, key: FakeServerKey) -> None:
    uuids = submit_all(enrolled, 4)
    outbox = Outbox(enrolled)
    [b1] = outbox.pack()
    secret = load_identity(enrolled).secret
    doc = key.receipt(outbox.read_bytes(b1), secret, rejected=(uuids[0],))
    doc["receipt"]["accepted"].remove(uuids[1])  # a record the receipt forgets
    from sync.signing import sign_json

    doc["signature"] = sign_json(doc["receipt"], key.private)
    outbox.apply_receipt(doc)
    c = outbox.counts()
    assert (c.delivered, c.rejected, c.pending, c.unbundled) == (2, 1, 1, 1)
    [b2] = outbox.pack()  # the forgotten record travels again in a later bundle
    b = read_bundle(outbox.read_bytes(b2), secret_for=lambda _d: secret)
    assert [s["uuid"] for s in b.submissions] == [uuids[1]]


def test_bundles_stay_under_the_target_size(enrolled: Project, tmp_path: Path) -> None:
    from tests.conftest import make_images

    make_images(enrolled.image_root, 60, start=100)
    enrolled.index.scan()
    enrolled.index.hash_pending()
    submit_all(enrolled)
    outbox = Outbox(enrolled, policy=PackPolicy(target_bytes=1500))
    made = outbox.pack()
    assert len(made) > 2
    assert all(b.size <= 1500 for b in made)
    assert sum(b.submissions for b in made) == len(image_ids(enrolled))
    assert [b.seq for b in made] == list(range(1, len(made) + 1))
    assert all(made[i].prev_sha256 == made[i - 1].sha256 for i in range(1, len(made)))
    assert not [p for p in outbox.folder.iterdir() if p.name.startswith(".")]


def test_two_outboxes_on_one_file_never_bundle_a_record_twice(enrolled: Project) -> None:
    submit_all(enrolled)
    other = Project.open(enrolled.path)  # a second program on the same project file
    try:
        a, b = Outbox(enrolled, policy=PackPolicy(target_bytes=900)), Outbox(other)
        import threading

        made: list = []
        ts = [threading.Thread(target=lambda o=o: made.extend(o.pack())) for o in (a, b)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(30)
        total = enrolled.store.scalar("SELECT count(*) FROM delivery WHERE bundle_seq IS NOT NULL")
        assert total == len(image_ids(enrolled))
        assert sum(x.submissions for x in made) == total
        seqs = sorted(x.seq for x in made)
        assert seqs == list(range(1, len(seqs) + 1))
    finally:
        other.close()


def test_missing_or_damaged_file_is_reported(enrolled: Project) -> None:
    submit_all(enrolled, 2)
    outbox = Outbox(enrolled)
    [b1] = outbox.pack()
    b1.path.write_bytes(os.urandom(10))
    with pytest.raises(BundleFileLost, match="changed or damaged"):
        outbox.read_bytes(b1)
    b1.path.unlink()
    with pytest.raises(BundleFileLost, match="missing"):
        outbox.read_bytes(b1)


def test_stale_temp_files_of_a_killed_packer_are_swept(enrolled: Project) -> None:
    submit_all(enrolled, 2)
    outbox = Outbox(enrolled)
    outbox.folder.mkdir(parents=True)
    stale = outbox.folder / ".packing-999-1.hitlb"
    fresh = outbox.folder / ".tmp-abc.hitlb"  # maybe another program writing right now
    for p in (stale, fresh):
        p.write_bytes(b"half a bundle")
    os.utime(stale, (1, 1))
    outbox.pack()
    assert not stale.exists() and fresh.exists()


def test_proposals_with_pictures_at_the_limit_pack_into_readable_bundles(
    enrolled: Project,
) -> None:
    """Pictures of pure noise (JPEG cannot shrink them) are brought under the byte limit on
    the PC; the outbox then packs them into bundles every reader takes."""
    from PIL import Image

    from labeler import crops
    from sync.bundle import BundleLimits

    folder = enrolled.index.root
    for i in range(3):
        Image.frombytes("RGB", (256, 256), os.urandom(256 * 256 * 3)).save(
            folder / f"noise_{i}.jpg", quality=95
        )
    enrolled.index.scan()
    enrolled.index.hash_pending()
    made = []
    for i in range(3):
        rec = enrolled.queue.by_path(f"noise_{i}.jpg")
        assert rec is not None
        prop = enrolled.work.propose(rec.id, "static", "a screen of noise", "asha")
        assert prop.crop is not None and 30_000 < len(prop.crop) <= crops.MAX_CROP_BYTES, len(
            prop.crop or b""
        )
        made.append(prop.uuid)
    bundles = Outbox(enrolled).pack()
    ident = load_identity(enrolled)
    seen = []
    for b in bundles:
        assert b.size <= BundleLimits().max_file_bytes
        data = Outbox(enrolled).read_bytes(b)
        got = read_bundle(data, secret_for=lambda _d: ident.secret)
        seen += [p["uuid"] for p in got.proposals if "crop" in p]
    assert sorted(seen) == sorted(made)


def test_a_proposal_goes_out_only_once_its_picture_is_made_or_given_up(
    enrolled: Project,
) -> None:
    """The app cuts a proposal's picture after committing it; if it was killed before the
    picture was made, the outbox cuts it before packing; if the image has gone since, the
    proposal goes without one (labeler.proposal_pictures)."""
    from labeler import crops

    ids = image_ids(enrolled)
    kept = enrolled.work.propose(ids[0], "goat", "no goat label", "asha", picture_later=True)
    gone = enrolled.work.propose(ids[1], "cow", "no cow label", "asha", picture_later=True)
    outbox = Outbox(enrolled)
    assert outbox._unbundled("proposal", 10) == []  # pending: not packable as it stands
    os.remove(enrolled.index.abspath(enrolled.queue.get(ids[1]).path))
    [b] = outbox.pack()
    ident = load_identity(enrolled)
    got = read_bundle(outbox.read_bytes(b), secret_for=lambda _d: ident.secret)
    by_uuid = {p["uuid"]: p for p in got.proposals}
    assert set(by_uuid) == {kept.uuid, gone.uuid}
    assert crops.check_crop(by_uuid[kept.uuid]["crop"]).width > 0
    assert "crop" not in by_uuid[gone.uuid]
