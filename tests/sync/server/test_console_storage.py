"""The console's writes and reads on both backends (SQLite file and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from labeler import taxonomy
from labeler.taxonomy import Label
from sync.server import answers
from sync.server.console.progress import project_progress
from sync.server.console.sessions import Sessions
from sync.server.proposal_decisions import DecisionError, decide
from sync.server.registry import Principal
from tests.conftest import TAXONOMY_TEXT
from tests.sync.conftest import RunningServer, fake_proposal, fake_submission


def test_decisions_sessions_and_progress(server: RunningServer) -> None:
    info = server.create_project("Forest")
    e = server.enroll_device(info.id, "Village A")
    props = [fake_proposal(1, name="Goat"), fake_proposal(2, name="goat", worker="meena")]
    subs = [fake_submission(i) for i in range(3)]
    assert (
        server.upload(
            server.bundle_for(e, 1, subs, proposals=props), server.device_headers(e)
        ).status_code
        == 200
    )
    uuids = [p["uuid"] for p in props]
    label = Label("goat", {"en": "Goat", "hi": "बकरी"}, "#123456", "8")
    out = decide(server.storage, info.id, uuids, "added", new_label=label, reply="added")
    assert (out.answered, out.taxonomy_version) == (2, 2)
    assert server.registry.project(info.id).taxonomy.get("goat") == label
    assert answers.version(server.storage, info.id) > 0
    assert len(answers.for_pack(server.storage, info.id)) == 2
    with pytest.raises(DecisionError, match="answered already"):
        decide(server.storage, info.id, uuids, "declined", reply="no")
    now = datetime.now(UTC)
    report = project_progress(server.storage, info.id, "Forest", 2, now, 3, 14)
    assert (report.submissions, report.images, report.devices) == (3, 3, 1)
    sessions = Sessions(server.storage, timedelta(minutes=60), timedelta(hours=12))
    token, _ = sessions.create(Principal("admin", "admin"), now)
    assert sessions.get(token, now + timedelta(minutes=59)) is not None  # slides on
    assert sessions.get(token, now + timedelta(minutes=118)) is not None
    assert sessions.get(token, now + timedelta(hours=13)) is None  # absolute end
    assert sessions.get(token, now) is None  # ended and removed


def test_a_rename_keeps_the_id_and_changes_the_names(server: RunningServer) -> None:
    info = server.registry.create_project("P", taxonomy.parse(TAXONOMY_TEXT), "boxes")
    e = server.enroll_device(info.id, "C")
    prop = fake_proposal(1, name="Sapling")
    server.upload(server.bundle_for(e, 1, [], proposals=[prop]), server.device_headers(e))
    tree = server.registry.project(info.id).taxonomy.get("tree")
    assert tree is not None
    decide(
        server.storage,
        info.id,
        [prop["uuid"]],
        "renamed",
        label_id="tree",
        names={"en": "Tree or sapling"},
    )
    after = server.registry.project(info.id).taxonomy.get("tree")
    assert after is not None and after.names["en"] == "Tree or sapling"
    assert after.colour == tree.colour and after.shortcut == tree.shortcut


def test_sign_in_limits_count_per_account_and_address_and_per_address(
    server: RunningServer,
) -> None:
    from sync.server.console.sign_in_limits import SignInLimits

    limits = SignInLimits(server.storage, 3, 5, timedelta(minutes=15))
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    for n in range(3):
        assert limits.blocked("admin", "10.0.0.1", t0) is None
        limits.failed("admin", "10.0.0.1", t0 + timedelta(minutes=n))
    blocked = limits.blocked("admin", "10.0.0.1", t0 + timedelta(minutes=3))
    assert blocked is not None and blocked.scope == "account" and blocked.minutes == 12
    # the same account from another address is not locked out by these failures
    assert limits.blocked("admin", "10.0.0.9", t0 + timedelta(minutes=3)) is None
    assert limits.blocked("rel-x", "10.0.0.1", t0 + timedelta(minutes=3)) is None
    limits.failed(None, "10.0.0.1", t0 + timedelta(minutes=4))
    limits.failed("rel-y", "10.0.0.1", t0 + timedelta(minutes=5))
    blocked = limits.blocked("rel-x", "10.0.0.1", t0 + timedelta(minutes=6))
    assert blocked is not None and blocked.scope == "address" and blocked.minutes == 9
    later = t0 + timedelta(minutes=15, seconds=1)  # the first failure left the window
    assert limits.blocked("admin", "10.0.0.1", later) is None
    limits.succeeded("rel-y", "10.0.0.1")
    assert limits.blocked("rel-x", "10.0.0.1", t0 + timedelta(minutes=6)).scope == "address"
    # a success clears the account's count from its own address only
    for n in range(3):
        limits.failed("rel-z", "10.0.0.2", t0 + timedelta(minutes=n))
        limits.failed("rel-z", "10.0.0.3", t0 + timedelta(minutes=n))
    limits.succeeded("rel-z", "10.0.0.2")
    assert limits.blocked("rel-z", "10.0.0.2", t0 + timedelta(minutes=3)) is None
    assert limits.blocked("rel-z", "10.0.0.3", t0 + timedelta(minutes=3)).scope == "account"


def test_a_new_label_cannot_take_a_key_the_labeling_app_keeps(server: RunningServer) -> None:
    """L (polyline tool) and Q (ask the supervisor) are the app's keys: a label given one would
    be silently moved to a digit on every PC, so the admin is told at once (and never offered
    them)."""
    from sync.server.proposal_decisions import free_keys

    info = server.create_project("Forest")
    e = server.enroll_device(info.id, "Village A")
    props = [fake_proposal(1, name="Goat")]
    server.upload(server.bundle_for(e, 1, [], proposals=props), server.device_headers(e))
    for key in ("L", "q", "S", "F1"):
        label = Label("goat", {"en": "Goat"}, "#123456", key)
        with pytest.raises(DecisionError, match="one of the app's own keys"):
            decide(server.storage, info.id, [props[0]["uuid"]], "added", new_label=label)
    offered = free_keys(server.registry.project(info.id).taxonomy)
    assert not {"L", "Q", "N", "X", "Y"} & set(offered) and "C" in offered
