"""Structured logs: one JSON object per line, each naming the request it belongs to.

``serve`` turns this on (``--log-format json``, the default; ``text`` for a terminal). Every
record carries ``request_id`` (the ``X-Request-ID`` of the answer), so the traceback of a
500 is found from the id the client was shown; uvicorn's own loggers go the same way.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from sync.server.shield import request_id

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", ...extra fields, "exc"}``."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


_configured: str | None = None


def configure(fmt: str, level: str = "info") -> None:
    """Send every log record (ours and uvicorn's) to stderr as ``fmt`` ("json" or "text")."""
    global _configured
    if _configured == fmt:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # hitl.access says more, per route
    _configured = fmt
