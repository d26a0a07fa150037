"""Signed-in browser sessions of the admin console, kept in the server database.

The cookie holds 32 random bytes; the database keeps only their SHA-256, so a database dump
signs nobody in. A session slides forward with each request (``idle_minutes``) and ends at
``max_hours`` after sign-in whatever happens; signing out deletes it. Each session has its
own CSRF token, which every form posts back. Kept in the database (not in process memory) so
several API processes behind a load balancer share them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from sync.server import storage as db
from sync.server.registry import Principal
from sync.server.storage import Storage


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ConsoleSession:
    """Who is signed in, and the CSRF token their forms must carry."""

    role: str  # "admin", or "relay" for a supervisor's read-only view of one project
    principal_id: str
    project_id: str | None
    csrf: str
    expires_at: str

    @property
    def read_only(self) -> bool:
        return self.role != "admin"

    def csrf_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(str(given), self.csrf)


class Sessions:
    """Create, look up (sliding the expiry), and end console sessions."""

    def __init__(self, storage: Storage, idle: timedelta, longest: timedelta) -> None:
        self.storage = storage
        self.idle = idle
        self.longest = longest

    def create(self, principal: Principal, now: datetime) -> tuple[str, ConsoleSession]:
        """A new session for ``principal``; returns (cookie value, session)."""
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires = stamp(min(now + self.idle, now + self.longest))
        s = db.console_sessions
        with self.storage.write() as conn:
            conn.execute(delete(s).where(s.c.expires_at < stamp(now)))  # sweep the dead
            conn.execute(
                s.insert().values(
                    id_sha256=_sha(token),
                    role=principal.role,
                    principal_id=principal.id,
                    project_id=principal.project_id,
                    csrf=csrf,
                    created_at=stamp(now),
                    expires_at=expires,
                    ends_at=stamp(now + self.longest),
                )
            )
        return token, ConsoleSession(
            principal.role, principal.id, principal.project_id, csrf, expires
        )

    def get(self, token: str | None, now: datetime) -> ConsoleSession | None:
        """The live session of this cookie (its expiry moved on), or None."""
        if not token or len(token) > 200:
            return None
        s = db.console_sessions
        key = _sha(token)
        with self.storage.read() as conn:
            row = conn.execute(select(s).where(s.c.id_sha256 == key)).first()
        if row is None:
            return None
        current = stamp(now)
        if row.expires_at <= current or row.ends_at <= current:
            self.end(token)
            return None
        expires = min(stamp(now + self.idle), row.ends_at)
        if expires > row.expires_at:
            with self.storage.write() as conn:
                conn.execute(s.update().where(s.c.id_sha256 == key).values(expires_at=expires))
        return ConsoleSession(row.role, row.principal_id, row.project_id, row.csrf, expires)

    def end(self, token: str | None) -> None:
        if not token:
            return
        s = db.console_sessions
        with self.storage.write() as conn:
            conn.execute(delete(s).where(s.c.id_sha256 == _sha(token)))

    def end_all_of(self, principal_id: str) -> None:
        """Sign out every session of one principal (e.g. a revoked relay)."""
        s = db.console_sessions
        with self.storage.write() as conn:
            conn.execute(delete(s).where(s.c.principal_id == principal_id))
