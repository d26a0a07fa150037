"""Server failures, each with the HTTP status and the ``kind`` a client reads.

The HTTP layer turns any ``ServerError`` into ``{"detail": {"kind", "message"}}``; the CLI
prints its message. Bundle rejections keep the ``BundleError`` kinds of PROTOCOL.md.
"""

from __future__ import annotations

from labeler.errors import LabelerError

# HTTP status for each rejection kind (PROTOCOL.md, "HTTP status of a rejection").
STATUS_OF_KIND: dict[str, int] = {
    "malformed": 400,
    "unsupported_version": 400,
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "unknown_device": 403,
    "revoked_device": 403,
    "wrong_project": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "checksum": 422,
    "signature": 422,
    "not_initialised": 503,
    "busy": 503,
}


class ServerError(LabelerError):
    """A request or command the server refuses, with a reason a person can read."""

    kind = "bad_request"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if kind is not None:
            self.kind = kind

    @property
    def status(self) -> int:
        return STATUS_OF_KIND.get(self.kind, 400)

    def detail(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}


class NotInitialisedError(ServerError):
    """The data folder has no server key or database yet: run `labeler-server init`."""

    kind = "not_initialised"


class UnauthorizedError(ServerError):
    """No credentials, or credentials the server does not know."""

    kind = "unauthorized"


class ForbiddenError(ServerError):
    """Valid credentials that may not do this (another device's receipts, a revoked device)."""

    kind = "forbidden"


class NotFoundError(ServerError):
    """A project, device or receipt that does not exist."""

    kind = "not_found"


class BundleRejected(ServerError):
    """A bundle that failed a check; nothing of it was stored."""


class ConflictError(BundleRejected):
    """Different bytes under a (device, seq) already stored; kept for the admin, not applied."""

    kind = "conflict"


class BodyTooLargeError(ServerError):
    """A request body over the server's limit."""

    kind = "too_large"
