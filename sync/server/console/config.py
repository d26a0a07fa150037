"""Settings of the admin console, from ``HITL_CONSOLE_*`` environment variables.

Kept apart from the server's ``Settings`` so the console can grow without touching the API's
configuration. ``clock`` is the one source of "now" for sessions and staleness.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sync.server.config import ConfigError

ENV_PREFIX = "HITL_CONSOLE_"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ConsoleSettings:
    """Session lifetimes, when a PC counts as stale, sign-in rate limits, and how cookies
    are marked."""

    idle_minutes: int = 60  # a session unused this long ends
    max_hours: int = 12  # and any session ends this long after sign-in
    stale_days: int = 3  # a PC with no bundle for this many days is highlighted
    chart_days: int = 14  # days in the chart of submissions per day
    sign_in_account_limit: int = 5  # failed sign-ins naming one account ...
    sign_in_address_limit: int = 20  # ... or from one client address ...
    sign_in_window_minutes: int = 15  # ... within this long, and sign-in waits
    secure_cookies: bool | None = None  # None: Secure when the request came over https
    clock: Callable[[], datetime] = field(default=_now, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ConsoleSettings:
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for name in (
            "idle_minutes",
            "max_hours",
            "stale_days",
            "chart_days",
            "sign_in_account_limit",
            "sign_in_address_limit",
            "sign_in_window_minutes",
        ):
            raw = env.get(ENV_PREFIX + name.upper(), "")
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise ConfigError(
                        f"{ENV_PREFIX}{name.upper()}={raw!r} is not a whole number"
                    ) from None
                if int(raw) <= 0:
                    raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be positive")
        secure = env.get(ENV_PREFIX + "SECURE_COOKIES", "")
        if secure:
            values["secure_cookies"] = secure.lower() in ("1", "true", "yes", "on")
        return cls(**values)  # type: ignore[arg-type]
