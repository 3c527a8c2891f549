"""How many BLAS threads the engine's matrix products get: one for small products, decided once per fit.

OpenBLAS splits every product above about 262,144 multiply-adds over all its threads, which then wait for each
other by spinning. For the products of the networks students build (a TwoLayerNet's 100x784 by 784x100, an
MLP's 128x784 by 784x256) that synchronisation costs more than the second thread saves, and far more when
other programs share the cores: one descheduled thread stalls the whole product, and the spinning thread
takes a core from the element-wise work between products. So ``fit`` holds BLAS to one thread when the
largest product of a training step is at most ``ONE_THREAD_PRODUCT`` multiply-adds (the layers declare their
products per sample, ``Layer.product_size``); larger products (the course's MNIST CNN) keep every thread.
The recurrent layers' walk over the timesteps asks the same of its small per-step products
(``small_products``), and skips the switch when training already holds one thread. threadpoolctl is how
(without it nothing changes); each switch costs microseconds, so it is done per fit or per walk, never per
product. The setting is the process's: fits in several threads share one hold, and the count comes back when
the last of them ends. docs/engine.md has the measurements behind the threshold.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager, nullcontext
from functools import lru_cache

# OpenBLAS runs products up to this many multiply-adds on one thread by itself: no switch needed below it
BLAS_SINGLE_THREAD = 1 << 18
ONE_THREAD_PRODUCT = 1 << 27

# BLAS's thread count is one setting for the whole process, and fits run in several threads at once (the
# window's training, a preview, compared variants): the first holder sets one thread and the last one to leave
# puts the count back, whatever order they leave in (nested "set and restore" contexts, left out of order,
# would restore a holder's one thread after everyone had finished)
_lock = threading.Lock()
_held = 0         # holders of the one-thread setting now, in any thread
_restore: list = []   # (library controller, its thread count) to put back when the last holder leaves


@lru_cache(maxsize=1)
def _blas_pools():
    """threadpoolctl's handle on the BLAS thread pools, or None where threadpoolctl is not installed."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController().select(user_api="blas")


def _set_threads(lib, count: int) -> None:
    """Set one library's thread count from whichever thread holds ``_lock``. threadpoolctl 3.8 lets only the
    first thread that sets OpenBLAS's count change it again and silently ignores the others (a guard against
    threads fighting over the setting); ours are serialized by ``_lock``, so the guard is cleared around each
    switch, which also leaves it free for any other code's own limits."""
    clear = getattr(type(lib), "clear_controlling_thread", None)
    if clear is not None:
        clear(force=True)
    lib.set_num_threads(count)
    if clear is not None:
        clear(force=True)


@contextmanager
def _one_thread(pools):
    global _held, _restore
    with _lock:
        if _held == 0:
            _restore = [(lib, lib.get_num_threads()) for lib in pools.lib_controllers]
            for lib, _count in _restore:
                _set_threads(lib, 1)
        _held += 1
    try:
        yield
    finally:
        with _lock:
            _held -= 1
            if _held == 0:
                for lib, count in _restore:
                    if count is not None:
                        _set_threads(lib, count)
                _restore = []


def holding() -> int:
    """How many fits or walks hold BLAS to one thread now (0: the count is the process's own)."""
    return _held


def small_products(small: bool):
    """A context running BLAS on one thread when ``small`` (and training does not already hold it there)."""
    pools = _blas_pools() if small and not _held else None
    return nullcontext() if pools is None else _one_thread(pools)


def for_training(largest_product: int):
    """BLAS on one thread for a fit whose largest per-step product has ``largest_product`` multiply-adds,
    when that is above what OpenBLAS keeps on one thread anyway, and either at most ``ONE_THREAD_PRODUCT`` or
    the engine splits large products over the cores itself (``halves.matmul``, on two cores or more)."""
    from . import halves
    hold = BLAS_SINGLE_THREAD < largest_product and (largest_product <= ONE_THREAD_PRODUCT or halves.enabled)
    pools = _blas_pools() if hold else None
    return nullcontext() if pools is None else _one_thread(pools)
