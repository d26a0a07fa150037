"""The admin console: server-rendered pages at /admin, and the API docs at /docs, offline.

``mount_console(app, state)`` is all the server app needs. Every asset (the console's CSS
and script, Swagger UI's files from the ``fastapi-offline`` package) is served by this
server, so both work on a closed network. Pages are Jinja2 templates rendered on the server;
the one script only adds comfort (confirmations, showing the fields of a chosen decision).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from sync.server.config import Settings
from sync.server.console.config import ConsoleSettings
from sync.server.console.exports import ExportJobs
from sync.server.console.routes import console_router
from sync.server.console.web import (
    HERE,
    PREFIX,
    Console,
    PageRefused,
    SignInNeeded,
    redirect,
    render,
)
from sync.server.deps import AppState

DOCS_ASSETS = "/docs/assets"


def _swagger_dir() -> Path:
    """Swagger UI's files as the ``fastapi-offline`` package ships them (OpenAPI 3.1 aware)."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def mount_console(
    app: FastAPI,
    state: AppState,
    server_settings: Settings | None = None,
    settings: ConsoleSettings | None = None,
) -> Console:
    """Add /admin (the console), its static files, and /docs with local assets."""
    console = Console.build(state, settings or ConsoleSettings.from_env())
    if server_settings is not None:  # the app's own (e.g. the public URL it was given)
        console.server_settings = server_settings
        console.exports = ExportJobs(state, server_settings)
    app.state.console = console
    app.include_router(console_router())
    app.mount(PREFIX + "/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.mount(DOCS_ASSETS, StaticFiles(directory=_swagger_dir()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )

    @app.exception_handler(SignInNeeded)
    async def _sign_in(request: Request, exc: SignInNeeded) -> Response:
        return redirect(request, f"{PREFIX}/sign-in?next={quote(exc.next_path)}")

    @app.exception_handler(PageRefused)
    async def _refused(request: Request, exc: PageRefused) -> Response:
        session = getattr(request.state, "console_session", None)
        return render(request, "refused.html", session, exc.status, message=exc.message)

    return console
