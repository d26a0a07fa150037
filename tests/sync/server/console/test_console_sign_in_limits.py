"""Sign-in rate limits: per (account, client address) and per address, a clear wait, and the
wait ends; a stranger's failures never lock the admin out of her own computer.

Real server, real HTTP (the sign-in form's own CSRF cookie and token, as a browser posts
them), clients on two real loopback addresses (127.0.0.1 and 127.0.0.2); time moves by the
console's clock, not by sleeping.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from tests.browser import Browser
from tests.sync.server.console.conftest import Seeded

SIGNED_IN = "hitl_console"


class _From(HTTPAdapter):
    """Connections from one local address (any of 127.0.0.0/8 is this machine)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class SignInForm:
    """One client posting the sign-in form (a fresh form each time, as a person would)."""

    def __init__(self, url: str, lang: str = "en", address: str = "127.0.0.1") -> None:
        self.url = url
        self.http = requests.Session()
        self.http.mount("http://", _From(address))
        self.http.cookies.set("hitl_console_lang", lang, path="/admin")

    def post(self, token: str) -> requests.Response:
        page = self.http.get(self.url + "/admin/sign-in", timeout=10)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        return self.http.post(
            self.url + "/admin/sign-in",
            data={"csrf": csrf, "token": token, "next": "/admin/progress"},
            allow_redirects=False,
            timeout=10,
        )


def error_of(r: requests.Response) -> str:
    m = re.search(r'<p class="error" role="alert">([^<]*)</p>', r.text)
    return m.group(1) if m else ""


def move_clock(seeded: Seeded, ahead: timedelta) -> None:
    console = seeded.server.app.state.console
    moment = datetime.now(UTC) + ahead
    console.settings = replace(console.settings, clock=lambda: moment)


def test_an_account_waits_after_five_failures_from_one_address_only(seeded: Seeded) -> None:
    server = seeded.server
    admin_id = server.admin_token.split(".", 1)[0]
    stranger = SignInForm(server.url, address="127.0.0.2")
    for _ in range(5):
        r = stranger.post(admin_id + ".wrong-guess")
        assert r.status_code == 401 and "not valid" in error_of(r)
    r = stranger.post(server.admin_token)  # even the right token waits now, from there
    assert r.status_code == 429 and SIGNED_IN not in r.cookies
    assert "Wait 15 minutes" in error_of(r) and "this account from this computer" in error_of(r)
    assert 14 * 60 < int(r.headers["Retry-After"]) <= 15 * 60
    relay = server.enroll_relay(seeded.project.id)
    r = stranger.post(relay["token"])  # another account from the same address signs in
    assert r.status_code == 303 and SIGNED_IN in r.cookies
    # the admin at her own computer is not locked out by the stranger's failures
    r = SignInForm(server.url, address="127.0.0.1").post(server.admin_token)
    assert r.status_code == 303 and SIGNED_IN in r.cookies
    move_clock(seeded, timedelta(minutes=10))
    r = stranger.post(server.admin_token)  # from the stranger's address: still waits
    assert r.status_code == 429 and "Wait 5 minutes" in error_of(r)
    move_clock(seeded, timedelta(minutes=16))
    r = stranger.post(server.admin_token)
    assert r.status_code == 303 and SIGNED_IN in r.cookies


def test_an_address_waits_after_twenty_failures_whatever_they_named(seeded: Seeded) -> None:
    server = seeded.server
    form = SignInForm(server.url, lang="hi", address="127.0.0.2")
    for n in range(20):
        r = form.post(f"rel-guess{n}.secret" if n % 2 else "not even a token")
        assert r.status_code == 401
    relay = server.enroll_relay(seeded.project.id)
    r = form.post(relay["token"])
    assert r.status_code == 429 and SIGNED_IN not in r.cookies
    said = error_of(r)
    assert "इस कंप्यूटर (पता 127.0.0.2) से बहुत बार ग़लत साइन-इन हुआ" in said
    assert "15 मिनट रुकें" in said
    assert SignInForm(server.url).post(relay["token"]).status_code == 303  # another address
    move_clock(seeded, timedelta(minutes=15, seconds=1))
    assert form.post(relay["token"]).status_code == 303


def test_a_success_clears_the_accounts_failures(seeded: Seeded) -> None:
    server = seeded.server
    admin_id = server.admin_token.split(".", 1)[0]
    form = SignInForm(server.url)
    for _ in range(4):
        assert form.post(admin_id + ".wrong").status_code == 401
    assert form.post(server.admin_token).status_code == 303
    for _ in range(4):  # four more: the count started again
        assert form.post(admin_id + ".wrong").status_code == 401
    assert form.post(server.admin_token).status_code == 303


def test_the_browser_shows_the_wait(chromium: object, seeded: Seeded) -> None:
    server = seeded.server
    admin_id = server.admin_token.split(".", 1)[0]
    browser = Browser(chromium, server.url)
    try:
        for _ in range(5):
            browser.sign_in(admin_id + ".wrong")
        browser.sign_in(server.admin_token)
        assert "/admin/sign-in" in browser.page.url
        shown = browser.page.inner_text("p.error")
        assert (
            "Too many failed sign-ins with this account from this computer. Wait 15 minutes"
            in shown
        )
    finally:
        browser.close()
