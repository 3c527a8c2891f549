"""The BLAS thread rule of fit: one thread while a step's products are small, every thread otherwise."""

import numpy as np
import pytest

from nnstudio.engine import Network, blas_threads

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


def test_large_products_keep_every_thread(two_threads):
    rng = np.random.default_rng(0)
    n = blas_threads.ONE_THREAD_PRODUCT // (784 * 100) + 1  # one full batch just over the threshold
    X, y = rng.random((n, 784), np.float32), rng.integers(0, 10, n)
    assert fit_seen(TWO_LAYER, X, y, "sparse_categorical_crossentropy", None) == {2}


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
