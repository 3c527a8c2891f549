"""data.network_fit: each case is a data task, the network's output layer and loss setting, and what the check
must report and change (one table: a new task or wrong activation cannot be forgotten)."""

import numpy as np
import pytest

from nnstudio.data import Dataset, network_fit


def dataset(task: str, features: int = 3) -> Dataset:
    n = 12
    X = np.arange(n * features, dtype=float).reshape(n, features)
    if task == "regression":
        return Dataset(X, np.linspace(100.0, 300.0, n), [f"f{i}" for i in range(features)], "price", task)
    k = 2 if task == "binary" else 4
    return Dataset(X, np.arange(n) % k, [f"f{i}" for i in range(features)], "label", task,
                   [f"c{i}" for i in range(k)])


def spec(units: int, act: str, inputs: int = 3) -> dict:
    return {"nodes": [{"id": "x", "type": "Input", "params": {"shape": [inputs]}},
                      {"id": "h", "type": "Dense", "params": {"units": 5, "activation": "tanh"}},
                      {"id": "y", "type": "Dense", "params": {"units": units, "activation": act}, "name": "out"}],
            "edges": [["x", "h"], ["h", "y"]]}


# task, output (units, activation), loss setting -> node ids at fault (None: the loss), output after the fix,
# loss after the fix ("keep": unchanged)
CASES = {
    "regression_fits": ("regression", (1, "linear"), None, [], None, "keep"),
    "regression_relu_is_allowed": ("regression", (1, "relu"), "mae", [], None, "keep"),
    "regression_sigmoid": ("regression", (1, "sigmoid"), None, ["y"], (1, "linear"), "keep"),
    "regression_softmax_3": ("regression", (3, "softmax"), None, ["y"], (1, "linear"), "keep"),
    "regression_with_bce": ("regression", (1, "sigmoid"), "binary_crossentropy", ["y", None], (1, "linear"), None),
    "binary_fits": ("binary", (1, "sigmoid"), None, [], None, "keep"),
    "binary_two_softmax_fits": ("binary", (2, "softmax"), None, [], None, "keep"),
    "binary_step_perceptron_fits": ("binary", (1, "step"), "mse", [], None, "keep"),
    "binary_linear": ("binary", (1, "linear"), None, ["y"], (1, "sigmoid"), "keep"),
    "binary_three_units": ("binary", (3, "softmax"), None, ["y"], (1, "sigmoid"), "keep"),
    "multiclass_fits": ("multiclass", (4, "softmax"), None, [], None, "keep"),
    "multiclass_one_sigmoid": ("multiclass", (1, "sigmoid"), "binary_crossentropy", ["y", None], (4, "softmax"),
                               None),
    "multiclass_relu": ("multiclass", (4, "relu"), None, ["y"], (4, "softmax"), "keep"),
    "multiclass_mse": ("multiclass", (4, "softmax"), "mse", [None], None, None),
}


@pytest.mark.parametrize("name", CASES)
def test_check_names_the_fault_and_the_fix(name):
    task, (units, act), loss, at_fault, fixed, new_loss = CASES[name]
    fit = network_fit.check(spec(units, act), dataset(task), loss)
    assert [m.node_id for m in fit.mismatches] == at_fault
    if fixed is None:
        assert "y" not in fit.params
    else:
        assert (fit.params["y"]["units"], fit.params["y"]["activation"]) == fixed
        assert "'out'" in fit.summary()                 # the sentence names the layer as the canvas does
    assert fit.loss_changed == (new_loss != "keep")
    if new_loss != "keep":
        assert fit.loss == new_loss and f"'{loss}'" in fit.summary()
    assert fit.fixable == bool(at_fault)
    for m in fit.mismatches:
        assert m.message.endswith(".") and "\n" not in m.message


def test_input_shape_and_the_one_sentence_summary():
    fit = network_fit.check(spec(1, "sigmoid", inputs=2), dataset("regression", features=13), "binary_crossentropy")
    assert fit.params["x"] == {"shape": [13]}
    assert fit.summary() == ("Adapted the network to the data: Input shape [2] → [13]; output 'out' 1 unit · "
                             "sigmoid → 1 unit · linear; loss 'binary_crossentropy' → mse.")


def test_a_network_without_a_single_dense_output_is_left_to_the_engine():
    s = spec(1, "sigmoid")
    s["edges"] = [["x", "h"]]                           # two ends: the engine's analysis reports that
    assert network_fit.check(s, dataset("regression")).params == {}
