"""Rate limits on the console's sign-in: per (account, client address) and per address.

The admin token is long and random, but the sign-in form is a page anyone on the network
can reach, so guessing is made slow on purpose: after ``account_limit`` failed sign-ins
naming one account (the admin, or one relay) from one client address within ``window``,
that account cannot sign in *from that address* until the oldest of those failures is
``window`` old; after ``address_limit`` failures from one address (whatever account they
named), nothing can sign in from that address likewise. While a limit holds, the form is
refused before the token is even checked (a right guess during the wait proves nothing),
with the wait in minutes. A successful sign-in clears its account's failures from its
address, not the address's own count.

The account's count is kept per address on purpose: counted across all addresses, a
stranger who knows the admin's account name could lock her out from her own computer just
by failing sign-ins from his (issue 14 review). Guessing stays slow all the same: each
address gets ``account_limit`` tries per account and ``address_limit`` in all per window,
against a token of 256 random bits.

Failures are rows in the server database (not process memory), so several API processes
count together; rows older than the window are swept as new ones arrive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select

from sync.server import storage as db
from sync.server.console.sessions import stamp
from sync.server.storage import Storage


@dataclass(frozen=True)
class Blocked:
    """Why sign-in is refused now, and for how long."""

    scope: str  # "account" or "address"
    wait: timedelta

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait.total_seconds() / 60))

    @property
    def seconds(self) -> int:
        return max(1, math.ceil(self.wait.total_seconds()))


class SignInLimits:
    """Count failed sign-ins and say when one more attempt must wait."""

    def __init__(
        self, storage: Storage, account_limit: int, address_limit: int, window: timedelta
    ) -> None:
        self.storage = storage
        self.account_limit = account_limit
        self.address_limit = address_limit
        self.window = window

    def blocked(self, account: str | None, address: str, now: datetime) -> Blocked | None:
        """The limit that holds for this attempt (the longer wait if both do), or None."""
        f = db.sign_in_failures
        waits = []
        if account:
            wait = self._wait(
                (f.c.account == account[:64]) & (f.c.address == address[:64]),
                self.account_limit,
                now,
            )
            if wait is not None:
                waits.append(Blocked("account", wait))
        wait = self._wait(f.c.address == address[:64], self.address_limit, now)
        if wait is not None:
            waits.append(Blocked("address", wait))
        return max(waits, key=lambda b: b.wait) if waits else None

    def _wait(self, which: ColumnElement[bool], limit: int, now: datetime) -> timedelta | None:
        f = db.sign_in_failures
        since = stamp(now - self.window)
        with self.storage.read() as conn:
            times = list(
                conn.execute(
                    select(f.c.failed_at)
                    .where(which, f.c.failed_at > since)
                    .order_by(f.c.failed_at.desc())
                    .limit(limit)
                ).scalars()
            )
        if len(times) < limit:
            return None
        # the attempt may go once the limit-th newest failure leaves the window
        oldest = datetime.fromisoformat(times[-1].replace("Z", "+00:00"))
        wait = oldest + self.window - now
        return wait if wait > timedelta(0) else None

    def failed(self, account: str | None, address: str, now: datetime) -> None:
        f = db.sign_in_failures
        with self.storage.write() as conn:
            conn.execute(delete(f).where(f.c.failed_at <= stamp(now - self.window)))
            conn.execute(
                f.insert().values(
                    account=account[:64] if account else None,
                    address=address[:64],
                    failed_at=stamp(now),
                )
            )

    def succeeded(self, account: str, address: str) -> None:
        """The account's count from this address starts again; those failures still count
        for the address."""
        f = db.sign_in_failures
        with self.storage.write() as conn:
            conn.execute(
                f.update()
                .where(f.c.account == account[:64], f.c.address == address[:64])
                .values(account=None)
            )
