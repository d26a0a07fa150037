"""Sign in with the admin token (or a supervisor's relay token, read-only), sign out, language."""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.server.console.i18n import LANG_COOKIE, LANGUAGES, tr
from sync.server.console.sign_in_limits import Blocked
from sync.server.console.web import (
    LOGIN_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    ConsoleDep,
    SessionDep,
    checked_form,
    language,
    redirect,
    render,
    same_origin,
    set_cookie,
    text_field,
)
from sync.server.credentials import parse_bearer
from sync.server.errors import ServerError, UnauthorizedError

router = APIRouter()
LOGIN_COOKIE_S = 30 * 60


def safe_next(path: str | None) -> str:
    """Only a path inside the console (never another host) to go back to after sign-in."""
    if path and path.startswith(PREFIX + "/") and "//" not in path and "\\" not in path:
        return path
    return PREFIX + "/progress"


def _sign_in_page(request: Request, next_path: str, error: str | None, status: int) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request, "sign_in.html", None, status, login_csrf=token, next=next_path, error=error
    )
    set_cookie(response, request, LOGIN_COOKIE, token, LOGIN_COOKIE_S)
    return response


def _too_many(request: Request, next_path: str, blocked: Blocked) -> Response:
    lang = language(request)
    if blocked.scope == "account":
        message = tr(
            lang,
            "Too many failed sign-ins with this account from this computer. Wait %(minutes)s"
            " minutes, then try again.",
            minutes=blocked.minutes,
        )
    else:
        message = tr(
            lang,
            "Too many failed sign-ins from this computer (address %(address)s). Wait"
            " %(minutes)s minutes, then try again.",
            minutes=blocked.minutes,
            address=request.client.host if request.client else "",
        )
    response = _sign_in_page(request, next_path, message, 429)
    response.headers["Retry-After"] = str(blocked.seconds)
    return response


@router.get("/sign-in")
def sign_in_form(request: Request, next: str | None = None) -> Response:
    return _sign_in_page(request, safe_next(next), None, 200)


@router.post("/sign-in")
async def sign_in(request: Request, console: ConsoleDep) -> Response:
    lang = language(request)
    form = await request.form()
    next_path = safe_next(text_field(form, "next", 300))
    posted, cookie = text_field(form, "csrf", 100), request.cookies.get(LOGIN_COOKIE, "")
    if not same_origin(request) or not cookie or not hmac.compare_digest(posted, cookie):
        message = tr(lang, "The sign-in form had expired. Type the token again.")
        return _sign_in_page(request, next_path, message, 403)
    parsed = parse_bearer("Bearer " + text_field(form, "token", 400))
    account = parsed[0] if parsed else None
    address = request.client.host if request.client else "unknown"
    limits, now = console.sign_in_limits(), console.settings.clock()
    blocked = limits.blocked(account, address, now)
    if blocked is not None:  # refused before the token is looked at
        return _too_many(request, next_path, blocked)
    refused = tr(lang, "This token is not valid here. Paste the admin token or a relay token.")
    try:
        if parsed is None:
            raise UnauthorizedError("not a token")
        principal = console.state.registry.authenticate(*parsed)
    except ServerError:
        limits.failed(account, address, now)
        return _sign_in_page(request, next_path, refused, 401)
    limits.succeeded(principal.id, address)
    if principal.role == "device":
        message = tr(lang, "A PC's credentials cannot open the console; use the admin token.")
        return _sign_in_page(request, next_path, message, 403)
    token, _session = console.sessions.create(principal, console.settings.clock())
    response = redirect(request, next_path)
    set_cookie(response, request, SESSION_COOKIE, token)  # a browser-session cookie
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


@router.post("/sign-out")
async def sign_out(request: Request, console: ConsoleDep, session: SessionDep) -> Response:
    await checked_form(request, session)
    console.sessions.end(request.cookies.get(SESSION_COOKIE))
    response = redirect(request, PREFIX + "/sign-in", "You are signed out.")
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


@router.get("/language")
def switch_language(request: Request, to: str, next: str | None = None) -> Response:
    """Remember the console's language in a cookie (no session needed: it is no secret)."""
    back = next if next == PREFIX + "/sign-in" else safe_next(next)
    response = redirect(request, back)
    if to in LANGUAGES:
        set_cookie(response, request, LANG_COOKIE, to, 365 * 24 * 3600)
    return response
