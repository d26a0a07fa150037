"""The one HTTP session of the PC: default timeouts, a User-Agent with the version, and every
failure turned into a ``SyncError`` with plain words (so no caller ever sees a requests
exception or waits forever on a dead 2G link).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import requests

from labeler import __version__
from sync.errors import SyncError

USER_AGENT = f"hitl-labeler/{__version__} (+sync)"


@dataclass(frozen=True)
class Timeouts:
    """Seconds. Connect fails fast when there is no link; read allows a slow upload's answer."""

    connect: float = 5.0
    read: float = 30.0

    @property
    def pair(self) -> tuple[float, float]:
        return (self.connect, self.read)


class OfflineError(SyncError):
    """The server cannot be reached (no link, link dropped, timeout). Work stays pending."""


class ServerRefused(SyncError):
    """The server answered with a refusal (4xx); ``kind`` is its reason code."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(f"the server refused ({status} {kind}): {message}")
        self.status = status
        self.kind = kind
        self.message = message


class ServerUnavailable(SyncError):
    """The server answered but is not working right now (5xx, 429): try again later."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"the server is not available right now ({status}): {message}")
        self.status = status


class ServerBusy(ServerUnavailable):
    """The server asked to be called again later (503 or 429 with ``Retry-After``): it is
    up and shedding load, so the caller waits and sends again; this is not a failure."""

    MAX_S = 300.0  # a Retry-After beyond this is read as this

    def __init__(self, status: int, message: str, retry_after: float) -> None:
        super().__init__(status, message)
        self.retry_after = retry_after


def _retry_after(resp: requests.Response) -> float | None:
    """Seconds from a ``Retry-After: <seconds>`` header (the HTTP-date form is not used here)."""
    value = resp.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds != seconds or seconds < 0:  # NaN or negative
        return None
    return min(seconds, ServerBusy.MAX_S)


class HttpSession:
    """A ``requests.Session`` bound to one server and one device's credentials."""

    def __init__(
        self, base_url: str, authorization: str | None = None, timeouts: Timeouts | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeouts = timeouts or Timeouts()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        if authorization:
            self.session.headers["Authorization"] = authorization

    def close(self) -> None:
        self.session.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        params: dict[str, Any] | None = None,
        timeouts: Timeouts | None = None,
        ok: tuple[int, ...] = (200,),
        headers: dict[str, str] | None = None,
        stream: bool = False,
        json_body: Any = None,
    ) -> requests.Response:
        """The response if its status is in ``ok``; otherwise a ``SyncError`` subclass.
        ``stream`` leaves the body to be read in chunks (a model download); ``json_body`` is
        sent as JSON (a station's signed message)."""
        headers = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
        url = self.base_url + path
        try:
            resp = self.session.request(
                method,
                url,
                data=data,
                params=params,
                headers=headers or None,
                timeout=(timeouts or self.timeouts).pair,
                stream=stream,
            )
        except requests.exceptions.Timeout as exc:
            raise OfflineError(f"the server at {self.base_url} did not answer in time") from exc
        except requests.exceptions.ConnectionError as exc:
            raise OfflineError(
                f"cannot reach the server at {self.base_url} (no network, or the link dropped)"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise OfflineError(f"the request to {url} failed ({type(exc).__name__})") from exc
        if resp.status_code in ok:
            return resp
        kind, message = _detail(resp)
        if resp.status_code in (503, 429):
            retry_after = _retry_after(resp)
            if retry_after is not None:
                raise ServerBusy(resp.status_code, message, retry_after)
        if resp.status_code >= 500 or resp.status_code == 429:
            raise ServerUnavailable(resp.status_code, message)
        raise ServerRefused(resp.status_code, kind, message)


def _detail(resp: requests.Response) -> tuple[str, str]:
    """The ``{"detail": {"kind", "message"}}`` of an error answer, tolerating other shapes."""
    try:
        detail = resp.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, dict):
        return str(detail.get("kind", "error")), str(detail.get("message", ""))
    if isinstance(detail, str):
        return "error", detail
    return "error", (resp.text[:200] or resp.reason or "no reason given")


def response_json(resp: Any) -> Any:
    """The answer's JSON, or a ``SyncError`` in plain words (a captive portal, a proxy page)."""
    try:
        return resp.json()
    except ValueError as exc:
        raise SyncError(
            f"the answer from {resp.url} is not from the HITL server (not JSON);"
            " check the network (a login page of a hotspot?)"
        ) from exc
