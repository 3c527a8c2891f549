"""Large per-sample work and large products split over threads (engine/halves.py): the same bits as one pass
for element-wise work, the same product within rounding, small work not split, errors from any part reach
the caller once every part has finished."""

import threading

import numpy as np
import pytest

from nnstudio.engine import Network, activations, halves, layers
from nnstudio.engine.layers import windows as win

from .helpers import chain

RNG = np.random.default_rng(7)


@pytest.fixture
def split(monkeypatch):
    monkeypatch.setattr(halves, "enabled", True)
    monkeypatch.setattr(halves, "PARTS", 2)


def both_ways(monkeypatch, compute):
    """compute() with the halves on two threads and in one pass."""
    monkeypatch.setattr(halves, "enabled", True)
    monkeypatch.setattr(halves, "PARTS", 2)
    two = compute()
    monkeypatch.setattr(halves, "enabled", False)
    return two, compute()


def test_large_work_runs_as_two_halves_in_two_threads(split):
    seen = []
    halves.rows(10, halves.LARGE, lambda rows: seen.append((rows, threading.current_thread().name)))
    assert sorted((r.start, r.stop) for r, _ in seen) == [(0, 5), (5, 10)]
    assert len({name for _, name in seen}) == 2


def test_small_work_and_work_inside_a_half_run_in_one_pass(split):
    seen = []
    halves.rows(10, halves.LARGE - 1, seen.append)
    assert seen == [slice(None)]
    inner = []
    halves.rows(4, halves.LARGE, lambda rows: halves.rows(4, halves.LARGE, inner.append))
    # the caller's half may split again (the helper takes it in turn); the helper's half never waits for itself
    assert slice(None) in inner


@pytest.mark.parametrize("failing", [slice(0, 5), slice(5, 10)])
def test_an_error_in_either_half_reaches_the_caller(split, failing):
    def work(rows):
        if rows == failing:
            raise ValueError("bad rows")
    with pytest.raises(ValueError, match="bad rows"):
        halves.rows(10, halves.LARGE, work)


def test_relu_forward_and_backward_are_the_same_bits_split(monkeypatch):
    z = RNG.normal(size=(48, 26, 26, 32)).astype(np.float32)
    g = RNG.normal(size=z.shape).astype(np.float32)
    relu = activations.get("relu")
    two, one = both_ways(monkeypatch, lambda: (relu.forward(z), relu.backward(z, None, g)))
    for a, b in zip(two, one):
        assert a.dtype == b.dtype == np.float32
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(one[1], g * (z > 0))


def test_window_copies_and_col2im_are_the_same_bits_split(monkeypatch):
    xp = RNG.normal(size=(40, 13, 13, 32))
    grey = RNG.normal(size=(200, 28, 28, 1))
    cols = RNG.normal(size=(40, 11, 11, 3, 3, 32))
    blocks = np.ascontiguousarray(cols.reshape(40, 11, 11, 9, 32).transpose(3, 0, 1, 2, 4))
    two, one = both_ways(monkeypatch, lambda: (win.im2col(xp, 3, 3, 1, 1, 11, 11),
                                               win.im2col_matrix(grey, 3, 3, 1, 1, 26, 26),
                                               win.col2im(cols, xp.shape, 1, 1),
                                               win.col2im_blocks(blocks, xp.shape, 3, 1, 1)))
    for a, b in zip(two, one):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(one[3], one[2])     # the blocks' layout adds the same values in the same order
    np.testing.assert_array_equal(one[0], np.lib.stride_tricks.sliding_window_view(xp, (3, 3), axis=(1, 2))
                                  .transpose(0, 1, 2, 4, 5, 3))


@pytest.mark.parametrize("params", [{"pool_size": 2}, {"pool_size": 3, "strides": 1},
                                    {"pool_size": 2, "padding": "same"}])
def test_max_pooling_is_the_same_bits_split(monkeypatch, params):
    x = np.maximum(RNG.normal(size=(40, 25, 25, 32)), 0).round(1)     # relu-like: many ties
    layer = layers.get("MaxPooling2D")("p", params)

    def run():
        out, cache = layer.forward([x], {}, {}, True)
        g = np.linspace(-1.0, 1.0, out.size).reshape(out.shape)
        return out, layer.backward(g, cache, {})[0][0]

    for a, b in zip(*both_ways(monkeypatch, run)):
        np.testing.assert_array_equal(a, b)


