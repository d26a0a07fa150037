"""What every console page shares: templates, the signed-in session, CSRF, headers, notices.

A page asks for ``SessionDep`` (anyone signed in) or ``AdminSessionDep`` (the admin only);
without a live session the browser is sent to the sign-in page, so nothing is visible
without one. Every form posts the session's CSRF token and is checked by ``checked_form``
(and a POST from another origin is refused). Pages carry a strict Content-Security-Policy:
no inline script, nothing from another host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, unquote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.datastructures import FormData

from sync.server import storage as db
from sync.server.config import Settings
from sync.server.console.config import ConsoleSettings
from sync.server.console.exports import ExportJobs
from sync.server.console.i18n import LANG_COOKIE, LANGUAGES, choose, tr
from sync.server.console.messages import localize
from sync.server.console.sessions import ConsoleSession, Sessions
from sync.server.console.sign_in_limits import SignInLimits
from sync.server.deps import AppState

PREFIX = "/admin"
SESSION_COOKIE = "hitl_console"
LOGIN_COOKIE = "hitl_console_login"  # double-submit CSRF token of the sign-in form
NOTICE_COOKIE = "hitl_console_notice"
HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
    " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


@dataclass
class Console:
    """The console's shared parts, kept on ``app.state.console``."""

    state: AppState
    settings: ConsoleSettings
    sessions: Sessions
    templates: Environment
    exports: ExportJobs
    server_settings: Settings

    @classmethod
    def build(cls, state: AppState, settings: ConsoleSettings) -> Console:
        env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html", "svg"]),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        sessions = Sessions(
            state.storage,
            idle=timedelta(minutes=settings.idle_minutes),
            longest=timedelta(hours=settings.max_hours),
        )
        return cls(
            state, settings, sessions, env, ExportJobs(state, state.settings), state.settings
        )

    def sign_in_limits(self) -> SignInLimits:
        """The sign-in rate limits as the settings say now."""
        s = self.settings
        return SignInLimits(
            self.state.storage,
            s.sign_in_account_limit,
            s.sign_in_address_limit,
            timedelta(minutes=s.sign_in_window_minutes),
        )


class SignInNeeded(Exception):
    """No live session: the browser goes to the sign-in page, then back to ``next``."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageRefused(Exception):
    """A request the console refuses with a page (403: read-only view, bad CSRF token)."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def get_console(request: Request) -> Console:
    return request.app.state.console


ConsoleDep = Annotated[Console, Depends(get_console)]


def language(request: Request) -> str:
    return choose(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))


def current_session(request: Request, console: ConsoleDep) -> ConsoleSession:
    session = console.sessions.get(request.cookies.get(SESSION_COOKIE), console.settings.clock())
    if session is not None and session.role == "relay" and _relay_revoked(console, session):
        console.sessions.end_all_of(session.principal_id)
        session = None
    if session is None:
        raise SignInNeeded(request.url.path)
    request.state.console_session = session
    return session


def _relay_revoked(console: Console, session: ConsoleSession) -> bool:
    r = db.relays
    with console.state.storage.read() as conn:
        row = conn.execute(select(r.c.revoked_at).where(r.c.id == session.principal_id)).first()
    return row is None or row.revoked_at is not None


SessionDep = Annotated[ConsoleSession, Depends(current_session)]


def admin_session(request: Request, session: SessionDep) -> ConsoleSession:
    if session.read_only:
        raise PageRefused(tr(language(request), "This is a read-only view; the admin does this."))
    return session


AdminSessionDep = Annotated[ConsoleSession, Depends(admin_session)]


