"""Large per-sample work on two cores: the two halves of a batch at once.

NumPy runs each element-wise operation on one core, and on the course's MNIST CNN (a ReLU over 200 x 26 x 26 x
32 values, the pooling and the window copies around each convolution) those passes are limited by one core's
memory bandwidth. Each sample's values depend on that sample alone there, so the batch's first half can go to
a helper thread while the calling thread does the second: NumPy lets go of the GIL inside each operation, and
the two run at once. The result is the same bit for bit as in one pass (each value is computed by the same
operation from the same inputs; nothing is summed across the halves). Small work is not split: handing a half
to the helper costs tens of microseconds. docs/engine.md has the figures.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

LARGE = 1 << 20        # values touched below which one pass on one core is cheaper than the handoff

_local = threading.local()
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:           # not Linux
        return os.cpu_count() or 1


enabled = _cores() >= 2     # off on one core (and for tests comparing both ways)


def _helper() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(1, thread_name_prefix="nnstudio-halves",
                                           initializer=lambda: setattr(_local, "helper", True))
        return _executor


def _forget_helper() -> None:
    """In a forked child the helper thread is gone: start a new one when first needed (the lock too may have
    been held by another thread at the fork)."""
    global _executor, _lock
    _executor, _lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_helper)


def rows(n: int, size: int, work: Callable[[slice], object]) -> None:
    """``work(rows)`` over the rows ``range(n)`` of the arrays it touches: as ``work(slice(0, n // 2))`` in
    the helper thread and ``work(slice(n // 2, n))`` here at once when ``size`` (the values touched) is
    large, else as one ``work(slice(None))``. ``work`` must write only the rows it is given."""
    if not enabled or n < 2 or size < LARGE or getattr(_local, "helper", False):
        work(slice(None))
        return
    half = n // 2
    first = _helper().submit(work, slice(0, half))
    try:
        work(slice(half, n))
    finally:
        first.result()
