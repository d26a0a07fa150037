"""The FastAPI application: `create_app(settings)` wires storage, keys, routes and limits.

Every error leaves as ``{"detail": {"kind", "message"}}`` with a status a client can act on;
every request body is bounded (``BodyLimit``); every route needs credentials except the
OpenAPI schema and its docs page.
"""

from __future__ import annotations

import gc

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from labeler import __version__
from labeler.errors import LabelerError
from sync.server import logs
from sync.server.backpressure import UploadGate, UploadGuard
from sync.server.bodylimit import BodyLimit
from sync.server.bootstrap import open_state
from sync.server.config import Settings
from sync.server.console import mount_console
from sync.server.deps import AppState
from sync.server.errors import ServerError
from sync.server.observe import Observe
from sync.server.probes import Probes
from sync.server.routes import api_router
from sync.server.routes import metrics as metrics_routes
from sync.server.shield import RequestShield

BUNDLE_PATH = "/v1/bundles"
MODELS_PATH = "/v1/models"
__all__ = ["create_app", "create_served_app", "open_state"]
# Collections of the youngest generation every this many container allocations (CPython's
# default: 700). An upload allocates about a dozen dicts and lists per submission, nearly
# all freed by reference counting as soon as it is stored; at the default the collector ran
# every few dozen submissions and took a fifth of the CPU of decoding a bundle.
GC_YOUNG_THRESHOLD = 20_000


def create_app(settings: Settings | None = None, state: AppState | None = None) -> FastAPI:
    """The ASGI app (``state`` lets tests share an opened one).

    Without arguments it reads its settings from ``HITL_SERVER_*`` variables, so a process
    manager can load it: ``uvicorn --factory sync.server.app:create_app``.
    """
    if settings is None:
        settings = state.settings if state is not None else Settings.from_env()
    if settings.log_format:
        logs.configure(settings.log_format, settings.log_level or "info")
    state = state or open_state(settings)
    app = FastAPI(
        title="HITL Labeler central server",
        version=__version__,
        description="Receives bundles of labeled work from PCs (by network or relayed from"
        " USB drives), answers with signed receipts, and serves project packs.",
        docs_url=None,  # served with local assets by the console (no CDN)
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.hitl = state
    app.state.gate = UploadGate(
        max_uploads=settings.max_uploads,
        ingest_workers=settings.max_ingests,
        queue_wait_s=settings.max_queue_wait_s,
    )
    app.include_router(api_router())
    mount_console(app, state, settings)
    app.include_router(metrics_routes.router)
    # Middleware runs outermost-last-added: probes, request ids, logs and metrics, the
    # upload guard (admission and credentials), then the body limit, then the routes.
    app.add_middleware(
        BodyLimit,
        large_paths={BUNDLE_PATH},
        large_limit=settings.max_body_bytes,
        path_limits={MODELS_PATH: settings.max_model_bytes},
        small_limit=settings.max_small_body_bytes,
    )
    app.add_middleware(
        UploadGuard,
        path=BUNDLE_PATH,
        gate=app.state.gate,
        registry=state.registry,
        drain_bytes=settings.max_body_bytes,
    )
    app.add_middleware(Observe)
    app.add_middleware(RequestShield)
    app.add_middleware(Probes, storage=state.storage)  # added last: the outermost of ours

    @app.exception_handler(ServerError)
    async def _server_error(_request: Request, exc: ServerError) -> JSONResponse:
        retry = getattr(exc, "retry_after", None)
        headers = {"Retry-After": str(retry)} if retry is not None else None
        return JSONResponse({"detail": exc.detail()}, status_code=exc.status, headers=headers)

    @app.exception_handler(LabelerError)
    async def _labeler_error(_request: Request, exc: LabelerError) -> JSONResponse:
        return JSONResponse({"detail": {"kind": "bad_request", "message": str(exc)}}, 400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        ]
        message = "the request is malformed: " + "; ".join(parts)
        return JSONResponse({"detail": {"kind": "bad_request", "message": message}}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not_found", 405: "bad_request", 401: "unauthorized", 403: "forbidden"}
        return JSONResponse(
            {
                "detail": {
                    "kind": kind.get(exc.status_code, "bad_request"),
                    "message": str(exc.detail),
                }
            },
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    return app


def create_served_app() -> FastAPI:
    """``create_app()`` for a serving process (``labeler-server serve``, each of its
    ``--workers``): the objects made at start (modules, routes, the pool) are moved out of
    the collector's way (``gc.freeze``) and the youngest generation is collected less often
    (``GC_YOUNG_THRESHOLD``). Reference counting frees an upload's records either way; this
    only spares the cycle collector from walking the same objects thousands of times a
    second. Not done by ``create_app``: a test process making many apps would keep them."""
    app = create_app()
    tune_gc()
    return app


def tune_gc() -> None:
    gc.collect()  # nothing unreachable is frozen
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
