"""The admin's answers to label proposals travel back to the PC that proposed them, in the
signed project pack: by network, and by USB drive when only the answers changed."""

from __future__ import annotations

from pathlib import Path

from labeler.proposal_answers import mark_seen, unseen_answers
from labeler.taxonomy import Label
from sync.client import SyncClient
from sync.server.proposal_decisions import decide
from sync.usb.export import export_to_drive
from sync.usb.push import push_drive
from sync.usb.receive import import_from_drive
from tests.sync.conftest import RunningServer
from tests.sync.support import make_pc
from tests.sync.usb_support import relay_of


def test_a_decline_reaches_the_pc_by_usb_and_an_acceptance_by_network(
    server: RunningServer, tmp_path: Path
) -> None:
    info = server.create_project("Forest")
    relay = relay_of(server, info.id)
    pc = make_pc(tmp_path / "pc", server.enroll_device(info.id, "Village A"), 2)
    other = make_pc(tmp_path / "other", server.enroll_device(info.id, "Village B"), 2)
    try:
        goat = pc.work.propose(1, "goat", "no goat label", "asha")
        cart = pc.work.propose(2, "bullock cart", "carts", "asha")
        theirs = other.work.propose(1, "goat", "goats everywhere", "meena")
        drive = tmp_path / "stick"
        drive.mkdir()
        for p in (pc, other):
            assert export_to_drive(p, drive).ok
        assert len(push_drive(drive, [relay]).delivered) == 2

        # declined: the taxonomy stays at version 1; only the answers are new
        decide(server.storage, info.id, [goat.uuid, theirs.uuid], "declined", reply="use 'animal'")
        push_drive(drive, [relay])  # the relay refreshes the signed pack on the drive
        result = import_from_drive(pc, drive)
        assert str(result.taxonomy).startswith("updated")
        answers = unseen_answers(pc, "asha")
        assert [(a.name, a.decision, a.reply) for a in answers] == [
            ("goat", "declined", "use 'animal'")
        ]  # only this PC's own proposal
        mark_seen(pc, [a.proposal_uuid for a in answers])
        assert unseen_answers(pc, "asha") == []
        assert import_from_drive(pc, drive).taxonomy is None  # nothing newer the second time

        # accepted: a new taxonomy version with the label, fetched by the network client
        decide(
            server.storage,
            info.id,
            [cart.uuid],
            "added",
            new_label=Label("bullock_cart", {"en": "Bullock cart"}, "#8d6e63", "7"),
        )
        report = SyncClient(pc).sync_once()
        assert report.taxonomy_updated
        assert pc.taxonomy.get("bullock_cart") is not None
        [answer] = unseen_answers(pc, "asha")
        assert (answer.decision, answer.label_id) == ("added", "bullock_cart")
        assert not SyncClient(pc).sync_once().taxonomy_updated  # once only
        assert unseen_answers(other, "meena") == []  # not imported there yet
    finally:
        pc.close()
        other.close()
