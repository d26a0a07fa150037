"""Proposals' pictures in a real browser: the crops PCs sent are shown (and decoded) on the
proposals page, a group of several workers gets its row of thumbnails, a proposal without a
picture keeps the drawn frame, a dropped picture says why; the picture route answers only a
session that may see the project, as a JPEG the browser will not sniff."""

from __future__ import annotations

from typing import Any

from tests.browser import Browser
from tests.sync.conftest import fake_proposal
from tests.sync.server.console.conftest import Seeded
from tests.sync.server.console.pictures import crop_b64

CART = (150.0, 130.0, 400.0, 240.0)


def send_pictures(seeded: Seeded) -> list[dict[str, Any]]:
    """Three more workers propose "Bullock cart" from PC a2, each with the picture her PC
    cut; one proposes "Solar panel" with a picture that is not base64."""
    server, e = seeded.server, seeded.pcs["a2"]
    region = {"type": "box", "label": "proposed", "points": [list(CART[:2]), list(CART[2:])]}
    props = [
        fake_proposal(
            200 + i,
            name="Bullock cart",
            reason="carts on the road",
            worker=worker,
            region=region,
            crop=crop_b64("cart", CART),
        )
        for i, worker in enumerate(("ravi", "sunita", "gita"))
    ]
    props.append(fake_proposal(210, name="Solar panel", worker="ravi", crop="not base64!"))
    r = server.upload(server.bundle_for(e, 1, [], proposals=props), server.device_headers(e))
    assert r.status_code == 200 and r.json()["receipt"]["rejected"] == [], r.text
    return props


def loaded(page: Any, selector: str) -> list[int]:
    """The natural widths of the pictures ``selector`` finds, each scrolled to and loaded."""
    images = page.locator(selector)
    widths = []
    for i in range(images.count()):
        img = images.nth(i)
        img.scroll_into_view_if_needed()
        img.evaluate(
            "e => e.complete && e.naturalWidth ? 0 : new Promise((ok, no) =>"
            " { e.onload = ok; e.onerror = no; })"
        )
        widths.append(int(img.evaluate("e => e.naturalWidth")))
    return widths


def test_the_proposals_page_shows_the_pictures_the_pcs_sent(
    browser: Browser, seeded: Seeded
) -> None:
    props = send_pictures(seeded)
    browser.sign_in(seeded.server.admin_token, "/admin/proposals")
    page = browser.page
    cart = page.locator("section.proposal", has_text="Bullock cart")
    assert "Workers: 5 · proposals: 5" in cart.inner_text()
    widths = loaded(page, "section.proposal li img.crop")
    assert len(widths) == 3 and all(0 < w <= 256 for w in widths)
    assert len(loaded(page, "p.thumbs img")) == 3  # the group's row of thumbnails
    assert cart.locator("li svg.crop").count() == 2  # asha's and meena's PCs sent none
    panel = page.locator("section.proposal", has_text="Solar panel")
    text = panel.inner_text()
    assert "could not be used, so it was dropped" in text and "not valid base64" in text
    assert panel.locator("svg.crop").count() == 1 and panel.locator("img").count() == 0
    # the picture itself: a JPEG, not to be sniffed, kept only by this browser
    src = cart.locator("li img.crop").first.get_attribute("src")
    assert src in {f"/admin/proposals/{p['uuid']}/crop.jpg" for p in props[:3]}
    r = browser.context.request.get(seeded.server.url + src)
    assert r.status == 200 and r.headers["content-type"] == "image/jpeg"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"].startswith("private")
    assert r.body()[:3] == b"\xff\xd8\xff"
    for missing in (props[3]["uuid"], seeded.proposals[0]["uuid"], "../../etc/passwd"):
        r = browser.context.request.get(f"{seeded.server.url}/admin/proposals/{missing}/crop.jpg")
        assert r.status == 404 and not r.body().startswith(b"\xff\xd8")
    assert browser.outside == []


def test_a_relay_sees_the_pictures_of_its_own_project_only(
    chromium: Any, browser: Browser, seeded: Seeded
) -> None:
    props = send_pictures(seeded)
    url = f"{seeded.server.url}/admin/proposals/{props[0]['uuid']}/crop.jpg"
    other = seeded.server.create_project("Other forest")
    for project_id, status in ((seeded.project.id, 200), (other.id, 404)):
        relay = seeded.server.enroll_relay(project_id)
        b = Browser(chromium, seeded.server.url)
        try:
            b.sign_in(relay["token"], "/admin/proposals")
            assert b.cookie("hitl_console") is not None
            assert b.context.request.get(url).status == status
        finally:
            b.close()
    browser.close()  # signed out: the same address now sends to the sign-in page
    fresh = Browser(chromium, seeded.server.url)
    try:
        r = fresh.context.request.get(url, max_redirects=0)
        assert r.status == 303 and "/admin/sign-in" in r.headers["location"]
    finally:
        fresh.close()
