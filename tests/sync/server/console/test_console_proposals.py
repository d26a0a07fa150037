"""Proposals in the browser: grouped with their places on the image; accepted, merged or
declined; the answers and the new taxonomy version travel in the signed pack."""

from __future__ import annotations

import requests

from sync.enrollment import verify_pack
from tests.sync.server.console.conftest import Browser, Seeded


def pack_of(seeded: Seeded, since: int, answers_since: int | None = None) -> requests.Response:
    e = seeded.pcs["a1"]
    params = {"since": since} | ({} if answers_since is None else {"answers_since": answers_since})
    return requests.get(
        seeded.server.url + "/v1/project/updates",
        params=params,
        headers=seeded.server.device_headers(e),
        timeout=10,
    )


def test_the_same_proposal_from_two_workers_is_one_group(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/proposals")
    page = browser.page
    groups = page.locator("section.proposal")
    assert groups.count() == 1
    text = groups.inner_text()
    assert "Workers: 2 · proposals: 2 — asha, meena" in text
    assert "carts pulled by oxen" in text and "images/img_00001.jpg" in text
    # asha marked a box on a 640x480 image: drawn at its place on the frame
    crop = groups.locator("svg.crop").first
    assert crop.get_attribute("viewBox") == "0 0 640.0 480.0"
    assert crop.locator("polygon").get_attribute("points") == (
        "100.0,80.0 300.0,80.0 300.0,260.0 100.0,260.0"
    )
    assert "image size unknown" not in groups.locator("li").first.inner_text()
    assert groups.locator("button.primary").inner_text() == "Answer 2 proposals"


def test_accepting_a_proposal_makes_a_signed_taxonomy_version_with_answers(
    browser: Browser, seeded: Seeded
) -> None:
    assert pack_of(seeded, 1, 0).status_code == 204
    browser.sign_in(seeded.server.admin_token, "/admin/proposals")
    page = browser.page
    form = page.locator("form.decide")
    assert form.locator("input[name=label_id]").input_value() == "bullock_cart"
    assert form.locator("input[name=name_en]").input_value() == "Bullock cart"
    assert form.locator("fieldset[data-for='renamed merged']").is_hidden()  # the script
    form.locator("input[name=name_hi]").fill("बैलगाड़ी")
    form.locator("select[name=key]").select_option("7")
    form.locator("textarea[name=reply]").fill("Thank you, added.")
    form.locator("button[type=submit]").click()
    assert "Added the label bullock_cart (taxonomy version 2)" in page.inner_text("p.notice")
    assert page.locator("section.proposal").count() == 0
    assert "bullock_cart" in page.inner_text("table")
    info = seeded.server.registry.project(seeded.project.id)
    label = info.taxonomy.get("bullock_cart")
    assert info.taxonomy_version == 2 and label is not None
    assert label.names == {"en": "Bullock cart", "hi": "बैलगाड़ी"} and label.shortcut == "7"
    r = pack_of(seeded, 1)
    assert r.status_code == 200
    pack = verify_pack(r.json(), seeded.server.registry.key.public)
    assert pack["taxonomy_version"] == 2 and pack["answers_version"] > 0
    answered = {a["proposal"]: a for a in pack["answers"]}
    assert set(answered) == {p["uuid"] for p in seeded.proposals}
    assert {a["decision"] for a in answered.values()} == {"added"}
    assert {a["reply"] for a in answered.values()} == {"Thank you, added."}


def test_declining_needs_a_reply_and_sends_only_answers(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/proposals")
    page = browser.page
    form = page.locator("form.decide")
    form.locator("input[value=declined]").check()
    assert form.locator("fieldset[data-for=added]").is_hidden()
    form.locator("button[type=submit]").click()
    assert "Not done" in page.inner_text("p.notice")
    assert page.locator("section.proposal").count() == 1  # still open
    form = page.locator("form.decide")
    form.locator("input[value=declined]").check()
    form.locator("textarea[name=reply]").fill("Carts count as vehicle.")
    form.locator("button[type=submit]").click()
    assert "Proposals declined with your reply: 2." in page.inner_text("p.notice")
    assert pack_of(seeded, 1).status_code == 204  # the taxonomy did not change ...
    r = pack_of(seeded, 1, 0)  # ... but a PC that asks for answers gets them
    assert r.status_code == 200
    answers = r.json()["pack"]["answers"]
    assert [a["reply"] for a in answers] == ["Carts count as vehicle."] * 2
    assert seeded.server.registry.project(seeded.project.id).taxonomy_version == 1


def test_a_taken_key_is_refused_with_the_reason(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/proposals")
    form = browser.page.locator("form.decide")
    form.locator("input[name=label_id]").fill("tree")  # an existing id
    form.locator("button[type=submit]").click()
    notice = browser.page.inner_text("p.notice")
    assert "Not done" in notice and "'tree' exists already" in notice
    assert seeded.server.registry.project(seeded.project.id).taxonomy_version == 1
