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
product. docs/engine.md has the measurements behind the threshold.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from functools import lru_cache

# OpenBLAS runs products up to this many multiply-adds on one thread by itself: no switch needed below it
BLAS_SINGLE_THREAD = 1 << 18
ONE_THREAD_PRODUCT = 1 << 27

_held = 0  # fits currently holding BLAS to one thread (any thread of the process: the limit is global)


@lru_cache(maxsize=1)
def _blas_pools():
    """threadpoolctl's handle on the BLAS thread pools, or None where threadpoolctl is not installed."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController().select(user_api="blas")


def small_products(small: bool):
    """A context running BLAS on one thread when ``small`` (and training does not already hold it there)."""
    pools = _blas_pools() if small and not _held else None
    return nullcontext() if pools is None else pools.limit(limits=1)


@contextmanager
def for_training(largest_product: int):
    """BLAS on one thread for a fit whose largest per-step product has ``largest_product`` multiply-adds,
    when that is at most ``ONE_THREAD_PRODUCT`` (and above what OpenBLAS keeps on one thread anyway)."""
    global _held
    pools = _blas_pools() if BLAS_SINGLE_THREAD < largest_product <= ONE_THREAD_PRODUCT else None
    if pools is None:
        yield
        return
    with pools.limit(limits=1):
        _held += 1
        try:
            yield
        finally:
            _held -= 1
