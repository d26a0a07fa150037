"""Calling a server that may be unreachable or busy: one retry loop for every caller.

A lost link or a failing server (5xx) is retried with backoff a bounded number of times.
"Busy, come back in N s" (503/429 + ``Retry-After``, the server's backpressure) is not a
failure: it is waited out with jitter without using up an attempt, so a thousand PCs (or a
relay with hundreds of bundles) wait their turn instead of giving up; only ``busy_max_s`` of
such waits in one call. The network client (``sync.client``) and the USB push
(``sync.usb.push``) both call through here; each says what it shows while it waits.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sync.http import OfflineError, ServerBusy, ServerUnavailable

T = TypeVar("T")

OnWait = Callable[[Any, float | None], None]
"""Told of each busy answer or failure and how long until the next try (None: giving up)."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: attempt k waits uniform(0, min(cap, base·2^k)).

    A server that answers "busy, retry after N s" is not failing: the caller waits N s plus
    up to half of it again (so a thousand PCs told the same N do not return together), and
    that wait does not use up an attempt; only ``busy_max_s`` of such waits in one call.
    """

    attempts: int = 5
    base_s: float = 0.5
    cap_s: float = 30.0
    busy_max_s: float = 900.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.cap_s, self.base_s * (2**attempt)))

    @staticmethod
    def busy_delay(retry_after: float) -> float:
        return retry_after * random.uniform(1.0, 1.5)


def call_with_retries(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    stop: threading.Event | None = None,
    on_busy: OnWait | None = None,
    on_failure: OnWait | None = None,
) -> T:
    """``fn()``, retried as the module docstring says; the last error is raised when the
    attempts or the busy time run out, or when ``stop`` is set (it also cuts a wait short).
    ``on_busy`` hears every ``ServerBusy``, ``on_failure`` every lost link or 5xx."""
    busy_waited = 0.0
    attempt = 0
    while True:
        try:
            return fn()
        except ServerBusy as exc:
            delay = policy.busy_delay(exc.retry_after)
            give_up = busy_waited + delay > policy.busy_max_s or _stopped(stop)
            if on_busy:
                on_busy(exc, None if give_up else delay)
            if give_up:
                raise
            busy_waited += delay
            if _wait(stop, delay):
                raise
        except (OfflineError, ServerUnavailable) as exc:
            attempt += 1
            give_up = attempt >= policy.attempts or _stopped(stop)
            retry_in = None if give_up else policy.delay(attempt - 1)
            if on_failure:
                on_failure(exc, retry_in)
            if retry_in is None:
                raise
            if _wait(stop, retry_in):
                raise


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _wait(stop: threading.Event | None, seconds: float) -> bool:
    """Wait ``seconds``; True if ``stop`` was set meanwhile."""
    if stop is None:
        time.sleep(seconds)
        return False
    return stop.wait(seconds)
