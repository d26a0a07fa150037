"""Background work at a lower scheduling priority, so the window wins the CPU on 2 cores.

Two helpers, for the two kinds of background work:

- ``lower_process_priority()``: the model's own process (``labeler.models.process``).
  Windows: the process's priority class becomes "below normal" (all its threads, now and
  later). Linux: a nice value ``NICE`` above the caller's (``os.nice``). Linux keeps a nice
  value per thread and a new thread starts with its creator's, so call it first thing,
  before the process starts threads of its own (onnxruntime's pool): they inherit it.
- ``lower_this_threads_priority()``: only the calling thread, in a process whose other
  threads (the window's) keep theirs: the decode-ahead thread (``ui.prefetch``). Linux: the
  thread gets a nice value ``NICE`` above the process's main thread (capped at 19), set by
  its own thread id. Elsewhere (Windows) nothing: there a thread's priority is relative to
  its process's class, and the decode ahead runs at the usual priority.

Neither raises: where the system refuses (a sandbox, a container without the right), the
work runs at the usual priority and the helper says so by returning ``False``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

NICE = 10  # how much lower than the window's (a POSIX nice value: higher is lower priority)
_BELOW_NORMAL_PRIORITY_CLASS = 0x4000  # Windows SetPriorityClass


def lower_process_priority() -> bool:
    """Lower the priority of this whole process (see the module's note); whether it was."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.nice(NICE)
    except (OSError, AttributeError):  # not allowed here: the usual priority
        return False
    return True


def lower_this_threads_priority() -> bool:
    """Linux: lower the calling thread alone (see the module's note); whether it was.

    Setting the same value again is one cheap system call, so a caller on a pool thread may
    call it at the start of every task (a pool thread keeps no Python thread-local state
    from one task to the next to remember it by)."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(AttributeError, OSError):  # a sandbox may refuse
        main = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the process's main thread
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(main + NICE, 19))
        return True
    return False
