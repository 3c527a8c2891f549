"""Step inside (trace, preview_update) and the gradient check show a NaN or inf where the numbers are one, as
training does, without NumPy's floating-point warnings: the suite turns warnings into errors, and in the app
they only reached stderr (found by the CNN monkey: a categorical loss on a tanh output, Adagrad on an inf)."""

from __future__ import annotations

import numpy as np

from nnstudio.engine import losses
from nnstudio.engine.gradcheck import compare
from nnstudio.engine.network import Network
from nnstudio.engine.trace import preview_update, trace


def tanh_net():
    spec = {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [3]}},
                      {"id": "out", "type": "Dense", "params": {"units": 2, "activation": "tanh"}}],
            "edges": [["x", "out"]]}
    net = Network.from_config(spec, seed=0)
    net.set_weights({"out": {"kernel": np.array([[1, -1], [1, -1], [1, -1]], np.float32),
                             "bias": np.zeros(2, np.float32)}})
    return net


X = np.ones((2, 3), np.float32)
Y = np.array([[0, 1], [0, 1]], np.float32)     # the true class's output is tanh(-3) < 0: log of a negative


def test_a_loss_of_a_negative_probability_is_traced_as_nan_quietly():
    tr = trace(tanh_net(), X, Y, losses.get("categorical_crossentropy"))
    assert np.isnan(tr.loss)


def test_an_update_from_an_infinite_gradient_is_previewed_quietly():
    net = tanh_net()
    tr = trace(net, X, np.array([[1, 0], [1, 0]], np.float32), losses.get("categorical_crossentropy"))
    node = next(n for n in tr.nodes if n.node_id == "out")
    node.grads["kernel"] = node.grads["kernel"].copy()
    node.grads["kernel"][0, 0] = np.inf
    updates = {u.key: u for u in preview_update(net, tr, {"name": "adagrad", "learning_rate": 0.01})}
    after = updates["out/kernel"].after
    assert not np.isfinite(after[0, 0]) and np.isfinite(after[1:]).all()


def test_the_gradient_check_of_a_nan_loss_runs_quietly():
    result = compare(tanh_net(), X, Y, "categorical_crossentropy", max_entries=2)
    kernel = result.tensors["out/kernel"]
    assert np.isnan(kernel.central).all() and kernel.passes == 4     # the NaN differences, shown as they are
