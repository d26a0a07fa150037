"""A supervisor's relay credentials (``labeler-server enroll-relay`` makes a ``.hitl-relay``
file): the right to upload the bundles of any device of one project. Saved copies live in
the per-user config folder (``relays/``), which is how the app knows this machine can push.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from labeler import appdirs
from labeler.atomic_file import write_atomic
from sync.errors import EnrollmentError

RELAY_FORMAT = "hitl-relay"
RELAY_SUFFIX = ".hitl-relay"


@dataclass(frozen=True)
class RelayCredentials:
    """A supervisor's right to upload the bundles of one project's devices."""

    server_url: str
    token: str
    project_id: str | None = None
    server_public_key: str | None = None  # from the relay file; else the server's pack

    @classmethod
    def from_file(cls, path: str | Path) -> RelayCredentials:
        p = Path(path)
        try:
            doc = json.loads(p.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise EnrollmentError(f"{p}: cannot read the relay credentials file ({exc})") from exc
        if not isinstance(doc, dict) or doc.get("format") != RELAY_FORMAT:
            raise EnrollmentError(f"{p}: not a relay credentials file (*.hitl-relay)")
        for key in ("server_url", "token"):
            if not isinstance(doc.get(key), str) or not doc[key]:
                raise EnrollmentError(f"{p}: the relay file has no {key!r}")
        return cls(
            doc["server_url"].rstrip("/"),
            doc["token"],
            doc.get("project_id"),
            doc.get("server_public_key"),
        )


def relays_dir() -> Path:
    p = appdirs.config_dir() / "relays"
    p.mkdir(parents=True, exist_ok=True)
    return p


def saved_relays() -> list[RelayCredentials]:
    """The relay credentials saved on this machine (unreadable files are skipped)."""
    out = []
    for p in sorted(relays_dir().glob("*" + RELAY_SUFFIX)):
        try:
            out.append(RelayCredentials.from_file(p))
        except EnrollmentError:
            continue
    return out


def save_relay(path: str | Path) -> Path:
    """Keep a copy of a relay file for this user (readable by the user only)."""
    RelayCredentials.from_file(path)  # refuse anything that is not one
    dest = relays_dir() / Path(path).name
    if not dest.name.endswith(RELAY_SUFFIX):
        dest = dest.with_name(dest.name + RELAY_SUFFIX)
    data = Path(path).read_bytes()
    write_atomic(dest, data, private=True)
    return dest