def same_origin(request: Request) -> bool:
    """A POST's Origin (when the browser sends one) must be this server."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


async def checked_form(request: Request, session: ConsoleSession) -> FormData:
    """The posted form, after its CSRF token and origin are checked."""
    form = await request.form()
    token = form.get("csrf")
    if not same_origin(request) or not session.csrf_ok(token if isinstance(token, str) else None):
        raise PageRefused(
            tr(
                language(request),
                "This form is out of date or did not come from this console. Open the page"
                " again and repeat.",
            )
        )
    return form


def text_field(form: FormData, name: str, limit: int = 500) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


# ---------------------------------------------------------------- responses
def secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def cookie_secure(request: Request, console: Console) -> bool:
    forced = console.settings.secure_cookies
    return forced if forced is not None else request.url.scheme == "https"


def set_cookie(
    response: Response,
    request: Request,
    name: str,
    value: str,
    max_age: int | None = None,
    *,
    http_only: bool = True,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=http_only,
        samesite="strict",
        secure=cookie_secure(request, get_console(request)),
    )


def redirect(request: Request, path: str, notice: str | None = None, **values: Any) -> Response:
    """303 to ``path``; ``notice`` (English, translated when shown) appears there once."""
    return _redirect(request, path, notice, values, refused=False)


def not_done(request: Request, path: str, exc: Exception) -> Response:
    """303 to ``path``, where "Not done:" and the server's reason show once, in the page's
    language (``messages.localize``), the English original under it."""
    return _redirect(request, path, "Not done: %(reason)s", {"reason": str(exc)}, refused=True)


def _redirect(
    request: Request, path: str, notice: str | None, values: dict[str, Any], *, refused: bool
) -> Response:
    response = RedirectResponse(path, status_code=303)
    if notice:
        doc = {"text": notice, "values": values, "refused": refused}
        text = json.dumps(doc, ensure_ascii=True)[:3000]
        set_cookie(response, request, NOTICE_COOKIE, quote(text), max_age=120)
    return secure(response)


@dataclass(frozen=True)
class Notice:
    """A one-time line at the top of a page: what was done, or why it was not."""

    text: str
    original: str = ""  # the server's English words, when ``text`` says them in Hindi
    refused: bool = False


def _notice(request: Request, lang: str) -> Notice | None:
    raw = request.cookies.get(NOTICE_COOKIE)
    if not raw:
        return None
    try:
        doc = json.loads(unquote(raw))
        values = {k: str(v) for k, v in dict(doc.get("values") or {}).items()}
        original = ""
        if "reason" in values:  # the server's or the core's English words
            said = localize(lang, values["reason"])
            values["reason"], original = said.text, said.original
        return Notice(tr(lang, str(doc["text"]), **values), original, bool(doc.get("refused")))
    except (ValueError, KeyError, TypeError):
        return None


def render(
    request: Request,
    template: str,
    session: ConsoleSession | None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    console = get_console(request)
    lang = language(request)
    env = console.templates

    def gettext(text: str, **values: Any) -> str:
        return tr(lang, text, **values)

    def said(message: str | None) -> Any:
        """A server message (an alert's record, an export's failure) in the page's language."""
        return localize(lang, message or "")

    page = env.get_template(template).render(
        _=gettext,
        gettext=gettext,
        said=said,
        lang=lang,
        languages=LANGUAGES,
        session=session,
        csrf=session.csrf if session else "",
        path=request.url.path,
        prefix=PREFIX,
        notice=_notice(request, lang),
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    if request.cookies.get(NOTICE_COOKIE):
        response.delete_cookie(NOTICE_COOKIE, path=PREFIX)
    return secure(response)  # type: ignore[return-value]


def _project_choices(console: Console, session: ConsoleSession) -> list[Any]:
    """The projects a session may see: a relay's own, or all of them for the admin."""
    if session.project_id:
        return [console.state.registry.project(session.project_id)]
    return console.state.registry.projects()


def pick_project(console: Console, session: ConsoleSession, ref: str | None) -> Any:
    """The project a form posts to: a relay's own; else ``ref``, else the first; None if none."""
    return page_projects(console, session, ref)[0]


def page_projects(console: Console, session: ConsoleSession, ref: str | None) -> tuple[Any, list]:
    """A page's project (as ``pick_project``) and the projects its chooser lists, read once."""
    projects = _project_choices(console, session)
    if ref:
        for p in projects:
            if ref in (p.id, p.name):
                return p, projects
    return (projects[0] if projects else None), projects
