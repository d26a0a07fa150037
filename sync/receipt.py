"""Receipts: the server's signed word that it stored a bundle's records.

A PC marks work delivered only from a receipt that verifies against the server public key
from its enrollment file AND names the SHA-256 of exactly the bundle it sent, never from a
bare HTTP 200. Receipts arrive by network or on a USB drive; both go through ``verify_receipt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sync.errors import ReceiptError
from sync.signing import verify_json


@dataclass(frozen=True)
class Receipt:
    """A verified receipt."""

    project_id: str
    device_id: str
    seq: int
    bundle_sha256: str
    received_at: str
    accepted: tuple[str, ...]
    duplicates: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]  # (uuid, reason)
    document: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def stored(self) -> set[str]:
        """Every uuid the server holds after this bundle (new or from before)."""
        return set(self.accepted) | set(self.duplicates)


def verify_receipt(
    document: Any,
    public_key_b64: str,
    *,
    bundle_sha256: str | None = None,
    device_id: str | None = None,
    seq: int | None = None,
    project_id: str | None = None,
) -> Receipt:
    """Check the signature and that the receipt is about the bundle we mean; else ``ReceiptError``."""
    if not isinstance(document, dict) or not isinstance(document.get("receipt"), dict):
        raise ReceiptError("the server's answer is not a receipt; the bundle stays pending")
    body, signature = document["receipt"], document.get("signature")
    if not isinstance(signature, str) or not verify_json(body, signature, public_key_b64):
        raise ReceiptError(
            "the receipt is not signed by this project's server (wrong server, or altered);"
            " the bundle stays pending. Check the server address in the enrollment"
        )
    expect = {
        "bundle_sha256": bundle_sha256,
        "device_id": device_id,
        "seq": seq,
        "project_id": project_id,
    }
    for key, want in expect.items():
        if want is not None and body.get(key) != want:
            raise ReceiptError(
                f"the receipt is for another bundle ({key} {body.get(key)!r}, expected"
                f" {want!r}); the bundle stays pending"
            )
    try:
        rejected = tuple((str(r["uuid"]), str(r.get("reason", ""))) for r in body["rejected"])
        return Receipt(
            project_id=str(body["project_id"]),
            device_id=str(body["device_id"]),
            seq=int(body["seq"]),
            bundle_sha256=str(body["bundle_sha256"]),
            received_at=str(body.get("received_at", "")),
            accepted=tuple(str(u) for u in body["accepted"]),
            duplicates=tuple(str(u) for u in body["duplicates"]),
            rejected=rejected,
            document=document,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ReceiptError(f"the receipt is signed but malformed ({exc})") from exc
