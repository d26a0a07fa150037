"""The sync failures a person can act on, each with a plain message (what, where, what to do).

``BundleError.kind`` is one of the kinds named in ``sync/PROTOCOL.md``, so both ends (and
the HTTP API's ``{"detail": {"kind", "message"}}``) speak about a rejected bundle the same way.
"""

from __future__ import annotations

from typing import Literal, get_args

from labeler.errors import LabelerError

BundleErrorKind = Literal[
    "malformed",
    "unsupported_version",
    "too_large",
    "checksum",
    "signature",
    "unknown_device",
    "revoked_device",
    "wrong_project",
    "conflict",
]
BUNDLE_ERROR_KINDS: tuple[str, ...] = get_args(BundleErrorKind)


class BundleError(LabelerError):
    """A bundle failed a check and is rejected whole; nothing of it may be applied."""

    def __init__(self, kind: BundleErrorKind | str, message: str) -> None:
        if kind not in BUNDLE_ERROR_KINDS:
            raise ValueError(f"unknown bundle error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message

    def to_detail(self) -> dict[str, str]:
        """The ``detail`` object of the HTTP error body."""
        return {"kind": self.kind, "message": self.message}


class SyncError(LabelerError):
    """Sync cannot go on (server unreachable, refused, bad answer); the work stays pending."""


class NotEnrolledError(SyncError):
    """The project is not joined to a server yet: run `labeler enroll FILE` first."""


class EnrollmentError(LabelerError):
    """An enrollment file or project pack is malformed, forged, or for another project."""


class InsecureServerAddress(EnrollmentError):
    """The enrollment names a plain-http server on another machine: the PC's secret and
    work would cross the network in clear text. Allowed only when asked for explicitly
    (``--allow-insecure-http``; the app's "closed network" box)."""

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message)
        self.url = url


class ReceiptError(SyncError):
    """A receipt did not verify (wrong key, wrong bundle); nothing is marked delivered."""
