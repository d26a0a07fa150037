"""The admin console in a real browser (Debian's Chromium) against a real server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import requests
from sqlalchemy import select

from sync.enrollment import read_enrollment
from sync.server import storage as db
from tests.sync.conftest import fake_submission
from tests.sync.server.console.conftest import Browser, Seeded


def test_nothing_is_visible_without_a_session(browser: Browser, seeded: Seeded) -> None:
    for path in ("/admin/progress", "/admin/proposals", "/admin/devices", "/admin/exports"):
        browser.go(path)
        assert browser.page.url.startswith(seeded.server.url + "/admin/sign-in")
        assert "Village A" not in browser.page.content()
    r = requests.get(seeded.server.url + "/admin/alerts", allow_redirects=False, timeout=10)
    assert r.status_code == 303 and "/admin/sign-in" in r.headers["location"]
    r = requests.post(seeded.server.url + "/admin/devices/enroll", data={"centre": "X"}, timeout=10)
    assert r.status_code in (200, 303) and "hitl-enrollment" not in r.text


def test_a_wrong_token_is_refused_and_the_admin_token_signs_in(
    browser: Browser, seeded: Seeded
) -> None:
    browser.sign_in("admin.not-the-token")
    assert browser.page.locator("p.error").is_visible()
    assert "/admin/sign-in" in browser.page.url
    device = seeded.pcs["a1"]
    browser.sign_in(f"{device['device_id']}.{device['device_secret']}")
    assert "cannot open the console" in browser.page.inner_text("p.error")
    browser.sign_in(seeded.server.admin_token)
    assert browser.page.url.endswith("/admin/progress")
    cookie = browser.cookie("hitl_console")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    # plain http here; over https: test_the_session_cookie_is_secure_over_https
    assert not cookie["secure"]
    assert browser.outside == []


def test_progress_shows_centres_pcs_stale_and_a_chart(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token)
    page = browser.page
    figures = page.inner_text("ul.figures")
    assert "10" in figures and "submissions" in figures  # 6 + 4
    rows = page.locator("table.progress tr.centre")
    assert rows.count() == 2
    centre_a = rows.nth(0).inner_text()
    assert "Village A" in centre_a and "\t6\t6\t1" in centre_a  # submissions, images, proposals
    stale = page.locator("tr.device.stale")
    assert stale.count() == 1
    assert seeded.pcs["a2"]["device_id"] in stale.inner_text()
    assert page.locator("svg.chart polyline").count() == 2  # one line per centre
    assert "Village B — 4" in page.inner_text("ul.legend")
    assert browser.outside == []


def test_alerts_say_what_to_do(browser: Browser, seeded: Seeded) -> None:
    server = seeded.server
    e = seeded.pcs["b1"]
    tampered = bytearray(server.bundle_for(e, 4, []))
    tampered[-1] ^= 1
    assert server.upload(bytes(tampered), server.device_headers(e)).status_code == 422
    assert server.upload(server.bundle_for(e, 3, []), server.device_headers(e)).status_code == 200
    server.registry.revoke_device(seeded.pcs["a1"]["device_id"])
    browser.sign_in(server.admin_token, "/admin/alerts")
    page = browser.page
    titles = page.locator("article.alert h2").all_inner_texts()
    assert any(t.startswith("Refused bundle") for t in titles)
    assert any(t.startswith("Missing bundles") for t in titles)  # b1 sent 1, then 3
    assert any(t.startswith("Revoked PC") for t in titles)
    assert any(t.startswith("Stale PC") for t in titles)
    refused = page.locator("article.alert-refused")
    assert "signature" in refused.inner_text() and "What to do:" in refused.inner_text()
    assert (
        "Bundle numbers that have not arrived: 2" in page.locator("article.alert-gap").inner_text()
    )


def test_csrf_and_origin_are_checked_on_every_form(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/devices")
    page = browser.page
    page.fill("input[name=centre]", "Village C")
    page.eval_on_selector_all("input[name=csrf]", "els => els.forEach(e => e.value = 'forged')")
    page.click("text=Enroll and download")
    assert "out of date" in page.inner_text("p.error")
    with seeded.server.storage.read() as conn:
        centres = set(conn.execute(select(db.devices.c.centre)).scalars())
    assert "Village C" not in centres
    # the right token from another site's page: refused by its Origin
    token = browser.context.request.get(seeded.server.url + "/admin/devices").text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', token).group(1)  # type: ignore[union-attr]
    r = browser.context.request.post(
        seeded.server.url + "/admin/devices/enroll",
        form={"csrf": csrf, "centre": "Village D", "project": seeded.project.id},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status == 403
    # the sign-in form has its own token
    r = requests.post(
        seeded.server.url + "/admin/sign-in",
        data={"csrf": "x", "token": seeded.server.admin_token},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 403 and "hitl_console=" not in r.headers.get("set-cookie", "")


def test_an_expired_session_goes_back_to_sign_in(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token)
    with seeded.server.storage.write() as conn:
        conn.execute(db.console_sessions.update().values(expires_at="2000-01-01T00:00:00.000Z"))
    browser.go("/admin/proposals")
    assert "/admin/sign-in" in browser.page.url
    with seeded.server.storage.read() as conn:
        assert conn.execute(select(db.console_sessions)).first() is None  # swept


def test_sign_out_ends_the_session(browser: Browser, seeded: Seeded) -> None:
    browser.sign_in(seeded.server.admin_token)
    cookie = browser.cookie("hitl_console")
    browser.page.click("text=Sign out")
    assert "signed out" in browser.page.inner_text("p.notice")
    r = requests.get(
        seeded.server.url + "/admin/progress",
        cookies={"hitl_console": cookie["value"]},  # type: ignore[index]
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303  # the old cookie opens nothing


def test_a_relay_token_gives_a_read_only_view(browser: Browser, seeded: Seeded) -> None:
    relay = seeded.server.enroll_relay(seeded.project.id)
    browser.sign_in(relay["token"], "/admin/proposals")
    page = browser.page
    assert "Supervisor (read-only)" in page.inner_text("header")
    assert "Bullock cart" in page.content()
    assert page.locator("form.decide").count() == 0
    assert page.locator("nav a", has_text="Exports").count() == 0
    csrf = page.get_attribute("input[name=csrf]", "value")
    r = browser.context.request.post(
        seeded.server.url + "/admin/proposals/decide",
        form={"csrf": csrf or "", "decision": "declined", "reply": "no"},
    )
    assert r.status == 403


def test_hindi_console(browser: Browser, seeded: Seeded) -> None:
    browser.go("/admin/sign-in")
    browser.page.click("a.lang[lang=hi]")
    assert "साइन इन" in browser.page.inner_text("h1")
    browser.sign_in(seeded.server.admin_token)
    assert "प्रगति" in browser.page.inner_text("nav")
    assert browser.page.get_attribute("html", "lang") == "hi"


def test_enroll_a_pc_and_a_relay_then_revoke(
    browser: Browser, seeded: Seeded, tmp_path: Path
) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/devices")
    page = browser.page
    page.fill("input[name=centre]", "Village C")
    with page.expect_download() as info:
        page.locator("form[action$='/devices/enroll'] button").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    enrollment = read_enrollment(path)
    assert enrollment.centre == "Village C" and enrollment.server_url == seeded.server.url
    page.fill("input[name=name]", "Sunita")
    with page.expect_download() as info:
        page.locator("form[action$='/devices/relay'] button").click()
    relay = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert relay["format"] == "hitl-relay" and relay["token"].startswith("rly-")
    page.goto(seeded.server.url + "/admin/devices")
    page.on("dialog", lambda d: d.accept())
    row = page.locator("tr", has_text=enrollment.device_id)
    row.locator("button", has_text="Revoke").click()
    page.wait_for_selector("p.notice")
    assert "revoked" in page.locator("tr", has_text=enrollment.device_id).inner_text()
    r = requests.get(
        seeded.server.url + "/v1/health",
        headers={"Authorization": f"Bearer {enrollment.device_id}.{enrollment.device_secret}"},
        timeout=10,
    )
    assert r.status_code == 403


def test_export_started_watched_and_downloaded(
    browser: Browser, seeded: Seeded, tmp_path: Path
) -> None:
    browser.sign_in(seeded.server.admin_token, "/admin/exports")
    page = browser.page
    page.select_option("select[name=format]", "coco")
    page.click("button:has-text('Start')")
    page.wait_for_selector("a:has-text('Download')", timeout=30_000)
    with page.expect_download() as info:
        page.click("a:has-text('Download')")
    coco = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert len(coco["images"]) == 10 and len(coco["annotations"]) == 10


def test_api_docs_work_offline(browser: Browser, seeded: Seeded) -> None:
    browser.go("/docs")
    browser.page.wait_for_selector(".swagger-ui .info .title")
    assert "HITL Labeler central server" in browser.page.inner_text(".swagger-ui .info .title")
    assert browser.outside == []


def test_conflicts_and_broken_chains_are_alerts_with_what_to_do(
    browser: Browser, seeded: Seeded
) -> None:
    server, e = seeded.server, seeded.pcs["a1"]
    other = server.bundle_for(e, 1, [fake_submission(500)])  # bundle 1 again, other content
    assert server.upload(other, server.device_headers(e)).status_code == 409
    unlinked = server.bundle_for(e, 2, [fake_submission(501)], prev_sha256="0" * 64)
    assert server.upload(unlinked, server.device_headers(e)).status_code == 200
    browser.sign_in(server.admin_token, "/admin/alerts")
    page = browser.page
    conflict = page.locator("article.alert-conflict").inner_text()
    assert conflict.startswith("Conflicting bundle") and e["device_id"] in conflict
    assert "What to do:" in conflict and "enroll the copy as a new PC" in conflict
    chain = page.locator("article.alert-chain_broken").inner_text()
    assert chain.startswith("Broken chain") and "What to do:" in chain


def test_the_session_cookie_is_secure_over_https(seeded: Seeded) -> None:
    """Behind TLS (the request's scheme is https, as uvicorn reports it with
    ``--forwarded-allow-ips`` and ``X-Forwarded-Proto``) the cookie is Secure; an admin can
    also force it."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    app = seeded.server.app
    with TestClient(app, base_url="https://hitl.example.org") as https:
        page = https.get("/admin/sign-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        assert "Secure" in page.headers["set-cookie"]  # the sign-in form's own token too
        r = https.post(
            "/admin/sign-in",
            data={"csrf": csrf, "token": seeded.server.admin_token},
            follow_redirects=False,
        )
        assert r.status_code == 303
        session = r.headers["set-cookie"]
        assert "hitl_console=" in session and "Secure" in session and "HttpOnly" in session
    console = app.state.console
    console.settings = replace(console.settings, secure_cookies=True)
    r = requests.get(seeded.server.url + "/admin/sign-in", timeout=10)  # plain http, forced
    assert "Secure" in r.headers["set-cookie"]
