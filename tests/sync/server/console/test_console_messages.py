"""The server's refusals reach a Hindi console in Hindi: each message is produced by the real
code that raises it (decisions, labels, registry, exports, refused bundles), then said again
by ``messages.localize``; a Hindi admin's refused decision reads in Hindi in a real browser."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from labeler.errors import LabelerError
from labeler.exports import exporter
from labeler.taxonomy import Label
from sync.server import refusals
from sync.server.console.i18n import tr
from sync.server.console.messages import UNKNOWN, known, localize
from sync.server.proposal_decisions import decide
from tests.browser import Browser
from tests.sync.conftest import RunningServer, fake_proposal
from tests.sync.server.console.conftest import Seeded

DEVANAGARI = re.compile("[\u0900-\u097f]")


def refusal(action: Callable[[], object]) -> str:
    with pytest.raises(LabelerError) as caught:
        action()
    return str(caught.value)


def label(**fields: object) -> Label:
    values: dict = {"id": "cart", "names": {"en": "Cart"}, "colour": "#2e7d32"} | fields
    return Label(**values)


def server_messages(seeded: Seeded) -> list[str]:
    """Every refusal a console page can show, from the code that makes it."""
    s, pid = seeded.server, seeded.project.id
    store, registry = s.storage, s.registry
    uuids = [p["uuid"] for p in seeded.proposals]

    def add(new: Label) -> Callable[[], object]:
        return lambda: decide(store, pid, uuids, "added", new_label=new)

    out = [
        refusal(lambda: decide(store, pid, uuids, "declined")),
        refusal(lambda: decide(store, pid, uuids, "added")),
        refusal(lambda: decide(store, pid, uuids, "shrugged")),  # type: ignore[arg-type]
        refusal(lambda: decide(store, pid, ["no-such-uuid"], "merged", label_id="tree")),
        refusal(lambda: decide(store, pid, uuids, "merged", label_id="spaceship")),
        refusal(add(label(shortcut="S"))),
        refusal(add(label(id="tree"))),
        refusal(add(label(id="bullock cart"))),
        refusal(add(label(names={"en": " "}))),
        refusal(add(label(names={"en": "a|b"}))),
        refusal(add(label(colour="green"))),
        refusal(add(label(shortcut="Ctrl+Q"))),
        refusal(lambda: decide(store, pid, uuids, "renamed", label_id="tree", names={})),
        refusal(
            lambda: decide(
                store, pid, uuids, "renamed", label_id="tree", names={"en": "Tree", "hi": "पेड़"}
            )
        ),
        refusal(lambda: registry.project("nowhere")),
        refusal(lambda: registry.enroll_device(pid, " ", s.url)),
        refusal(lambda: registry.revoke_device("dev-nobody")),
        refusal(lambda: registry.revoke_relay("rel-nobody")),
        refusal(lambda: exporter("xlsx")),
    ]
    decide(store, pid, uuids, "declined", reply="No carts.")
    out.append(refusal(lambda: decide(store, pid, uuids, "declined", reply="Again")))
    # bundles refused at upload, as the alerts page shows their record
    a1, b1 = seeded.pcs["a1"], seeded.pcs["b1"]
    good = s.bundle_for(a1, 2, [], proposals=[fake_proposal(7)])
    damaged = bytearray(good)
    damaged[-40] ^= 0xFF  # inside the payload: the checksum fails
    s.upload(bytes(damaged), s.device_headers(a1))
    forged = s.bundle_for({**a1, "device_secret": b1["device_secret"]}, 2, [])
    relay = s.relay_headers(s.enroll_relay(pid))  # a supervisor's drive push
    s.upload(forged, relay)
    registry.revoke_device(b1["device_id"])
    s.upload(s.bundle_for(b1, 2, []), relay)
    recorded = [r["message"] for r in refusals.listed(store, pid)]
    assert len(recorded) == 3
    return out + recorded


def test_every_refusal_a_page_shows_is_said_in_hindi(seeded: Seeded) -> None:
    for message in server_messages(seeded):
        assert known(message) is not None, f"add a pattern to console/messages.py: {message!r}"
        said = localize("hi", message)
        assert DEVANAGARI.search(said.text) and said.original == message, message
        assert localize("en", message).text == message  # English pages show the original
    # names and numbers the message carried survive the translation
    said = localize("hi", refusal(lambda: seeded.server.registry.revoke_device("dev-xyz")))
    assert "dev-xyz" in said.text


def test_an_unknown_message_is_a_hindi_sentence_with_the_english_kept() -> None:
    said = localize("hi", "the moon is in the wrong phase")
    assert said.text == tr("hi", UNKNOWN) and DEVANAGARI.search(said.text)
    assert said.original == "the moon is in the wrong phase"
    assert localize("hi", "पहले से हिन्दी").original == ""  # said already: left alone


def test_a_hindi_admin_reads_a_refused_decision_in_hindi(
    chromium: object, seeded: Seeded, server: RunningServer
) -> None:
    browser = Browser(chromium, server.url, locale="hi-IN")
    try:
        browser.sign_in(server.admin_token, "/admin/proposals")
        form = browser.page.locator("form.decide")
        form.locator("input[name=label_id]").fill("tree")  # an existing id
        form.locator("button[type=submit]").click()
        notice = browser.page.locator("p.notice.refused")
        shown = notice.inner_text()
        assert "नहीं हुआ" in shown and "tree" in shown and "पहचान वाला लेबल पहले से है" in shown
        original = notice.locator("span[lang=en]").inner_text()
        assert "a label with the id 'tree' exists already" in original
        # outside the marked original, no English sentence
        hindi_part = shown.replace(original, "")
        assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", hindi_part), hindi_part
    finally:
        browser.close()
