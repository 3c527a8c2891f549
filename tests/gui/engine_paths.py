"""How often the engine's concurrent and fused training paths ran, and their thresholds lowered so they run on
the small networks of the window (the monkey's ``--force-paths``).

The paths: a pass or product cut into parts run at once in helper threads (engine/halves.py), a large product
so cut, BLAS held to one thread for a fit (engine/blas_threads.py), glibc's malloc thresholds raised for a fit
(engine/heap.py), the training walk where a max pool applies its input's relu after pooling
(``Network._relu_pools``), and a grey conv laying its output out window by window before such a pool
(``Network._window_tiles``). Their thresholds are sized for the course's MNIST CNN (halves.LARGE = 2^20 values,
halves.PRODUCT = 2^25 multiply-adds): the window's small projects never reach the first four unless lowered.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter

from nnstudio.engine import blas_threads, halves, heap, network
from nnstudio.engine.layers import conv

# the names the report prints; with forced thresholds every one of them must have run
PATHS = ("halves parts", "products split", "BLAS held", "heap kept", "relu-pool walk", "window tiles")

# small enough that the digits CNN (batch 32 of 8x8 images, 16 filters) and the samples' MLPs cross them
FORCED = {
    (halves, "LARGE"): 1 << 8,
    (halves, "PRODUCT"): 1 << 10,
    (halves, "GRADIENT_ROWS"): 2,
    (halves, "PARTS"): max(halves.PARTS, 2),     # parts even on one core: the helper threads are what is tested
    (halves, "enabled"): True,
    (blas_threads, "BLAS_SINGLE_THREAD"): 0,     # every fit holds BLAS to one thread
    (heap, "TRIM_AFTER"): 0.0,                   # every fit hands its memory back when it ends
}


@contextlib.contextmanager
def _patched(values: dict):
    saved = {(owner, name): getattr(owner, name) for owner, name in values}
    try:
        for (owner, name), value in values.items():
            setattr(owner, name, value)
        yield
    finally:
        for (owner, name), value in saved.items():
            setattr(owner, name, value)


@contextlib.contextmanager
def counted(force: bool = False):
    """Inside: a Counter of the times each of ``PATHS`` ran, in any thread ("halves parts in GUI thread"
    counts the splits the window's own thread asked for); ``force`` lowers the thresholds meanwhile. Everything
    is put back on leaving."""
    counts = Counter({name: 0 for name in PATHS})
    lock = threading.Lock()    # the training thread and the GUI thread count at once
    gui = threading.current_thread()

    def add(name: str) -> None:
        with lock:
            counts[name] += 1

    run, splits_product = halves._run, halves.splits_product
    one_thread, kept = blas_threads._one_thread, heap.kept_for_training
    forward, forward_windows = network.Network._forward, conv.Conv2D.forward_windows

    def counting_run(n, work):
        add("halves parts" if threading.current_thread() is not gui else "halves parts in GUI thread")
        return run(n, work)

    def counting_splits_product(m, per_row):
        split = splits_product(m, per_row)
        if split:
            add("products split")
        return split

    def counting_one_thread(pools):
        add("BLAS held")
        return one_thread(pools)

    def counting_kept():
        add("heap kept")
        return kept()

    def counting_forward(self, *args, **kwargs):
        if kwargs.get("pool_first") and self._relu_pools:
            add("relu-pool walk")
        return forward(self, *args, **kwargs)

    def counting_forward_windows(self, *args, **kwargs):
        add("window tiles")
        return forward_windows(self, *args, **kwargs)

    wrappers = {(halves, "_run"): counting_run, (halves, "splits_product"): counting_splits_product,
                (blas_threads, "_one_thread"): counting_one_thread, (heap, "kept_for_training"): counting_kept,
                (network.Network, "_forward"): counting_forward,
                (conv.Conv2D, "forward_windows"): counting_forward_windows}
    with _patched({**wrappers, **(FORCED if force else {})}):
        yield counts


def missing(counts: Counter) -> list[str]:
    """The paths that never ran."""
    return [name for name in PATHS if not counts[name]]