def test_a_cnn_trains_to_the_same_weights_split(monkeypatch):
    spec = chain([28, 28, 1], ("Conv2D", {"filters": 32, "kernel_size": 3, "padding": "valid"}),
                 ("MaxPooling2D", {"pool_size": 2}),
                 ("Conv2D", {"filters": 16, "kernel_size": 3, "padding": "valid"}),
                 ("Flatten", {}), ("Dense", {"units": 10, "activation": "softmax"}))
    X = RNG.random((128, 28, 28, 1)).astype(np.float32)
    y = RNG.integers(0, 10, 128)

    def train():
        net = Network.from_config(spec, seed=3, dtype="float32")
        # SGD: Adam would turn last-bit differences in near-zero gradients into whole steps of its rate
        net.fit(X, y, "sparse_categorical_crossentropy", optimizer="sgd", epochs=1, batch_size=64, seed=0)
        return net.get_weights()

    two, one = both_ways(monkeypatch, train)
    # the element-wise passes give the same bits split; the products' parts are other matrix shapes, which
    # BLAS may round differently in the last bit on some CPUs
    for node in one:
        for name in one[node]:
            np.testing.assert_allclose(two[node][name], one[node][name], rtol=1e-5, atol=1e-7)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork is POSIX only")
def test_a_forked_child_gets_a_helper_of_its_own():
    # the parent's helper thread does not exist in a child made by fork (a notebook's multiprocessing)
    import subprocess
    import sys
    code = """
import os, numpy as np
from nnstudio.engine import halves
halves.enabled = True
z = np.ones((4, halves.LARGE // 2))
from nnstudio.engine.activations import get
get("relu").forward(z)               # the parent's helper starts
pid = os.fork()
if pid == 0:
    out = get("relu").forward(-z)    # would wait forever for the parent's helper
    os._exit(0 if not out.any() else 1)
_, status = os.waitpid(pid, 0)
raise SystemExit(os.waitstatus_to_exitcode(status))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


class Spy:
    """Counts the splits of halves._run."""

    def __init__(self, monkeypatch):
        self.calls = 0
        run = halves._run

        def counted(n, work):
            self.calls += 1
            return run(n, work)
        monkeypatch.setattr(halves, "_run", counted)


@pytest.mark.parametrize("layout", ["C", "F"])
def test_large_products_are_split_only_while_blas_runs_on_one_thread(split, monkeypatch, layout):
    from nnstudio.engine import blas_threads
    if blas_threads._blas_pools() is None:
        pytest.skip("threadpoolctl cannot hold BLAS here")
    monkeypatch.setattr(halves, "PRODUCT", 1000)
    spy = Spy(monkeypatch)
    a = np.asarray(RNG.random((301, 80), np.float32), order=layout)   # F: a grey conv's window matrix
    b = RNG.random((80, 7), np.float32)
    g = RNG.random((301, 7), np.float32)
    assert np.array_equal(halves.matmul(a, b), a @ b)         # BLAS's own threads: not split, the same call
    assert spy.calls == 0
    with blas_threads.small_products(True):
        assert blas_threads.holding()
        split_product, split_gradient = halves.matmul(a, b), halves.matmul_t(a, g)
        per_position = RNG.random((3, 80, 5), np.float32)
        each = halves.matmul_each(a, per_position, np.empty((3, 301, 5), np.float32))
    assert spy.calls == 3
    np.testing.assert_allclose(each, np.stack([a @ k for k in per_position]), rtol=1e-6)
    np.testing.assert_allclose(split_product, a @ b, rtol=1e-6)
    np.testing.assert_allclose(split_gradient, a.T @ g, rtol=1e-6)
    out = np.empty((80, 7), np.float32)
    with blas_threads.small_products(True):
        assert halves.matmul_t(a, g, out=out) is out
        assert spy.calls == 4
        halves.matmul_t(a[:, :10], g)         # a gradient of ten rows: one product, each part would read all of g
    assert spy.calls == 4


def test_a_failing_part_is_raised_after_every_part_has_finished(split):
    import time
    finished = []

    def work(rows):
        if rows.start == 5:            # this thread's part fails at once, while the helper's still runs
            raise ValueError("bad part")
        time.sleep(0.05)
        finished.append(rows)

    with pytest.raises(ValueError, match="bad part"):
        halves._run(10, work)
    assert finished == [slice(0, 5)]    # it was waited for: it writes into the caller's arrays
