"""Large per-sample work and large matrix products on every core: a batch cut into parts run at once.

NumPy runs each element-wise operation on one core, and on the course's MNIST CNN (a ReLU over 200 x 26 x 26 x
32 values, the pooling and the window copies around each convolution) those passes are limited by one core's
memory bandwidth. Each sample's values depend on that sample alone there, so the batch's parts (two halves on a
2-core machine, up to ``MAX_PARTS``) go to helper threads while the calling thread does the last: NumPy lets go
of the GIL inside each operation, and they run at once. The result is the same bit for bit as in one pass
(each value is computed by the same operation from the same inputs; nothing is summed across the parts).
Small work is not split: handing a part to a helper costs tens of microseconds.

Large matrix products are split the same way (``matmul``, ``matmul_t``) while a fit holds BLAS to one thread
(engine/blas_threads.py). OpenBLAS's own threads wait for each other by spinning at every block of a product:
when another busy program shares the cores, one of them is descheduled and the course CNN's step took
1.2-1.9 s instead of 85 ms. The parts here wait by blocking, never spin, and a product is split along its
output rows only, so each value is still one dot product over the whole sum. docs/engine.md has the figures.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

LARGE = 1 << 20        # values touched below which one pass on one core is cheaper than the handoff
PRODUCT = 1 << 25      # multiply-adds below which a product runs in one piece
GRADIENT_ROWS = 64    # a weight gradient with fewer rows than this is one product (matmul_t)
MAX_PARTS = 4          # element-wise passes are bound by memory bandwidth: more threads stop paying

_local = threading.local()
_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:           # not Linux
        return os.cpu_count() or 1


PARTS = min(_cores(), MAX_PARTS)
enabled = PARTS >= 2     # off on one core (and for tests comparing both ways)


def _helper() -> ThreadPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(MAX_PARTS - 1, thread_name_prefix="nnstudio-halves",
                                           initializer=lambda: setattr(_local, "helper", True))
        return _executor


def _forget_helper() -> None:
    """In a forked child the helper threads are gone: start new ones when first needed (the lock too may have
    been held by another thread at the fork)."""
    global _executor, _lock
    _executor, _lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_helper)


def _splits() -> bool:
    return enabled and not getattr(_local, "helper", False)


def _run(n: int, work: Callable[[slice], object]) -> None:
    """``work`` over ``PARTS`` consecutive slices of ``range(n)`` at once, the last one in this thread. Every
    part is waited for, even when one fails (they write into the caller's arrays); the first error is raised."""
    parts = min(PARTS, n)
    cuts = [n * i // parts for i in range(parts + 1)]
    pieces = [slice(a, b) for a, b in zip(cuts, cuts[1:])]
    futures = [_helper().submit(work, piece) for piece in pieces[:-1]]
    error = None
    try:
        work(pieces[-1])
    except BaseException as exc:     # noqa: BLE001  (raised below, after the other parts have finished)
        error = exc
    for future in futures:
        try:
            future.result()
        except BaseException as exc:  # noqa: BLE001
            error = error or exc
    if error is not None:
        raise error


def rows(n: int, size: int, work: Callable[[slice], object]) -> None:
    """``work(rows)`` over the rows ``range(n)`` of the arrays it touches: as ``work(slice(0, n // 2))`` in
    a helper thread and ``work(slice(n // 2, n))`` here at once on two cores (more parts on more cores) when
    ``size`` (the values touched) is large, else as one ``work(slice(None))``. ``work`` must write only the
    rows it is given."""
    if n < 2 or size < LARGE or not _splits():
        work(slice(None))
        return
    _run(n, work)


def splits_product(m: int, per_row: int) -> bool:
    """Whether a product with ``m`` output rows of ``per_row`` multiply-adds each is cut into parts: when it
    is large, BLAS runs on one thread (inside a fit) and there is more than one core."""
    from .blas_threads import holding   # (blas_threads imports this module)
    return m >= 2 and m * per_row >= PRODUCT and holding() > 0 and _splits()


def matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` for 2-D arrays; a large product's rows are cut into parts, one per core, while BLAS runs on
    one thread (inside a fit). Otherwise BLAS's own threads, if any, do the product."""
    m, k = a.shape
    # the size test comes first: teaching-size networks make several small products a step
    if m * k * b.shape[1] < PRODUCT or not splits_product(m, k * b.shape[1]):
        return np.matmul(a, b, out=out)
    if out is None:
        out = np.empty((m, b.shape[1]), dtype=np.result_type(a, b))
    _run(m, lambda r: np.matmul(a[r], b, out=out[r]))
    return out


def matmul_t(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a.T @ b`` (a weight gradient: a sum over the batch), split like ``matmul`` along the output's rows,
    a's columns: each part still sums over the whole batch in one product. A few rows (a grey conv's
    kh*kw + 1) stay whole: each part would read all of ``b`` again, and the parts took 3.9 ms against 2.5."""
    k, m = a.shape
    if m * k * b.shape[1] < PRODUCT or m < GRADIENT_ROWS or not splits_product(m, k * b.shape[1]):
        return np.matmul(a.T, b, out=out)
    if out is None:
        out = np.empty((m, b.shape[1]), dtype=np.result_type(a, b))
    _run(m, lambda r: np.matmul(a[:, r].T, b, out=out[r]))
    return out


def matmul_each(a: np.ndarray, bs: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out[k] = a @ bs[k]`` for every k (a conv's input gradient, one product per kernel position, each
    written as one contiguous block); the rows of ``a`` are cut into parts like ``matmul``'s."""
    m = a.shape[0]

    def work(rows):
        for k in range(len(bs)):
            np.matmul(a[rows], bs[k], out=out[k, rows])

    if m * a.shape[1] * bs.shape[2] * len(bs) < PRODUCT or not splits_product(m, a.shape[1] * bs.shape[2]):
        work(slice(None))
    else:
        _run(m, work)
    return out
