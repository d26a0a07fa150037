"""Background work at a lower priority: the decode-ahead thread alone, the model's process
whole (its later threads included), the window's thread untouched."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

import pytest

from labeler import priority

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="per-thread nice values are Linux's"
)


def _nice_of_this_thread() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def _in_a_thread(fn: Callable[[], bool]) -> dict[str, object]:
    seen: dict[str, object] = {}

    def run() -> None:
        seen["lowered"] = fn()
        seen["nice"] = _nice_of_this_thread()
        child = threading.Thread(target=lambda: seen.update(child=_nice_of_this_thread()))
        child.start()
        child.join()

    t = threading.Thread(target=run)
    t.start()
    t.join()
    return seen


def test_this_threads_priority_is_lowered_and_no_other_thread_s() -> None:
    base = os.getpriority(os.PRIO_PROCESS, os.getpid())
    seen = _in_a_thread(priority.lower_this_threads_priority)
    assert seen == {"lowered": True, "nice": min(base + 10, 19), "child": min(base + 10, 19)}
    assert _nice_of_this_thread() == base  # the caller of the test (the "window") keeps its
    again = _in_a_thread(priority.lower_this_threads_priority)  # each task sets it again
    assert again["nice"] == min(base + 10, 19)


def test_the_process_priority_is_lowered_for_the_threads_it_starts_after() -> None:
    base = _nice_of_this_thread()
    seen = _in_a_thread(priority.lower_process_priority)  # a thread stands in for the child
    assert seen == {"lowered": True, "nice": min(base + 10, 19), "child": min(base + 10, 19)}
    assert _nice_of_this_thread() == base
