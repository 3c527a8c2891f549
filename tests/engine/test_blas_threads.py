"""The BLAS thread rule of fit: one thread while a step's products are small or the engine splits them over
the cores itself, every thread otherwise."""

import numpy as np
import pytest

from nnstudio.engine import Network, blas_threads, halves

from .helpers import chain

threadpoolctl = pytest.importorskip("threadpoolctl")

TWO_LAYER = chain([784], ("Dense", {"units": 100, "activation": "sigmoid"}),
                  ("Dense", {"units": 10, "activation": "softmax"}))
XOR = chain([2], ("Dense", {"units": 4, "activation": "tanh"}), ("Dense", {"units": 1, "activation": "sigmoid"}))


def blas_threads_now() -> set[int]:
    return {p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"}


class Seen:
    """Records the BLAS thread counts at every batch."""

    def __init__(self):
        self.counts = set()

    def on_batch_end(self, net, logs):
        self.counts |= blas_threads_now()


def fit_seen(spec, X, y, loss, batch_size):
    seen = Seen()
    Network.from_config(spec).fit(X, y, loss, optimizer="sgd", batch_size=batch_size, callbacks=(seen,))
    return seen.counts


@pytest.fixture
def two_threads():
    """BLAS allowed two threads (as on any multi-core machine), whatever this machine's default."""
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        if blas_threads_now() != {2}:
            pytest.skip("this BLAS cannot be set to two threads")
        yield


def test_products_per_sample_are_declared_by_the_layers():
    assert Network.from_config(TWO_LAYER).product_per_sample == 784 * 100
    conv = chain([28, 28, 1], ("Conv2D", {"filters": 32, "kernel_size": 3}), ("Flatten", {}),
                 ("Dense", {"units": 10}))
    assert Network.from_config(conv).product_per_sample == max(26 * 26 * 9 * 32, 26 * 26 * 32 * 10)
    lstm = chain([10, 3], ("LSTM", {"units": 50}), ("Dense", {"units": 1}))
    assert Network.from_config(lstm).product_per_sample == 10 * 50 * 200  # h^T dz over the timesteps
    assert Network.from_config(chain([4], ("Dropout", {}))).product_per_sample == 0


def test_small_products_train_on_one_thread_and_the_count_comes_back(two_threads):
    rng = np.random.default_rng(0)
    X, y = rng.random((300, 784), np.float32), rng.integers(0, 10, 300)
    assert fit_seen(TWO_LAYER, X, y, "sparse_categorical_crossentropy", 100) == {1}
    assert blas_threads_now() == {2}


@pytest.mark.parametrize("split", [True, False])
def test_large_products_are_split_by_the_engine_or_keep_every_blas_thread(two_threads, monkeypatch, split):
    """With two cores or more the engine cuts large products into parts itself (halves.matmul) and BLAS runs
    on one thread; on one core (no parts) BLAS keeps its count."""
    monkeypatch.setattr(halves, "enabled", split)
    rng = np.random.default_rng(0)
    n = blas_threads.ONE_THREAD_PRODUCT // (784 * 100) + 1  # one full batch just over the threshold
    X, y = rng.random((n, 784), np.float32), rng.integers(0, 10, n)
    assert fit_seen(TWO_LAYER, X, y, "sparse_categorical_crossentropy", None) == ({1} if split else {2})


def test_tiny_products_are_left_alone(two_threads):
    # OpenBLAS keeps these on one thread itself: no switch (its cost would dominate XOR's steps)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
    y = np.array([[0], [1], [1], [0]], np.float32)
    assert fit_seen(XOR, X, y, "binary_crossentropy", None) == {2}


def test_a_recurrent_walk_inside_a_fit_holding_one_thread_does_not_switch_again(two_threads, monkeypatch):
    switches = []
    pools = blas_threads._blas_pools()
    monkeypatch.setattr(blas_threads, "_blas_pools", lambda: switches.append(1) or pools)
    rng = np.random.default_rng(0)
    spec = chain([10, 8], ("GRU", {"units": 64}), ("Dense", {"units": 1}))
    X, y = rng.normal(size=(64, 10, 8)).astype(np.float32), rng.normal(size=(64, 1)).astype(np.float32)
    Network.from_config(spec).fit(X, y, "mse", batch_size=32)
    assert len(switches) == 1  # the fit's, none per forward or backward walk
    assert blas_threads_now() == {2}


def test_fits_that_overlap_in_two_threads_give_the_count_back_when_the_last_ends(two_threads):
    """Fit A starts, fit B starts, A ends while B trains (on one thread still), B ends: two threads again.
    (Each fit setting and restoring the count on its own left it at one thread for good.)"""
    import threading
    rng = np.random.default_rng(0)
    X, y = rng.random((200, 784), np.float32), rng.integers(0, 10, 200)
    a_started, a_done, b_checked = threading.Event(), threading.Event(), threading.Event()
    during = {}

    class Gate:
        def __init__(self, name):
            self.name = name

        def on_batch_end(self, net, logs):
            if self.name == "a" and not a_started.is_set():
                a_started.set()
                assert b_started.wait(10)
            if self.name == "b" and a_done.is_set() and not b_checked.is_set():
                during["b after a"] = blas_threads_now()
                during["holding"] = blas_threads.holding()
                b_checked.set()

    b_started = threading.Event()

    def fit_a():
        Network.from_config(TWO_LAYER).fit(X, y, "sparse_categorical_crossentropy", batch_size=100, epochs=2,
                                           callbacks=(Gate("a"),))
        a_done.set()

    def fit_b():
        assert a_started.wait(10)
        b_started.set()
        Network.from_config(TWO_LAYER).fit(X, y, "sparse_categorical_crossentropy", batch_size=100,
                                           epochs=400, callbacks=(Gate("b"), _StopWhen(b_checked)))

    threads = [threading.Thread(target=fit_a), threading.Thread(target=fit_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert during["b after a"] == {1}, during          # B still holds one thread after A has ended
    assert blas_threads.holding() == 0 and blas_threads_now() == {2}


class _StopWhen:
    def __init__(self, event):
        self.event = event

    def on_batch_end(self, net, logs):
        if self.event.is_set():
            net.stop_training = True


def test_a_fit_in_a_worker_thread_holds_one_thread_after_the_main_thread_has_switched(two_threads):
    """As in the window: the GUI thread switches for a prediction of its own, then the training thread fits.
    (threadpoolctl 3.8 lets only the first thread that set OpenBLAS's count change it; the worker's switch
    was silently ignored and the fit ran on every thread.)"""
    import threading
    with blas_threads.small_products(True):
        assert blas_threads_now() == {1}
    assert blas_threads_now() == {2}
    rng = np.random.default_rng(0)
    X, y = rng.random((300, 784), np.float32), rng.integers(0, 10, 300)
    seen = {}
    worker = threading.Thread(target=lambda: seen.update(
        counts=fit_seen(TWO_LAYER, X, y, "sparse_categorical_crossentropy", 100)))
    worker.start()
    worker.join(60)
    assert seen["counts"] == {1}
    assert blas_threads_now() == {2}
